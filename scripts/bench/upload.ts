// A 20 MB / 200,000-row upload through the running production server (bin/spor.mjs serve, heap cap
// 384 MB), on both databases: preview, then import, each timed, while
// - the app's RSS is sampled every 50 ms (peak against idle),
// - a client pings GET /api/health/live every 20 ms: the worst answer time is the worst the event
//   loop was held (plus the ping's own few ms),
// - a registrant keeps registering (POST /api/registrations, one at a time): every answer is counted.
//
//   BENCH_ONLY=upload npx tsx --import ./lib/outside-next.mjs scripts/bench/index.ts   (after `npx next build`)
//   BENCH_UPLOAD_ROWS (default 200,000), BENCH_UPLOAD_PORT (default 3330), BENCH_UPLOAD_MODES=server,embedded
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type AppMode, type RunningApp, signInCookie, startApp } from "./app-server";
import { sampleRss, treeRss } from "./process-memory";

const PASSWORD = "spor-demo-2026";
const UNITS = ["Borgerservice", "Borgerservice – Skranke", "Borgerservice – Telefon", "Jobcenter"];
const TASKS = ["23.05.10", "23.05.12", "27.24.04", "32.15.08", "15.20"];
const CHANNELS = ["WEB", "SLVBTJN", "TLFIND", "PRSNLG", "EMLIND"];
const ROW_BYTES = 100;

