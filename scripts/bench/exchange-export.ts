// Exporting a large number of registrations as CSV through the running production server's streaming
// route (GET /api/exports/registrations, national, every municipality), timed in the same run as
// PostgreSQL's own COPY … TO STDOUT of the same rows with the same columns, with the app process's
// resident memory sampled against its idle size.
import { spawn } from "node:child_process";
import pg from "pg";
import { generateData } from "../generate-data";
import { signInCookie, startApp } from "./app-server";
import { sampleRss, treeRss } from "./process-memory";

export interface ExportRun {
  seconds: number;
  bytes: number;
  lines: number;
}

export interface ExportBenchResult {
  label: string;
  rows: number;
  generateSeconds: number;
  copy: ExportRun[];
  app: ExportRun[];
  idleRss: number;
  peakRss: number;
}

/** Counts bytes and line ends of a byte stream as it arrives. */
export async function drain(chunks: AsyncIterable<Uint8Array>, started: number): Promise<ExportRun> {
  let bytes = 0;
  let lines = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { seconds: (performance.now() - started) / 1000, bytes, lines };
}

/**
 * What PostgreSQL writes by itself: the export's rows (every registration but test ones, in time
 * order) and its 20 columns, names and titles joined, dates in Danish time — with the unit's own
 * name where the export writes its whole path.
 */
export const COPY_BASELINE_SQL = `
  SELECT m.number, m.name, u.name, t.number, t.title, r.channel_code, CASE c.direction WHEN 'IN' THEN 'ind' ELSE 'ud' END,
         r.contact_type_code, r.closure_code, CASE WHEN r.form THEN 'JA' WHEN NOT r.form THEN 'NEJ' END, r.quantity,
         to_char(r.occurred_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD'), to_char(r.occurred_at AT TIME ZONE 'Europe/Copenhagen', 'HH24:MI:SS'),
         r.iso_year, r.iso_week, r.source, CASE WHEN r.in_counting_week THEN 'JA' ELSE 'NEJ' END,
         to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(r.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), r.id
    FROM registration r
    JOIN municipality m ON m.id = r.municipality_id
    JOIN unit u ON u.id = r.unit_id
    JOIN task t ON t.id = r.task_id
    JOIN channel c ON c.code = r.channel_code
   WHERE NOT r.is_test
   ORDER BY r.occurred_at, coalesce(r.file_line, 0), r.id`;

/** psql runs COPY (query) TO STDOUT; its output is read and counted here, as the export's is. */
export async function copyRun(databaseUrl: string): Promise<ExportRun> {
  const sql = COPY_BASELINE_SQL;
  const started = performance.now();
  const child = spawn(
    "psql",
    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", databaseUrl, "-c", `COPY (${sql}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)`],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  const run = await drain(child.stdout, started);
  if ((await exited) !== 0) throw new Error(`psql COPY failed: ${stderr}`);
  return { ...run, seconds: (performance.now() - started) / 1000 };
}

async function appRun(baseUrl: string, cookie: string, query = ""): Promise<ExportRun> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/exports/registrations${query}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`export: ${response.status} ${await response.text()}`);
  return drain(response.body as unknown as AsyncIterable<Uint8Array>, started);
}

export async function benchExport(serverUrl: string, port: number, size: number, rounds = 2): Promise<ExportBenchResult> {
  const app = await startApp("server", serverUrl, port);
  try {
    const generateStarted = Date.now();
    await generateData(size, (m) => console.log(`  ${m}`), app.databaseUrl);
    const generateSeconds = (Date.now() - generateStarted) / 1000;
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    const [{ n }] = (await client.query<{ n: string }>("SELECT count(*) AS n FROM registration WHERE NOT is_test")).rows;
    await client.end();
    const rows = Number(n);

    const cookie = await signInCookie(app.baseUrl, "national@spor.test", "spor-demo-2026");
    await appRun(app.baseUrl, cookie, "?kommune=259"); // loads the route and the database pool
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = treeRss(app.pid);
    const copy: ExportRun[] = [];
    const exports: ExportRun[] = [];
    let peakRss = idleRss;
    for (let i = 0; i < rounds; i++) {
      copy.push(await copyRun(app.databaseUrl!));
      const sampler = sampleRss(app.pid);
      exports.push(await appRun(app.baseUrl, cookie));
      peakRss = Math.max(peakRss, sampler.stop());
      console.log(`  round ${i + 1}: COPY ${copy.at(-1)!.seconds.toFixed(1)} s, export ${exports.at(-1)!.seconds.toFixed(1)} s`);
    }
    for (const run of [...copy, ...exports]) {
      if (run.lines !== rows + 1) throw new Error(`expected ${rows + 1} lines (header + rows), got ${run.lines}`);
    }
    return { label: app.label, rows, generateSeconds, copy, app: exports, idleRss, peakRss };
  } finally {
    await app.stop();
  }
}
