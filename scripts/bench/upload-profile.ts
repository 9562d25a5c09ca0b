// Where the web server's main thread spends the time it blocks during a 20 MB / 200,000-row
// upload (preview, then import) while a registrant registers: the server runs under
// `node --cpu-prof`, and its main thread's profile is read for long tasks (cpu-profile.ts) —
// stretches with no idle sample — with their garbage collection and top
// functions. A stretch can hold several short callbacks back to back (the profile does not mark
// where one task ends and the next begins), so it is an upper bound of the longest task; the
// event-loop delay histogram (loop-monitor.mjs) is the measure of blocking. Builds are compared in one run, alternating: BENCH_PROFILE_BUILDS=before:.next-main,after:.next
// (each a SPOR_DIST_DIR), BENCH_UPLOAD_MODES=server,embedded, BENCH_UPLOAD_REPEATS (2).
//
//   npx tsx scripts/bench/upload-profile.ts   (after `npx next build`; prints markdown, BENCH_OUT too)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppMode, signInCookie, startApp } from "./app-server";
import { longTasks } from "./cpu-profile";
import { during, LoopMonitor, median, paddedUploadFile, post, registrationTarget } from "./upload";

const PASSWORD = "spor-demo-2026";
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface Run {
  build: string;
  mode: AppMode;
  status: string;
  seconds: number;
  loopMaxMs: number;
  loopP99Ms: number;
  baselineLoopMaxMs: number;
  registrations: string;
  worstRegistrationMs: number;
  longest: number;
  longestGc: number;
  over50: number;
  over100: number;
  busyMs: number;
  gcMs: number;
  detail: string[];
  load: number;
  /** Main-thread CPU and GC per second of the step, and its longest busy stretch: without an upload, and during it. */
  baselineBusyPerS: number;
  baselineGcPerS: number;
  baselineLongest: number;
  busyPerS: number;
  gcPerS: number;
}

async function once(mode: AppMode, build: string, distDir: string, file: Uint8Array, port: number): Promise<Run> {
  const loop = new LoopMonitor();
  const env = { ...loop.env(), SPOR_DIST_DIR: distDir, SPOR_BENCH_CPU_PROFILE: "1" };
  let measuredProfile: ReturnType<typeof longTasks> | undefined;
  let baselineProfile: ReturnType<typeof longTasks> | undefined;
  const app = await startApp(mode, SERVER, port, { env });
  const load = os.loadavg()[0];
  let run: Omit<
    Run,
    | "longest"
    | "longestGc"
    | "over50"
    | "over100"
    | "busyMs"
    | "gcMs"
    | "detail"
    | "baselineBusyPerS"
    | "baselineGcPerS"
    | "baselineLongest"
    | "busyPerS"
    | "gcPerS"
  >;
  try {
    const coordinator = await signInCookie(app.baseUrl, "koordinator@koege.test", PASSWORD);
    const registrantCookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const registrant = { cookie: registrantCookie, ...(await registrationTarget(app, registrantCookie)) };
    const warm = await post(app, coordinator, "/api/uploads?tilladDublet=1", paddedUploadFile(100), "warm.csv");
    if (warm.status !== 200) throw new Error(`warm-up import: ${warm.status} ${warm.answer}`);
    const baseline = await during(app, registrant, () => new Promise((r) => setTimeout(r, 5000)), loop);
    baselineProfile = lastProfile(loop.dir);
    const measured = await during(
      app,
      registrant,
      async () => {
        const preview = await post(app, coordinator, "/api/uploads/preview", file);
        const imported = await post(app, coordinator, "/api/uploads?tilladDublet=1", file);
        return `${preview.status}/${imported.status}`;
      },
      loop,
    );
    measuredProfile = lastProfile(loop.dir);
    if (process.env.BENCH_KEEP_PROFILES) {
      const keep = fs.mkdtempSync(path.join(os.tmpdir(), `spor-prof-${mode}-${build}-`));
      for (const f of fs.readdirSync(loop.dir)) if (f.endsWith(".cpuprofile")) fs.copyFileSync(path.join(loop.dir, f), path.join(keep, f));
      console.error(`profiles kept in ${keep}`);
    }
    run = {
      build,
      mode,
      status: measured.result,
      seconds: measured.seconds,
      loopMaxMs: measured.loop?.maxMs ?? NaN,
      loopP99Ms: measured.loop?.p99Ms ?? NaN,
      baselineLoopMaxMs: baseline.loop?.maxMs ?? NaN,
      registrations: `${measured.registrationsOk} ok, ${measured.registrationsFailed} failed`,
      worstRegistrationMs: measured.worstRegistrationMs,
      load,
    };
  } finally {
    await app.stop();
    loop.close();
  }
  const server = measuredProfile!;
  const tasks = server.tasks;
  const longest = tasks.reduce((m, t) => (t.ms > m.ms ? t : m), { ms: 0, gcMs: 0, top: [] as { name: string; ms: number }[], startMs: 0 });
  const detail = tasks
    .filter((t) => t.ms >= 50)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(
      (t) =>
        `${t.ms.toFixed(0)} ms (GC ${t.gcMs.toFixed(0)}): ${t.top
          .slice(0, 3)
          .map((f) => `${f.name} ${f.ms.toFixed(0)}`)
          .join("; ")}`,
    );
  const result: Run = {
    ...run,
    longest: longest.ms,
    longestGc: longest.gcMs,
    over50: tasks.filter((t) => t.ms >= 50).length,
    over100: tasks.filter((t) => t.ms >= 100).length,
    busyMs: server.busyMs,
    gcMs: server.gcMs,
    busyPerS: server.busyMs / (server.spanMs / 1000),
    gcPerS: server.gcMs / (server.spanMs / 1000),
    baselineBusyPerS: baselineProfile!.busyMs / (baselineProfile!.spanMs / 1000),
    baselineGcPerS: baselineProfile!.gcMs / (baselineProfile!.spanMs / 1000),
    baselineLongest: Math.max(0, ...baselineProfile!.tasks.map((t) => t.ms)),
    detail,
  };
  console.error(JSON.stringify(result));
  return result;
}