/** Spor's template for Køge; each row padded with spaces in "antal" (trimmed on reading) to ROW_BYTES. */
export function paddedUploadFile(rows: number): Uint8Array {
  const lines = ["kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal"];
  for (let i = 0; i < rows; i++) {
    const day = 19 + (i % 5);
    const line = `259;${UNITS[i % UNITS.length]};${TASKS[i % TASKS.length]};${CHANNELS[i % CHANNELS.length]};INFO;STRAKS;;2026-10-${day} ${String(8 + (i % 8)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")};${1 + (i % 3)}`;
    lines.push(line.padEnd(ROW_BYTES - 2, " "));
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

export interface UploadStep {
  step: "no upload (baseline, 5 s)" | "preview" | "import";
  status: number;
  answer: string;
  seconds: number;
  peakRss: number;
  worstPingMs: number;
  pings: number;
  registrationsOk: number;
  registrationsFailed: number;
  worstRegistrationMs: number;
  registrationP50Ms: number;
  registrationP95Ms: number;
  /** The server process's event-loop delay (perf_hooks monitorEventLoopDelay) during the step. */
  loop: LoopReport | null;
}

export interface LoopReport {
  count: number;
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  meanMs: number;
}

/**
 * The event-loop monitor in the server's processes (scripts/bench/loop-monitor.mjs, preloaded with
 * NODE_OPTIONS): start() before a step, read() after it gives the web server's histogram of the step.
 */
export class LoopMonitor {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "spor-loop-"));

  /** The server's environment for the preload. */
  env(): Record<string, string> {
    const preload = `--import=${pathToFileURL(path.resolve("scripts/bench/loop-monitor.mjs")).href}`;
    return { SPOR_BENCH_LOOP_DIR: this.dir, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ") };
  }

  /** The listening processes below the benchmark's child (the supervisor), i.e. the web server. */
  private servers(app: RunningApp): number[] {
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith(".ready"))
      .map((f) => Number(f.slice(0, -6)))
      .filter((pid) => pid !== app.pid && fs.existsSync(`/proc/${pid}`));
  }

  private async signal(app: RunningApp): Promise<Map<number, LoopReport>> {
    const pids = this.servers(app);
    for (const pid of pids) fs.rmSync(path.join(this.dir, `${pid}.json`), { force: true });
    for (const pid of pids) process.kill(pid, "SIGUSR2");
    const reports = new Map<number, LoopReport>();
    const deadline = Date.now() + 10_000;
    while (reports.size < pids.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      for (const pid of pids) {
        const file = path.join(this.dir, `${pid}.json`);
        if (!reports.has(pid) && fs.existsSync(file)) {
          try {
            reports.set(pid, JSON.parse(fs.readFileSync(file, "utf8")) as LoopReport);
          } catch {
            /* being written */
          }
        }
      }
    }
    return reports;
  }

  async start(app: RunningApp): Promise<void> {
    await this.signal(app);
  }

  /** The web server's report (the process below the supervisor with the most samples). */
  async read(app: RunningApp): Promise<LoopReport | null> {
    const reports = [...(await this.signal(app)).values()];
    return reports.sort((a, b) => b.count - a.count)[0] ?? null;
  }

  close() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface UploadBenchResult {
  label: string;
  rows: number;
  bytes: number;
  idleRss: number;
  steps: UploadStep[];
  written: number;
  load: number;
}

export async function registrationTarget(app: RunningApp, cookie: string) {
  const me = (await (await fetch(`${app.baseUrl}/api/me`, { headers: { cookie } })).json()) as {
    registrationUnits: { id: string; name: string }[];
  };
  const unit = me.registrationUnits.find((u) => u.name === "Borgerservice – Telefon")!;
  const setup = (await (await fetch(`${app.baseUrl}/api/units/${unit.id}`, { headers: { cookie } })).json()) as {
    tasks: { id: string; number: string }[];
  };
  return { unitId: unit.id, taskId: setup.tasks.find((t) => t.number === "23.05.10")!.id };
}

/** Runs `work` while pinging and registering; returns its result with the side measurements. */
export async function during<T>(
  app: RunningApp,
  registrant: { cookie: string; unitId: string; taskId: string },
  work: () => Promise<T>,
  loop?: LoopMonitor,
) {
  await loop?.start(app);
  let stop = false;
  const pings: number[] = [];
  const registrations: { ok: boolean; ms: number }[] = [];
  const pinger = (async () => {
    while (!stop) {
      const started = performance.now();
      await fetch(`${app.baseUrl}/api/health/live`)
        .then((r) => r.arrayBuffer())
        .catch(() => {});
      pings.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const registrar = (async () => {
    while (!stop) {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}/api/registrations`, {
        method: "POST",
        headers: { cookie: registrant.cookie, "content-type": "application/json", origin: app.baseUrl },
        body: JSON.stringify({
          id: crypto.randomUUID(),
          unitId: registrant.unitId,
          channelCode: "TLFIND",
          taskId: registrant.taskId,
          contactTypeCode: "INFO",
          closureCode: "STRAKS",
          form: null,
          occurredAt: new Date().toISOString(),
          isTest: false,
          answers: [],
        }),
      }).catch(() => null);
      registrations.push({ ok: response?.status === 201, ms: performance.now() - started });
      await response?.arrayBuffer().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const rss = sampleRss(app.pid);
  const started = performance.now();
  try {
    const result = await work();
    const loopReport = (await loop?.read(app)) ?? null;
    const okMs = registrations.filter((r) => r.ok).map((r) => r.ms);
    return {
      loop: loopReport,
      registrationP50Ms: percentile(okMs, 50),
      registrationP95Ms: percentile(okMs, 95),
      result,
      seconds: (performance.now() - started) / 1000,
      peakRss: rss.stop(),
      worstPingMs: Math.max(0, ...pings),
      pings: pings.length,
      registrationsOk: registrations.filter((r) => r.ok).length,
      registrationsFailed: registrations.filter((r) => !r.ok).length,
      worstRegistrationMs: Math.max(0, ...registrations.map((r) => r.ms)),
    };
  } finally {
    stop = true;
    rss.stop();
    await Promise.all([pinger, registrar]);
  }
}

export async function post(app: RunningApp, cookie: string, path: string, file: Uint8Array, name = "bench.csv") {
  const body = new FormData();
  body.set("fil", new Blob([file as BlobPart], { type: "text/csv" }), name);
  const response = await fetch(`${app.baseUrl}${path}`, { method: "POST", headers: { cookie, origin: app.baseUrl }, body });
  const text = await response.text();
  let answer = text.slice(0, 200);
  try {
    const json = JSON.parse(text) as { status?: string; message?: string; error?: string; summary?: { rows: number } };
    answer = json.error ?? json.message ?? `${json.status}: ${json.summary?.rows ?? "?"} rows`;
  } catch {
    /* not JSON */
  }
  return { status: response.status, answer };
}

export async function benchUpload(mode: AppMode, serverUrl: string, port: number, rows: number): Promise<UploadBenchResult> {
  // Made before the server starts: generating 20 MB holds this process for seconds, and a keep-alive
  // connection left idle meanwhile may be closed by the server just as fetch reuses it.
  const file = paddedUploadFile(rows);
  const loop = new LoopMonitor();
  const app = await startApp(mode, serverUrl, port, { env: loop.env() });
  const load: number[] = [];
  const timer = setInterval(() => load.push(os.loadavg()[0]), 5000);
  try {
    const coordinator = await signInCookie(app.baseUrl, "koordinator@koege.test", PASSWORD);
    const registrantCookie = await signInCookie(app.baseUrl, "medarbejder@koege.test", PASSWORD);
    const registrant = { cookie: registrantCookie, ...(await registrationTarget(app, registrantCookie)) };
    // Warm up the routes (compiled code, pools) with a small file; then let the heap settle.
    await post(app, coordinator, "/api/uploads/preview", paddedUploadFile(100));
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = treeRss(app.pid);
    const batchesBefore = await countBatches(app, coordinator);
    const steps: UploadStep[] = [];
    // The same pings and registrations without an upload: what the shared machine gives anyway.
    const baseline = await during(
      app,
      registrant,
      async () => {
        await new Promise((r) => setTimeout(r, 5000));
        return { status: 0, answer: "–" };
      },
      loop,
    );
    steps.push({ step: "no upload (baseline, 5 s)", ...baseline.result, ...baseline });
    for (const step of ["preview", "import"] as const) {
      const measured = await during(
        app,
        registrant,
        () => post(app, coordinator, step === "preview" ? "/api/uploads/preview" : "/api/uploads", file),
        loop,
      );
      steps.push({ step, ...measured.result, ...measured, seconds: measured.seconds });
      await new Promise((r) => setTimeout(r, 2000));
    }
    const written = (await countBatches(app, coordinator)) - batchesBefore;
    return {
      label: app.label,
      rows,
      bytes: file.length,
      idleRss,
      steps,
      written,
      load: load.reduce((a, b) => a + b, 0) / Math.max(1, load.length),
    };
  } finally {
    clearInterval(timer);
    await app.stop();
    loop.close();
  }
}

/** Batches the coordinator sees on /data (one more after a successful import). */
async function countBatches(app: RunningApp, cookie: string): Promise<number> {
  const html = await (await fetch(`${app.baseUrl}/data`, { headers: { cookie } })).text();
  return (html.match(/>bench\.csv</g) ?? []).length;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 2 ** 20);

export function uploadSection(r: UploadBenchResult): string {
  const lines = r.steps.map(
    (s) =>
      `| ${s.step} | ${s.status} (${s.answer.replace(/\|/g, "/")}) | ${fmt(s.seconds, 1)} s | ${mb(s.peakRss)} MB (**+${mb(s.peakRss - r.idleRss)} MB**) | ` +
      `${fmt(s.worstPingMs)} ms (${s.pings} pings) | ${s.loop ? `${fmt(s.loop.maxMs)} / ${fmt(s.loop.p99Ms)} ms` : "–"} | ` +
      `${s.registrationsOk} ok, ${s.registrationsFailed} failed, p50 ${fmt(s.registrationP50Ms)} / p95 ${fmt(s.registrationP95Ms)} / worst ${fmt(s.worstRegistrationMs)} ms |`,
  );
  const uploads = r.steps.filter((s) => s.step !== "no upload (baseline, 5 s)");
  const worstPing = Math.max(...uploads.map((s) => s.worstPingMs));
  const worstGrowth = Math.max(...uploads.map((s) => s.peakRss - r.idleRss));
  return (
    `### Upload: ${fmt(r.rows)} rows, ${mb(r.bytes)} MB (${r.label})\n\n` +
    `Spor's template for Køge, each row padded to ${ROW_BYTES} bytes (spaces after "antal", which the reader trims) so that the row limit and the size limit meet. ` +
    `Posted as multipart to \`POST /api/uploads/preview\` and then \`POST /api/uploads\` of the production server (\`bin/spor.mjs serve\`, heap cap 384 MB) as Køge's coordinator, ` +
    `while a client pings \`GET /api/health/live\` every 20 ms and a registrant registers one at a time (\`POST /api/registrations\`, 100 ms apart). ` +
    `RSS of the app's processes sampled every 50 ms; idle ${mb(r.idleRss)} MB after a warm-up upload.\n\n` +
    `| step | answer | time | peak RSS (growth) | worst ping | event-loop delay max / p99 | registrations meanwhile |\n|---|---|---|---|---|---|---|\n${lines.join("\n")}\n\n` +
    `Worst ping ${fmt(worstPing)} ms (target: the event loop never held over 100 ms: ${worstPing <= 100 ? "met" : "**not met**"}); ` +
    `RSS growth at most +${mb(worstGrowth)} MB (target ≤ +150 MB: ${worstGrowth <= 150 * 2 ** 20 ? "met" : "**not met**"}). ` +
    `Batches written: ${r.written} (expected 1). Mean 1-minute load average during the run: ${fmt(r.load, 1)} on ${os.cpus().length} cores` +
    `${r.load > os.cpus().length ? " — the machine was shared with other work, which inflates every time and ping here" : ""}.\n`
  );
}

export async function uploadSections(serverUrl: string): Promise<string[]> {
  const rows = Number(process.env.BENCH_UPLOAD_ROWS ?? 200_000);
  const port = Number(process.env.BENCH_UPLOAD_PORT ?? 3330);
  const modes = (process.env.BENCH_UPLOAD_MODES?.split(",") ?? ["server", "embedded"]) as AppMode[];
  const sections = [
    `Run alone with \`BENCH_ONLY=upload npx tsx --import ./lib/outside-next.mjs scripts/bench/index.ts\` after \`npx next build\` (scripts/bench/upload.ts); ` +
      `BENCH_UPLOAD_ROWS, BENCH_UPLOAD_PORT and BENCH_UPLOAD_MODES=server,embedded choose the size, port and databases.\n\n` +
      `**Large bodies to server actions** (measured by hand on 2026-12-04 against \`PORT=3202 node bin/spor.mjs serve\`, embedded database, ` +
      `with \`serverActions.bodySizeLimit\` and \`proxyClientMaxBodySize\` at 1 MB): 200 MB POSTs with a \`Next-Action\` header to \`/\` and \`/data\`, ` +
      `signed in as a coordinator, with a real action id (undoBatchAction) and an unknown one, as text and as multipart, with Content-Length and chunked. ` +
      `RSS of the server's processes grew by at most 5 MB in every case. Signed out, the proxy answers 307 to /login without reading the body. ` +
      `With Content-Length over the limit Next answers 400 at once. Chunked, the proxy keeps the first 1 MB and drops the rest ("Request body exceeded 1MB … Only the first 1MB will be available"), ` +
      `and the action then fails on the cut body (500 "Unexpected end of form" for multipart, a JSON error for text) — memory is safe, but the answer is a 500, not a 413. ` +
      `(With the old 25 MB settings the proxy would keep up to 25 MB per such request; not measured.) The same 200 MB sent to \`POST /api/uploads/preview\` is refused with 413 and the Danish message: ` +
      `at once with Content-Length (3 MB had left the client), after 23 MB chunked.\n`,
  ];
  for (const mode of modes) {
    try {
      sections.push(uploadSection(await benchUpload(mode, serverUrl, port, rows)));
    } catch (error) {
      console.error(error);
      sections.push(`### Upload (${mode})\n\nNot measured: ${(error as Error).message.slice(0, 500)}\n`);
    }
    console.log(sections.at(-1));
  }
  return sections;
}
