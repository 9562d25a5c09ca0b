// «Datakvalitet» and KL's quality summary (issue 16: "Coverage and quality answer within the reports'
// targets at 10 M registrations") on the reports bench's generated dataset. Timed in-process through the
// loaders the pages render from (lib/quality/queries.ts loadQualityPage, lib/quality/summary.ts
// loadQualitySummary): every SQL read, the rules and the findings' texts, not the HTML.
//
//   BENCH_ONLY=quality BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_10m npm run bench
//
// Run only when asked: it needs the large dataset (generated as for the reports bench when empty).
import { setDatabase } from "@/lib/db";
import { openDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { loadQualityPage } from "@/lib/quality/queries";
import { loadQualitySummary } from "@/lib/quality/summary";
import { BENCH_ROUND, generateData } from "../generate-data";
import { percentile } from "./load";
import { municipalityViews, NATIONAL } from "./report-filters";

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);
const MUNICIPALITIES = [801, 805, 830, 898];
// The reports' targets (issue 12): one municipality 300 ms, national 1 s, at p95.
const TARGET = { municipality: 300, national: 1_000 };
// The round is over in the bench's "now", as when a coordinator approves (every counting day checked).
const NOW = new Date(Date.UTC(BENCH_ROUND.isoYear, 11, 1));

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    await fn();
    if (i > 0) times.push(performance.now() - t); // the first run warms caches
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The section "Data quality" of docs/benchmarks.md. */
export async function qualitySection(url: string | undefined): Promise<string> {
  if (!url) throw new Error("Set BENCH_REPORT_DB=postgres://…/spor_bench_10m");
  const database = openDatabase({ kind: "server", url }, { timeouts: CLI_TIMEOUTS });
  setDatabase(database);
  try {
    await prepareDatabase(database, { demoOnFirstStart: false, log: (m) => console.error(`  ${m}`) });
    const sql = database.sql;
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM registration`);
    if (!Number(n)) await generateData(Number(process.env.BENCH_REPORT_ROWS ?? 300_000), (m) => console.error(`  ${m}`), url);
    const [{ rows }] = await sql.query<{ rows: number }>(`SELECT count(*)::float8 AS rows FROM registration`);
    const params = { runde: BENCH_ROUND.code };

    const views = await municipalityViews(sql, MUNICIPALITIES, params, "their unit");

    const lines = ["| page | view | p50 ms | p95 ms | target (p95) |", "|---|---|---|---|---|"];
    const misses: string[] = [];
    for (const view of views) {
      const t = await timed(() => loadQualityPage(view.access, view.params, NOW));
      if (t.p95 > TARGET.municipality) misses.push(`Datakvalitet ${view.label}`);
      lines.push(`| Datakvalitet | ${view.label} | ${fmt(t.p50)} | ${fmt(t.p95)} | ≤ ${TARGET.municipality} ms |`);
      console.error(lines.at(-1));
    }
    const summary = await timed(() => loadQualitySummary(NATIONAL, params, NOW));
    if (summary.p95 > TARGET.national) misses.push("KL's quality summary");
    lines.push(`| Datakvalitet, KL's summary | every municipality in the round | ${fmt(summary.p50)} | ${fmt(summary.p95)} | ≤ 1,000 ms |`);
    console.error(lines.at(-1));

    return (
      `${Number(rows).toLocaleString("en-US")} generated registrations on PostgreSQL, database \`${new URL(url).pathname.slice(1)}\` ` +
      `(the reports bench's dataset), round ${BENCH_ROUND.code} after its end. ${RUNS} runs per row after one warm-up, in-process ` +
      `through the loaders the pages render from (lib/quality/queries.ts loadQualityPage, lib/quality/summary.ts ` +
      `loadQualitySummary): every read, the rules and the findings' texts, not the HTML.\n\n${lines.join("\n")}\n\n` +
      (misses.length ? `Over target: ${misses.join("; ")}.\n\n` : `Every row is within its target.\n\n`) +
      `Reproduce: \`BENCH_ONLY=quality BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_10m npm run bench\`.\n`
    );
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}
