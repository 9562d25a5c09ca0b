// Data exchange (issue 5): a large CSV export against PostgreSQL's own COPY, and a large CSV import
// with a bad last row. Sizes: BENCH_EXPORT_ROWS (default 1,000,000) and BENCH_IMPORT_ROWS (100,000).
//
//   BENCH_ONLY=exchange npm run bench
import os from "node:os";
import { benchExport } from "./exchange-export";
import { benchImport } from "./exchange-import";

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PORT = Number(process.env.BENCH_EXCHANGE_PORT ?? 3310);

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 2 ** 20);

async function exportSection(serverUrl: string): Promise<string> {
  try {
    const r = await benchExport(serverUrl, PORT, EXPORT_ROWS);
    const best = (runs: { seconds: number }[]) => Math.min(...runs.map((x) => x.seconds));
    const ratio = best(r.app) / best(r.copy);
    const growth = r.peakRss - r.idleRss;
    const runs = r.copy
      .map(
        (c, i) =>
          `| ${i + 1} | ${fmt(c.seconds, 1)} s (${mb(c.bytes)} MB) | ${fmt(r.app[i].seconds, 1)} s (${mb(r.app[i].bytes)} MB) | ${fmt(r.app[i].seconds / c.seconds, 2)}× |`,
      )
      .join("\n");
    return (
      `### Export: ${fmt(r.rows)} registrations as CSV (${r.label})\n\n` +
      `${fmt(r.rows)} registrations in 98 generated municipalities plus the demo data (scripts/generate-data.ts, ${fmt(r.generateSeconds)} s to generate). ` +
      `The app: \`GET /api/exports/registrations\` on the production build (\`next start\`), signed in as national staff, every municipality, read to the end by the benchmark. ` +
      `COPY: \`psql -c "COPY (…) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)"\` of the same rows in the same order with the same 20 columns ` +
      `(COPY_BASELINE_SQL in scripts/bench/exchange-export.ts), read to the end the same way. Both outputs were checked to hold every row.\n\n` +
      `| run | COPY … TO STDOUT | app export | app / COPY |\n|---|---|---|---|\n${runs}\n\n` +
      `**Best app run ${fmt(ratio, 2)}× COPY's best** (target ≤ 3×: ${ratio <= 3 ? "met" : "**not met**"}). ` +
      `App memory (RSS of the app's processes — \`bin/spor.mjs serve\` and its \`next start\` — sampled every 50 ms): idle ${mb(r.idleRss)} MB, peak ${mb(r.peakRss)} MB, ` +
      `**+${mb(growth)} MB** during the exports (target < 200 MB: ${growth < 200 * 2 ** 20 ? "met" : "**not met**"}).\n`
    );
  } catch (error) {
    console.error(error);
    return `### Export\n\nNot measured: ${(error as Error).message.slice(0, 500)}\n`;
  }
}

async function importSection(mode: "server" | "embedded", serverUrl: string): Promise<string> {
  try {
    const r = await benchImport(mode, serverUrl, IMPORT_ROWS);
    const refused = r.badErrors.map((e) => `line ${fmt(e.line)}: ${e.message}`).join("; ");
    return (
      `### Import: ${fmt(r.rows)} CSV rows (${r.label})\n\n` +
      `Spor's template, ${mb(r.bytes)} MB, one municipality (Køge, demo data), through planFileImport + commitImport — ` +
      `what the /data page and \`npx spor import csv\` run.\n\n` +
      `| step | time |\n|---|---|\n` +
      `| read and validate every row, resolve units and tasks (preview) | ${fmt(r.planSeconds, 1)} s |\n` +
      `| write one batch (one transaction) | ${fmt(r.commitSeconds, 1)} s |\n` +
      `| **total** | **${fmt(r.planSeconds + r.commitSeconds, 1)} s** |\n` +
      `| the same file with a bad last row: refused | ${fmt(r.badSeconds, 1)} s |\n\n` +
      `Rows written by the good file: ${fmt(r.written)} (expected ${fmt(r.rows)}${r.written === r.rows ? ", ok" : ", **wrong**"}). ` +
      `The bad file was refused with ${refused || "no error (**wrong**)"}, and wrote ${fmt(r.writtenByBad)} rows` +
      `${r.writtenByBad === 0 ? " (nothing, as it must)" : " (**wrong**)"}.\n`
    );
  } catch (error) {
    console.error(error);
    return `### Import (${mode})\n\nNot measured: ${(error as Error).message.slice(0, 500)}\n`;
  }
}

export async function exchangeSections(serverUrl: string): Promise<string[]> {
  const load: number[] = [];
  const timer = setInterval(() => load.push(os.loadavg()[0]), 10_000);
  const measured = [await exportSection(serverUrl), await importSection("server", serverUrl), await importSection("embedded", serverUrl)];
  clearInterval(timer);
  const average = load.length ? load.reduce((a, b) => a + b, 0) / load.length : os.loadavg()[0];
  const intro =
    `Run alone with \`BENCH_ONLY=exchange npm run bench\` (after \`npm run build\`: \`BENCH_ONLY=exchange npx tsx --import ./lib/outside-next.mjs scripts/bench/index.ts\`); ` +
    `sizes with BENCH_EXPORT_ROWS and BENCH_IMPORT_ROWS; needs a PostgreSQL server (BENCH_DATABASE_URL) and \`psql\`. ` +
    `Mean 1-minute load average during this run: ${fmt(average, 1)} on ${os.cpus().length} cores` +
    `${average > os.cpus().length ? " — the machine was shared with other work, so every time here is inflated; re-run on a quiet machine for real figures" : ""}.\n`;
  const sections = [intro, ...measured];
  for (const s of sections) console.log(s);
  return sections;
}
