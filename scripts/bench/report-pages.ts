// The two report pages that read many reports at once (issue 17) on a generated dataset: the management
// report ("Afrapportering": every key figure for the round and the previous one, chapters, the package's
// tasks against the national average, an annex per unit) and Det Digitale Landkort (the public figures of
// every municipality and the national totals). Timed in-process: the SQL and the assembly the page renders
// from, not the HTML or the PDF.
//
//   BENCH_ONLY=report-pages BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_10m npm run bench
//
// Run only when asked: it needs a large dataset (generated as for the reports bench when empty). Every
// municipality that counts the bench round approves it (as the reports bench does) and publishes its figures
// on the map, so the public page has all 98 to read (a bench database: nothing else reads that setting).
import { openDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { loadLandkort } from "@/lib/landkort/queries";
import { managementReport } from "@/lib/reports/management";
import { BENCH_ROUND, generateData } from "../generate-data";
import { percentile } from "./load";
import {
  approveBenchRound,
  type BenchView,
  describeBenchSelfService,
  municipalityViews,
  NATIONAL,
  supplyBenchSelfService,
} from "./report-filters";

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);
const MUNICIPALITIES = [801, 898];
const TARGET = { management: 5_000, landkort: 300 };

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/**
 * p50 and p95 of RUNS runs after a warm-up, and `cold`: one more run on a new executor, whose approved
 * memo (lib/reports/approved-memo.ts) is empty — what the first reader after an approval or a setup
 * change waits; the warm runs take approved-only figures from memory.
 */
async function timed(sql: SqlExecutor, fn: (sql: SqlExecutor) => Promise<unknown>): Promise<{ p50: number; p95: number; cold: number }> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    await fn(sql);
    if (i > 0) times.push(performance.now() - t); // the first run warms caches
  }
  times.sort((a, b) => a - b);
  const t = performance.now();
  await fn({ ...sql });
  return { p50: percentile(times, 50), p95: percentile(times, 95), cold: performance.now() - t };
}

/** The section "Management report and public map" of docs/benchmarks.md. */
export async function reportPagesSection(url: string | undefined): Promise<string> {
  if (!url) throw new Error("Set BENCH_REPORT_DB=postgres://…/spor_bench_10m");
  const database = openDatabase({ kind: "server", url }, { timeouts: CLI_TIMEOUTS });
  try {
    await prepareDatabase(database, { demoOnFirstStart: false, log: (m) => console.error(`  ${m}`) });
    const sql = database.sql;
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM registration`);
    if (!Number(n)) await generateData(Number(process.env.BENCH_REPORT_ROWS ?? 300_000), (m) => console.error(`  ${m}`), url);
    await supplyBenchSelfService(sql);
    await approveBenchRound(sql);
    const selfService = await describeBenchSelfService(sql);
    await sql.query(`UPDATE municipality SET publish_landkort = true WHERE NOT publish_landkort`);
    const [{ rows }] = await sql.query<{ rows: number }>(`SELECT count(*)::float8 AS rows FROM registration`);

    const views: BenchView[] = [
      { label: "KL, national edition (approved municipalities)", access: NATIONAL, params: { runde: BENCH_ROUND.code } },
      ...(await municipalityViews(sql, MUNICIPALITIES, { runde: BENCH_ROUND.code }, "their unit's edition")),
    ];

    const lines = ["| page | view | p50 ms | p95 ms | first read, empty memo, ms | target (p95) |", "|---|---|---|---|---|---|"];
    const misses: string[] = [];
    for (const view of views) {
      const t = await timed(sql, (executor) => managementReport(executor, view.access, view.params));
      if (t.p95 > TARGET.management) misses.push(`Afrapportering ${view.label}`);
      lines.push(`| Afrapportering | ${view.label} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${fmt(t.cold)} | ≤ 5,000 ms |`);
      console.error(lines.at(-1));
    }
    const landkort = await timed(sql, (executor) => loadLandkort(BENCH_ROUND.code, executor));
    if (landkort.p95 > TARGET.landkort) misses.push("Landkort");
    lines.push(
      `| /landkort (public) | round ${BENCH_ROUND.code}, 98 municipalities published | ${fmt(landkort.p50)} | ${fmt(landkort.p95)} | ${fmt(landkort.cold)} | ≤ 300 ms |`,
    );
    console.error(lines.at(-1));

    return (
      `${Number(rows).toLocaleString("en-US")} generated registrations on PostgreSQL, database \`${new URL(url).pathname.slice(1)}\` ` +
      `(the reports bench's dataset; every municipality approved the round and published its figures, and has self-service counts as KL and coordinators supply them: ` +
      `${selfService}). ${RUNS} runs per row after one warm-up, ` +
      `in-process: the reads and the assembly each page renders from (lib/reports/management.ts managementReport, ` +
      `lib/landkort/queries.ts loadLandkort), not the HTML, the map's SVG or the PDF (Chromium prints the rendered page; its time is the ` +
      `browser's, see tests/e2e/management-report.spec.ts).\n\n${lines.join("\n")}\n\n` +
      (misses.length ? `Over target: ${misses.join("; ")}.\n\n` : `Every row is within its target (issue 17).\n\n`) +
      `Reproduce: \`BENCH_ONLY=report-pages BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_10m npm run bench\`.\n`
    );
  } finally {
    await database.close();
  }
}