/** The web server's main thread during the last step: of each process's latest profile, the busiest. */
function lastProfile(dir: string): ReturnType<typeof longTasks> {
  const latest = new Map<string, { n: number; file: string }>();
  for (const f of fs.readdirSync(dir)) {
    const m = /^(\d+)\.(\d+)\.cpuprofile$/.exec(f);
    if (m && Number(m[2]) > (latest.get(m[1])?.n ?? 0)) latest.set(m[1], { n: Number(m[2]), file: f });
  }
  const profiles = [...latest.values()].map((p) => longTasks(path.join(dir, p.file))).sort((a, b) => b.busyMs - a.busyMs);
  if (!profiles[0]) throw new Error(`no CPU profile in ${dir}`);
  return profiles[0];
}

const fmt = (n: number, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–";

async function main() {
  const rows = Number(process.env.BENCH_UPLOAD_ROWS ?? 200_000);
  const port = Number(process.env.BENCH_UPLOAD_PORT ?? 3331);
  const repeats = Number(process.env.BENCH_UPLOAD_REPEATS ?? 2);
  const modes = (process.env.BENCH_UPLOAD_MODES?.split(",") ?? ["server", "embedded"]) as AppMode[];
  const builds = (process.env.BENCH_PROFILE_BUILDS ?? "before:.next-main,after:.next")
    .split(",")
    .map((b) => b.split(":") as [string, string]);
  const file = paddedUploadFile(rows);
  const started = new Date();
  const runs: Run[] = [];
  for (const mode of modes)
    for (let i = 0; i < repeats; i++)
      for (const [build, dir] of i % 2 ? [...builds].reverse() : builds) runs.push(await once(mode, build, dir, file, port));
  const out = [
    `Run ${started.toISOString()} – ${new Date().toISOString()}, ${fmt(rows)} rows, ${fmt(file.length / 2 ** 20)} MB, ${os.cpus().length} cores`,
    "",
  ];
  out.push(
    "| database | build | runs | answers | preview+import | loop max (baseline) | loop p99 | longest busy stretch (GC) (baseline) | stretches ≥ 50 / ≥ 100 ms | main-thread CPU (GC) | CPU / GC per s, upload (baseline) | registrations (worst) | load |",
  );
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const mode of modes)
    for (const [build] of builds) {
      const rs = runs.filter((r) => r.mode === mode && r.build === build);
      const m = (pick: (r: Run) => number, d = 0) => fmt(median(rs.map(pick)), d);
      out.push(
        `| ${mode} | ${build} | ${rs.length} | ${rs.map((r) => r.status).join(", ")} | ${m((r) => r.seconds, 1)} s | ${m((r) => r.loopMaxMs)} (${m((r) => r.baselineLoopMaxMs)}) ms | ${m((r) => r.loopP99Ms)} ms | ${m((r) => r.longest)} (${m((r) => r.longestGc)}) (${m((r) => r.baselineLongest)}) ms | ${m((r) => r.over50)} / ${m((r) => r.over100)} | ${m((r) => r.busyMs / 1000, 1)} (${m((r) => r.gcMs / 1000, 1)}) s | ${m((r) => r.busyPerS)} / ${m((r) => r.gcPerS)} (${m((r) => r.baselineBusyPerS)} / ${m((r) => r.baselineGcPerS)}) ms | ${rs.map((r) => r.registrations).join("; ")} (${m((r) => r.worstRegistrationMs / 1000, 1)} s) | ${rs.map((r) => fmt(r.load, 1)).join(", ")} |`,
      );
    }
  out.push("", "Longest busy stretches per run (main thread, no idle sample in between; an upper bound of the longest task):", "");
  for (const r of runs) out.push(`- ${r.mode} ${r.build}: ${r.detail.join(" · ") || "none ≥ 50 ms"}`);
  console.log(out.join("\n"));
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, out.join("\n") + "\n");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
