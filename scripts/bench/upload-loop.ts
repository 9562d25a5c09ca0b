// Before and after, in one run: the 20 MB / 200,000-row import through the running production
// server while a registrant registers (one at a time, 100 ms apart) and perf_hooks watches the web
// server's event loop (scripts/bench/loop-monitor.mjs). "Before" is the server with
// SPOR_IMPORT_STAGING=0: the rows go chunk by chunk through the request thread's Prisma parameters,
// as on main before the staging table; "after" stages them from the import worker
// (lib/exchange/insert-rows.ts). Each import is preceded by the same 5 s without an upload, so
// every figure has a baseline from the same minute on the same (shared) machine.
//
//   npx tsx --import ./lib/outside-next.mjs scripts/bench/upload-loop.ts   (after `npx next build`; prints the markdown and writes it to BENCH_OUT)
//   BENCH_UPLOAD_ROWS (200,000), BENCH_UPLOAD_PORT (3331), BENCH_UPLOAD_MODES=server,embedded, BENCH_UPLOAD_REPEATS (3)
import fs from "node:fs";
import os from "node:os";
import { type AppMode, signInCookie, startApp } from "./app-server";
import { treeRss } from "./process-memory";
import { during, LoopMonitor, median, paddedUploadFile, post, registrationTarget, type UploadStep } from "./upload";

const PASSWORD = "spor-demo-2026";
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type Step = Omit<UploadStep, "step"> & { rssGrowth: number };
interface Variant {
  name: "before" | "after";
  baselines: Step[];
  imports: Step[];
  loads: number[];
}

async function runVariant(mode: AppMode, name: Variant["name"], file: Uint8Array, port: number, repeats: number): Promise<Variant> {
  const loop = new LoopMonitor();
  const env = { ...loop.env(), ...(name === "before" ? { SPOR_IMPORT_STAGING: "0" } : {}) };
  const app = await startApp(mode, SERVER, port, { env });
  const loads: number[] = [];
  const timer = setInterval(() => loads.push(os.loadavg()[0]), 5000);
  try {
    const coordinator = await signInCookie(app.baseUrl, "koordinator@koege.test", PASSWORD);
    const registrantCookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const registrant = { cookie: registrantCookie, ...(await registrationTarget(app, registrantCookie)) };
    // Warm up the import path (compiled code, pools, the import worker) with a small file.
    const warm = await post(app, coordinator, "/api/uploads?tilladDublet=1", paddedUploadFile(100), "warm.csv");
    if (warm.status !== 200) throw new Error(`warm-up import: ${warm.status} ${warm.answer}`);
    await new Promise((r) => setTimeout(r, 3000));
    const variant: Variant = { name, baselines: [], imports: [], loads };
    for (let i = 0; i < repeats; i++) {
      const idle = treeRss(app.pid);
      const baseline = await during(app, registrant, () => new Promise((r) => setTimeout(() => r({ status: 0, answer: "–" }), 5000)), loop);
      variant.baselines.push({
        ...(baseline.result as { status: number; answer: string }),
        ...baseline,
        rssGrowth: baseline.peakRss - idle,
      });
      const measured = await during(app, registrant, () => post(app, coordinator, "/api/uploads?tilladDublet=1", file), loop);
      variant.imports.push({ ...measured.result, ...measured, rssGrowth: measured.peakRss - idle });
      console.error(
        `${mode} ${name} #${i + 1}: ${measured.result.status} ${measured.result.answer} ${measured.seconds.toFixed(1)} s, loop max ${measured.loop?.maxMs.toFixed(0)} ms`,
      );
      await new Promise((r) => setTimeout(r, 3000));
    }
    return variant;
  } finally {
    clearInterval(timer);
    await app.stop();
    loop.close();
  }
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";
const ratio = (after: number, before: number) => (before > 0 && Number.isFinite(after) ? `${fmt(after / before, 2)}×` : "–");

function section(label: string, rows: number, bytes: number, before: Variant, after: Variant): string {
  type Pick = (s: Step) => number;
  const m = (steps: Step[], pick: Pick) => median(steps.map(pick));
  const line = (what: string, pick: Pick, unit: string, digits = 0) => {
    const [b, a] = [m(before.imports, pick), m(after.imports, pick)];
    return `| ${what} | ${fmt(m(before.baselines, pick), digits)} / ${fmt(m(after.baselines, pick), digits)} ${unit} | ${fmt(b, digits)} ${unit} | ${fmt(a, digits)} ${unit} | ${ratio(a, b)} |`;
  };
  const answers = (v: Variant) => v.imports.map((s) => `${s.status}`).join(", ");
  const loads = [...before.loads, ...after.loads];
  return (
    `### Import of ${fmt(rows)} rows, ${fmt(bytes / 2 ** 20)} MB: before and after the staging table (${label})\n\n` +
    `Medians of ${before.imports.length} imports per variant, each after 5 s without an upload (the baseline column: before / after server). ` +
    `Answers: before ${answers(before)}; after ${answers(after)}. Registrations failed during the imports: before ${before.imports.reduce((n, s) => n + s.registrationsFailed, 0)}, after ${after.imports.reduce((n, s) => n + s.registrationsFailed, 0)}. ` +
    `1-minute load average during this database's runs: mean ${fmt(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length), 1)}, ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} on ${os.cpus().length} cores.\n\n` +
    `| median | no upload (baseline) | import, before | import, after | after / before |\n|---|---|---|---|---|\n` +
    [
      line("import time", (s) => s.seconds, "s", 1),
      line("event-loop delay, max", (s) => s.loop?.maxMs ?? NaN, "ms"),
      line("event-loop delay, p99", (s) => s.loop?.p99Ms ?? NaN, "ms"),
      line("registration latency, p50", (s) => s.registrationP50Ms, "ms"),
      line("registration latency, p95", (s) => s.registrationP95Ms, "ms"),
      line("registration latency, worst", (s) => s.worstRegistrationMs, "ms"),
      line("worst /api/health/live ping", (s) => s.worstPingMs, "ms"),
      line("peak RSS growth (app processes)", (s) => s.rssGrowth / 2 ** 20, "MB"),
    ].join("\n") +
    "\n"
  );
}

async function main() {
  const rows = Number(process.env.BENCH_UPLOAD_ROWS ?? 200_000);
  const port = Number(process.env.BENCH_UPLOAD_PORT ?? 3331);
  const repeats = Number(process.env.BENCH_UPLOAD_REPEATS ?? 3);
  const modes = (process.env.BENCH_UPLOAD_MODES?.split(",") ?? ["server", "embedded"]) as AppMode[];
  const file = paddedUploadFile(rows);
  const started = new Date();
  const out: string[] = [];
  for (const mode of modes) {
    const before = await runVariant(mode, "before", file, port, repeats);
    const after = await runVariant(mode, "after", file, port, repeats);
    const label =
      mode === "server"
        ? `PostgreSQL server (${new URL(SERVER).host})`
        : "embedded PostgreSQL (PGlite, on disk, in a worker thread of the app process)";
    out.push(section(label, rows, file.length, before, after));
    console.log(out.at(-1));
    if (process.env.BENCH_OUT)
      fs.writeFileSync(process.env.BENCH_OUT, `Run ${started.toISOString()} – ${new Date().toISOString()}\n\n${out.join("\n")}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
