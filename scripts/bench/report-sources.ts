// Report timings with the data-source filter (`kilde`) on a generated dataset: every report for the
// largest generated municipality (801) and nationally, without a source filter and with one. For the
// two reports the hours rollup serves (Tidspunkt, Enhedernes deltagelse) it also times reading
// `registration` itself (useRollups: false) — what a source filter cost before that rollup carried
// the source. Timed in-process (report.run: the SQL and the assembly), as scripts/bench/reports.ts.
//
//   BENCH_ONLY=report-sources BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_src npm run bench
//
// Run only when asked (BENCH_ONLY=report-sources): it needs a large dataset. BENCH_REPORT_DB is
// generated (scripts/generate-data.ts, BENCH_REPORT_ROWS registrations, default 1,000,000) when it
// has no registrations, else reused.
import type { Access } from "@/lib/auth/access";
import { openDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { REPORTS } from "@/lib/reports/registry";
import { runReport } from "@/lib/reports/run";
import { BENCH_ROUND, generateData } from "../generate-data";
import { approveBenchRound, supplyBenchSelfService } from "./report-filters";

const NATIONAL: Access = { userId: "bench", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);

/** The section "Reports filtered by data source" of docs/benchmarks.md. */
export async function reportSourcesSection(url: string | undefined): Promise<string> {
  if (!url) throw new Error("Set BENCH_REPORT_DB=postgres://…/spor_bench_src");
  const database = openDatabase({ kind: "server", url }, { timeouts: CLI_TIMEOUTS });
  try {
    await prepareDatabase(database, { demoOnFirstStart: false, log: (m) => console.error(`  ${m}`) });
    const [{ n }] = await database.sql.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM registration`);
    if (!Number(n)) await generateData(Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000), (m) => console.error(`  ${m}`), url);
    await supplyBenchSelfService(database.sql);
    await approveBenchRound(database.sql);
    const [{ rows }] = await database.sql.query<{ rows: number }>(`SELECT count(*)::float8 AS rows FROM registration`);
    const query = database.sql.query.bind(database.sql);
    const lines = [
      "| report | view | no source filter p50 / p95 | kilde=MANUAL p50 / p95 | kilde=MANUAL from `registration` p50 / p95 |",
      "|---|---|---|---|---|",
    ];
    for (const report of REPORTS) {
      const views = [...(report.audience === "national" ? [] : ["801"]), ...(report.municipalityOnly ? [] : ["national"])];
      for (const view of views) {
        const base = { runde: BENCH_ROUND.code, ...(view === "national" ? {} : { kommune: view }) };
        const time = async (params: Record<string, string>, useRollups: boolean) => {
          const { report: r, ctx } = await runReport(database.sql, NATIONAL, report.slug, params);
          const times: number[] = [];
          for (let i = 0; i <= RUNS; i++) {
            const t = performance.now();
            await r.run(query, { ...ctx, useRollups });
            if (i > 0) times.push(performance.now() - t); // the first run warms caches
          }
          times.sort((a, b) => a - b);
          return `${times[Math.floor(times.length / 2)].toFixed(0)} / ${times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)].toFixed(0)} ms`;
        };
        const hours = report.slug === "tidspunkt" || report.slug === "enheder";
        const cells = [
          await time(base, true),
          await time({ ...base, kilde: "MANUAL" }, true),
          hours ? await time({ ...base, kilde: "MANUAL" }, false) : "–",
        ];
        lines.push(`| ${report.slug} | ${view} | ${cells.join(" | ")} |`);
        console.error(lines.at(-1));
      }
    }
    const [{ hours, withoutSource }] = await database.sql.query<{ hours: number; withoutSource: number }>(
      `SELECT count(*)::float8 AS hours,
              count(DISTINCT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at))::float8 AS "withoutSource"
         FROM report_rollup_hours`,
    );
    return (
      `${Number(rows).toLocaleString("en-US")} generated registrations (scripts/generate-data.ts: 98% MANUAL, 2% MASS) on PostgreSQL, ` +
      `database \`${new URL(url).pathname.slice(1)}\`; round filter (${BENCH_ROUND.code}); ${RUNS} runs per cell after one warm-up, ` +
      `in-process (report.run: SQL and assembly). Every report reads the same table with the source filter as without it (a rollup, or for tidsforbrug and svar the timed and answered registrations). The last column ` +
      `reads \`registration\` itself, which is what the hour chart (tidspunkt) and unit participation (enheder) did with a source ` +
      `filter before the hours rollup carried the source. The hours rollup has ${Number(hours).toLocaleString("en-US")} rows, ` +
      `${Number(withoutSource).toLocaleString("en-US")} without the source.\n\n${lines.join("\n")}\n\n` +
      `Reproduce: \`BENCH_ONLY=report-sources BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_src npm run bench\`.\n`
    );
  } finally {
    await database.close();
  }
}
