// Report timings: every report for municipalities of different sizes and for the national view,
// against data made by scripts/generate-data.ts. Measured in-process through runReport (the same
// code the pages and route handlers run), so HTTP and rendering are not included.
//
//   BENCH_ONLY=reports BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/spor_bench_10m npm run bench
//
// BENCH_REPORT_DB names a database kept between runs: it is generated (BENCH_REPORT_ROWS rows) when
// it has no registrations, otherwise reused as it is (after pending migrations). Without it, a
// scratch database on BENCH_PG_URL is generated and dropped again.
import type { Access } from "@/lib/auth/access";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import { createScratchDatabase } from "@/lib/database/scratch";
import { loadCockpit } from "@/lib/cockpit/queries";
import { REPORTS } from "@/lib/reports/registry";
import { ANSWER_ROLLUPS, flushRollups, ROLLUPS, SELF_SERVICE_ROLLUP, TIMED_ROLLUPS } from "@/lib/reports/rollups";
import { runReport } from "@/lib/reports/run";
import { BENCH_ROUND, generateData } from "../generate-data";
import { approveBenchRound, type FilterCombination, filterCombinations, loadFixture, supplyBenchSelfService } from "./report-filters";
/** The largest, a large, a middle and the smallest generated municipality (sizes ∝ k^-0.8). */
const MUNICIPALITIES = [801, 805, 830, 898];

export interface ReportTiming {
  report: string;
  /** "national" or the municipality number. */
  view: string;
  /** The filter combination (FilterCombination.key). */
  filters: string;
  /** Timed runs (fewer than asked when far over the target). */
  runs: number;
  p50: number;
  p95: number;
  /**
   * One run with nothing approved-only in memory (lib/reports/approved-memo.ts): what the first reader
   * after an approval or a setup change waits. The timed runs after the warm-up take such figures from memory.
   */
  cold?: number;
}

export interface ReportBench {
  rows: number;
  /** Seconds to generate, or null for a reused dataset. */
  seconds: number | null;
  database: string;
  runs: number;
  municipalities: { number: number; registrations: number }[];
  rollups: { table: string; rows: number }[];
  combinations: { key: string; label: string; example: Record<string, string> | null }[];
  /** Why the source filter was not measured, when it was not. */
  sourceNote: string | null;
  /** Only these reports were measured (BENCH_REPORT_ONLY), or null for all. */
  only: string[] | null;
  timings: ReportTiming[];
  /** The cockpit ("Overblik") per view: coordinators of the measured municipalities, a unit lead, KL. */
  cockpit: ReportTiming[];
  insertCost: { withTriggers: number; withoutTriggers: number; withoutTaskIndex: number; inserts: number; flush: number };
  /** Size of the report task index (registration_report_task_idx), MB. */
  taskIndexMb: number;
}

/** p95 targets in ms: one municipality, and the national view. */
const targetOf = (view: string) => (view === "national" ? 1000 : 300);
/** A cell whose first timed run takes more than this many times its target gets at most FEW_RUNS runs. */
const FAR_OVER = 3;
const FEW_RUNS = 5;

async function timeReport(
  database: SporDatabase,
  access: Access,
  slug: string,
  params: Record<string, string>,
  runs: number,
  target: number,
) {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    await runReport(database.sql, access, slug, params);
    if (i > 0) times.push(performance.now() - t); // the first run warms caches
    // Far over the target the figure is clear after a few runs; the machine is shared.
    if (times.length === 1 && times[0] > FAR_OVER * target) runs = Math.min(runs, FEW_RUNS);
  }
  times.sort((a, b) => a - b);
  // A new executor has an empty approved memo (approvedMemoFor keeps one per executor).
  const t = performance.now();
  await runReport({ ...database.sql }, access, slug, params);
  const cold = performance.now() - t;
  return {
    runs: times.length,
    p50: times[Math.floor(times.length / 2)],
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
    cold,
  };
}

/**
 * The cockpit ("Overblik", lib/cockpit/queries.ts) as each role lands on it, with "now" the day of the
 * dataset's latest registration (so today, this week and the round have data): the coordinator of
 * each measured municipality, the lead of its largest unit, and KL. Targets as for the reports.
 */
async function timeCockpits(database: SporDatabase, runs: number): Promise<ReportTiming[]> {
  const sql = database.sql;
  const [{ latest }] = await sql.query<{ latest: Date | string }>(
    `SELECT max(occurred_at) AS latest FROM registration WHERE is_test = false`,
  );
  const now = new Date(latest);
  const views: { view: string; access: Access }[] = [
    {
      view: "national",
      access: { userId: "bench", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] },
    },
  ];
  for (const number of MUNICIPALITIES) {
    const [m] = await sql.query<{ id: string; unit_id: string }>(
      `SELECT m.id, (SELECT u.id FROM unit u WHERE u.municipality_id = m.id AND u.archived_at IS NULL ORDER BY u.name LIMIT 1) AS unit_id FROM municipality m WHERE m.number = $1`,
      [number],
    );
    if (!m) continue;
    views.push({
      view: String(number),
      access: { userId: "bench", memberships: [{ role: "COORDINATOR", municipalityId: m.id, unitId: null }], leadUnitIds: [] },
    });
    if (number === MUNICIPALITIES[0] && m.unit_id) {
      views.push({
        view: `${number} lead`,
        access: {
          userId: "bench",
          memberships: [{ role: "UNIT_LEAD", municipalityId: m.id, unitId: m.unit_id }],
          leadUnitIds: [m.unit_id],
        },
      });
    }
  }
  const out: ReportTiming[] = [];
  for (const { view, access } of views) {
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      await loadCockpit(access, { now, database });
      if (i > 0) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.push({
      report: "overblik",
      view,
      filters: "none",
      runs: times.length,
      p50: times[Math.floor(times.length / 2)],
      p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)],
    });
    console.log(`  overblik ${view}: p50 ${out.at(-1)!.p50.toFixed(1)} ms, p95 ${out.at(-1)!.p95.toFixed(1)} ms`);
  }
  return out;
}

/**
 * What the rollup triggers and the report task index add to a single-row insert: the mean time of
 * `inserts` one-row INSERT statements with both, without the triggers, and without the index, each
 * inside a transaction that is rolled back (the dataset is left as it was).
 */
async function insertCost(database: SporDatabase, inserts = 300): Promise<ReportBench["insertCost"]> {
  const measure = async (without: "nothing" | "triggers" | "index") => {
    let rollback: Error | null = null;
    let mean = 0;
    let flush = 0;
    try {
      await database.sql.transaction(async (tx) => {
        // Registrations are written while a round is counted, before it is approved (approved weeks are frozen).
        await tx.exec(`DELETE FROM round_approval`);
        if (without === "triggers") await tx.exec(`ALTER TABLE registration DISABLE TRIGGER report_rollups_insert`);
        if (without === "index") await tx.exec(`DROP INDEX registration_report_task_idx`);
        const [template] = await tx.query<Record<string, unknown>>(`SELECT * FROM registration WHERE is_test = false LIMIT 1`);
        const t = performance.now();
        for (let i = 0; i < inserts; i++) {
          await tx.query(
            `INSERT INTO registration (id, municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, quantity,
                                       occurred_at, iso_year, iso_week, source, is_test, in_counting_week, updated_at)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, 'MANUAL', false, true, now())`,
            [
              template.municipality_id,
              template.unit_id,
              template.task_id,
              template.channel_code,
              template.contact_type_code,
              template.closure_code,
              template.form,
              template.occurred_at,
              template.iso_year,
              template.iso_week,
            ],
          );
        }
        mean = (performance.now() - t) / inserts;
        const f = performance.now();
        await flushRollups((text) => tx.query(text));
        flush = performance.now() - f;
        rollback = new Error("rollback");
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return { mean, flush };
  };
  await measure("nothing"); // warm-up
  const all = await measure("nothing");
  return {
    withTriggers: all.mean,
    withoutTriggers: (await measure("triggers")).mean,
    withoutTaskIndex: (await measure("index")).mean,
    inserts,
    flush: all.flush,
  };
}

async function measure(database: SporDatabase, runs: number): Promise<Omit<ReportBench, "seconds" | "database">> {
  const sql = database.sql;
  const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM registration`);
  const municipalities = await sql.query<{ number: number; registrations: number }>(
    `SELECT m.number, (SELECT count(*) FROM registration r WHERE r.municipality_id = m.id)::float8 AS registrations
       FROM municipality m WHERE m.number = ANY($1::int[]) ORDER BY m.number`,
    [MUNICIPALITIES],
  );
  await ensureTimedAndAnswered(sql);
  await supplyBenchSelfService(sql);
  await approveBenchRound(sql);
  await flushRollups((text) => sql.query(text));
  // The flush leaves its queues full of dead rows (one per registration ensureTimedAndAnswered touched).
  // Production's autovacuum clears them within a minute (the queues' settings in
  // 20261224000000_test_registration_index); a bench server may run without autovacuum, and then
  // every later flush would read them all.
  await sql.query(`VACUUM report_rollup_pending, report_answer_rollup_pending`);
  const rollups: ReportBench["rollups"] = [];
  for (const r of [...ROLLUPS, ...TIMED_ROLLUPS, ...ANSWER_ROLLUPS, SELF_SERVICE_ROLLUP]) {
    const table = r.from.replace(/ r$/, "");
    const [{ rows }] = await sql.query<{ rows: number }>(`SELECT count(*)::float8 AS rows FROM ${table}`);
    rollups.push({ table, rows: Number(rows) });
  }
  const [{ mb }] = await sql.query<{ mb: number }>(`SELECT (pg_relation_size('registration_report_task_idx') / 1048576.0)::float8 AS mb`);
  const fixture = await loadFixture(sql, MUNICIPALITIES);
  const combinations = filterCombinations(fixture);
  const only = process.env.BENCH_REPORT_ONLY?.split(",").map((x) => x.trim()) ?? null;
  const timings: ReportTiming[] = [];
  for (const report of REPORTS.filter((r) => !only || only.includes(r.slug))) {
    const views = [
      ...(report.audience === "national" ? [] : municipalities.map((m) => String(m.number))),
      ...(report.municipalityOnly ? [] : ["national"]),
    ];
    for (const view of views) {
      for (const combination of combinations) {
        const params = combination.params(view);
        if (!params || !combination.offered(report, view)) continue;
        timings.push({
          report: report.slug,
          view,
          filters: combination.key,
          ...(await timeReport(database, combination.access(view), report.slug, params, runs, targetOf(view))),
        });
        console.log(
          `  ${report.slug} ${view} ${combination.key}: p50 ${timings.at(-1)!.p50.toFixed(1)} ms, p95 ${timings.at(-1)!.p95.toFixed(1)} ms`,
        );
      }
    }
  }
  const cockpit = await timeCockpits(database, runs);
  return {
    rows: Number(n),
    runs,
    cockpit,
    municipalities: municipalities.map((m) => ({ number: m.number, registrations: Number(m.registrations) })),
    rollups,
    combinations: combinations.map((c: FilterCombination) => ({
      key: c.key,
      label: c.label,
      example: c.params(String(MUNICIPALITIES[0])),
    })),
    sourceNote: fixture.source
      ? null
      : "the report filters (lib/reports/filters.ts) take no source parameter yet, so the source combination was not measured",
    only,
    timings,
    insertCost: await insertCost(database),
    taskIndexMb: Number(mb),
  };
}

/**
 * The generator makes neither timed registrations nor answers. So that Tidsforbrug and Ekstra
 * spørgsmål are measured on real work, every 20th registration (by id) gets a start and an end, and
 * each measured municipality gets a three-option question answered on every 10th registration.
 * Done once per dataset (a kept BENCH_REPORT_DB keeps them). The start and end reach
 * report_rollup_timed through the triggers; the flush after it folds them in.
 */
async function ensureTimedAndAnswered(sql: SporDatabase["sql"]): Promise<void> {
  // Approval freezes the round's registrations and answers (the report-pages bench approves it):
  // reopened here, approved again by approveBenchRound once the data is complete.
  await sql.query(`DELETE FROM round_approval WHERE round_id = (SELECT id FROM counting_round WHERE code = $1)`, [BENCH_ROUND.code]);
  const [{ timed }] = await sql.query<{ timed: number }>(`SELECT count(*)::float8 AS timed FROM registration WHERE started_at IS NOT NULL`);
  if (!Number(timed)) {
    await sql.query(
      `UPDATE registration SET started_at = occurred_at - make_interval(secs => 60 + abs(hashtext(id::text)) % 600), ended_at = occurred_at
       WHERE abs(hashtext(id::text)) % 20 = 0 AND is_test = false`,
    );
  }
  for (const number of MUNICIPALITIES) {
    const [existing] = await sql.query<{ id: string }>(
      `SELECT q.id FROM extra_question q JOIN municipality m ON m.id = q.municipality_id WHERE m.number = $1 AND q.text = 'Benchmark-spørgsmål'`,
      [number],
    );
    if (existing) continue;
    const [q] = await sql.query<{ id: string }>(
      `INSERT INTO extra_question (id, municipality_id, text) SELECT gen_random_uuid(), id, 'Benchmark-spørgsmål' FROM municipality WHERE number = $1 RETURNING id`,
      [number],
    );
    await sql.query(
      `INSERT INTO extra_question_option (id, question_id, label, sort_order) SELECT gen_random_uuid(), $1::uuid, label, ord FROM unnest(ARRAY['Ja','Nej','Ved ikke']) WITH ORDINALITY AS o(label, ord)`,
      [q.id],
    );
    await sql.query(
      `INSERT INTO registration_answer (registration_id, question_id, option_id)
       SELECT r.id, $1::uuid, (SELECT o.id FROM extra_question_option o WHERE o.question_id = $1::uuid ORDER BY o.sort_order OFFSET abs(hashtext(r.id::text)) % 3 LIMIT 1)
       FROM registration r JOIN municipality m ON m.id = r.municipality_id
       WHERE m.number = $2 AND r.is_test = false AND abs(hashtext(r.id::text) / 7) % 10 = 0`,
      [q.id, number],
    );
  }
  // Fresh statistics, as autovacuum would have them after such changes in production.
  await sql.query(`VACUUM ANALYZE registration, registration_answer`);
}

export async function benchReports(serverUrl: string, size: number, keptUrl: string | undefined, runs: number): Promise<ReportBench> {
  const scratch = keptUrl ? null : await createScratchDatabase(serverUrl, "spor_bench_reports");
  const url = keptUrl ?? scratch!.url;
  // Bulk set-up (generation, UPDATEs of every 20th row, VACUUM) runs long: the command line's limits.
  const database = openDatabase({ kind: "server", url }, { timeouts: CLI_TIMEOUTS });
  try {
    await prepareDatabase(database, { demoOnFirstStart: false, log: (m) => console.log(`  ${m}`) });
    const [{ existing }] = await database.sql.query<{ existing: number }>(`SELECT count(*)::float8 AS existing FROM registration`);
    let seconds: number | null = null;
    if (!Number(existing)) {
      const started = Date.now();
      await generateData(size, (m) => console.log(`  ${m}`), url);
      seconds = (Date.now() - started) / 1000;
    }
    return { ...(await measure(database, runs)), seconds, database: new URL(url).pathname.slice(1) };
  } finally {
    await database.close();
    await scratch?.drop();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The "Reports" section of docs/benchmarks.md. */
export function reportSection(b: ReportBench): string {
  const target = targetOf;
  const viewLabel = (view: string) => (view === "national" ? "national" : `kommune ${view}`);
  const cells = new Map(b.timings.map((t) => [`${t.report}|${t.view}|${t.filters}`, t]));
  const rowsOf = [...new Set(b.timings.map((t) => `${t.report}|${t.view}`))];
  const lines = rowsOf.map((key) => {
    const [report, view] = key.split("|");
    const measured = b.combinations.map((c) => cells.get(`${key}|${c.key}`));
    const within = measured.every((t) => !t || t.p95 <= target(view));
    const cell = (t: ReportTiming | undefined) =>
      t ? `${fmt(t.p50, 1)} / ${t.p95 <= target(view) ? fmt(t.p95, 1) : `**${fmt(t.p95, 1)}**`}` : "–";
    return `| ${report} | ${viewLabel(view)} | ${measured.map(cell).join(" | ")} | ${within ? "yes" : "**no**"} |`;
  });
  const misses = b.timings.filter((t) => t.p95 > target(t.view));
  const coldMisses = b.timings.filter((t) => t.cold !== undefined && t.cold > target(t.view));
  const sizes = b.municipalities.map((m) => `${m.number}: ${fmt(m.registrations)}`).join(", ");
  const example = (c: ReportBench["combinations"][number]) =>
    c.example ? `\`${new URLSearchParams(c.example).toString().replace(/%2C/g, ",")}\`` : "not measured";
  return (
    `${fmt(b.rows)} registrations in 98 generated municipalities (scripts/generate-data.ts) on PostgreSQL, database \`${b.database}\` ` +
    `(${b.seconds === null ? "reused from an earlier run" : `generated in ${fmt(b.seconds)} s`}). Registrations per measured municipality: ${sizes}. ` +
    `${b.runs} runs per cell after one warm-up (${FEW_RUNS} where the first run took over ${FAR_OVER}× the target: ` +
    `${b.timings.filter((t) => t.runs < b.runs).length} cells), in-process through runReport (SQL + assembly, no HTTP or rendering). ` +
    `The machine is shared with other work while measuring, so single figures are noisy.${b.only ? ` Only these reports were measured in this run: ${b.only.join(", ")}.` : ""}\n\n` +
    `Filter combinations (the report pages' filters; a unit lead reads their own unit with its sub-units; "–": not offered to that view):\n\n` +
    b.combinations.map((c) => `- **${c.label}**: ${example(c)} (for kommune ${MUNICIPALITIES[0]})`).join("\n") +
    `\n${b.sourceNote ? `\nNot measured: ${b.sourceNote}.\n` : ""}\n` +
    `Every cell is p50 / p95 in ms; a p95 over the target is bold.\n\n` +
    `| report | view | ${b.combinations.map((c) => c.label).join(" | ")} | within target |\n|---|---|${b.combinations.map(() => "---|").join("")}---|\n${lines.join("\n")}\n\n` +
    `Target (issue 12): p95 ≤ 300 ms for one municipality and ≤ 1 s nationally at 10 million registrations, every report and every filter combination. ` +
    (misses.length
      ? `Misses: ${misses.map((t) => `${t.report} ${viewLabel(t.view)} (${t.filters}, p95 ${fmt(t.p95)} ms)`).join("; ")}.\n\n`
      : `Every cell is within it.\n\n`) +
    `Figures over approved municipalities only (Benchmark's national column, KL's national editions) are computed once per state of approvals and setup and then served from memory (lib/reports/approved-memo.ts), so the timed runs after the warm-up read them from memory. ` +
    `One more run per cell with an empty memo gives what the first reader after an approval or setup change waits: ` +
    (coldMisses.length
      ? `over the target in ${coldMisses.map((t) => `${t.report} ${viewLabel(t.view)} (${t.filters}, ${fmt(t.cold!)} ms)`).join("; ")}.\n\n`
      : `within the target in every cell.\n\n`) +
    `**Overblik (the cockpit, issue 14)**, as each role lands on it (lib/cockpit/queries.ts, all its reads; "now" is the latest registration's time), p50 / p95 in ms: ` +
    (b.cockpit ?? [])
      .map(
        (t) =>
          `${t.view === "national" ? "KL" : t.view.endsWith("lead") ? `unit lead in ${t.view.split(" ")[0]}` : `coordinator ${t.view}`} ${fmt(t.p50, 1)} / ${t.p95 <= target(t.view === "national" ? "national" : t.view) ? fmt(t.p95, 1) : `**${fmt(t.p95, 1)}**`}`,
      )
      .join("; ") +
    `.\n\n` +
    `**Tidsforbrug before and after (issue 12).** It read the timed registrations themselves (a partial index on \`registration\`) and took medians by sorting them; now it reads five timed rollups (durations in whole seconds, with the registrations per duration; the median comes from the running counts) — nationally per task and per channel, per municipality per task and per channel, and one with every dimension for unit and date filters. Same dataset, same quiet machine, 20 runs after a warm-up, 2026-12-05: largest municipality (801) p50 322 ms / p95 369 ms before, p50 13 ms / p95 19 ms after; national p50 1,424 ms / p95 1,844 ms before, p50 10 ms / p95 11 ms after (the "before" ran main's code with its partial index recreated). With the filters the UI offers (p50 / p95 of 20 runs, same day): 801 with a date range and a task 11 / 13 ms, the unit lead's units and a task 9 / 11 ms, a source 22 / 25 ms, tasks rolled up to KLE groups 30 / 32 ms; national with a date range and a task 224 / 236 ms, a source 19 / 24 ms. The migration (20261215000000_method_bases) rebuilds every rollup; on this dataset it took 8.5 minutes on a busy machine.\n\n` +
    `**How.** The reports never aggregate the registrations themselves but read ${b.rollups.length} rollups (pre-aggregates), ` +
    `each holding only the dimensions some reports need, always with the ISO week, the ` +
    `counting-week flag, the summed quantity and the number of registrations; test registrations are left out when written. ` +
    `An aggregate navigator (lib/reports/rollups.ts) gives each query the smallest rollup that has every dimension it groups by ` +
    `and every filter in force (a date range needs days, a unit filter units, a task filter tasks …). Each rollup's unique key ` +
    `starts with (municipality, ISO year, ISO week), so one municipality's round is an index range; an (ISO year, ISO week) ` +
    `index serves the national view. Labels, prices and channel properties are joined after aggregation. ` +
    `«Ekstra spørgsmål» reads its own rollup, report_answer_rollup (answers per question and option, day, unit, channel and ` +
    `source), kept exact by triggers on the answers and on their registrations; a task filter, which it has no dimension for, ` +
    `reads the answered registrations. Rows now:\n\n` +
    `| rollup | dimensions besides week and counting-week flag | rows |\n|---|---|---|\n` +
    b.rollups
      .map((r) => {
        const dims = [
          ...[...ROLLUPS, ...TIMED_ROLLUPS, ...ANSWER_ROLLUPS, SELF_SERVICE_ROLLUP].find((x) => x.from === `${r.table} r`)!.dims,
        ].join(", ");
        const extra =
          r.table === "report_answer_rollup" ? ", question, option" : r.table.startsWith("report_rollup_timed") ? ", seconds" : "";
        return `| ${r.table} | ${dims}${extra} | ${fmt(r.rows)} |`;
      })
      .join("\n") +
    `\n\nA task (or package) together with a date range or a unit lead's units has no rollup: with 76 tasks, 6 units and 15 days ` +
    `such a rollup would hold about as many rows as there are registrations. Those reads go to \`registration\` (through the ` +
    `view report_registration, also filtered on the task as registered, recorded_task_id) and are ` +
    `index-only scans of registration_report_task_idx (task, municipality, time, with every column the reads use included; ` +
    `${fmt(b.taskIndexMb)} MB), so they touch one task's entries and never the table's pages. Without it they read one table page per ` +
    `matching registration (2–4 s for the largest municipality and 3.5 s nationally at 10 million generated registrations, ` +
    `measured 2026-12-05).\n\n` +
    `Correctness: statement-level triggers on \`registration\` append each change to report_rollup_pending (a registration ` +
    `that came counts +1, one that went −1, an update both, netted), and report_rollups_flush(), run by every report before it ` +
    `reads, folds the pending rows into all rollups with one grouped upsert per rollup. So inserts, corrections (including ` +
    `re-marking the counting-week flag and moving to another unit), deletions, batch undo and imports all leave every rollup ` +
    `equal to a fresh GROUP BY over \`registration\` ` +
    `(tests/db/report-aggregate.test.ts), and every report under every kind of filter gives the same figures from the rollups ` +
    `as from the registrations (tests/db/report-rollups.test.ts), on PGlite and PostgreSQL; the answer rollup likewise after ` +
    `answers and registrations change in either order (tests/db/report-answer-rollup.test.ts). report_rollups_rebuild() and ` +
    `report_answer_rollup_rebuild() recompute them after bulk loads that bypass the triggers (the generator does so).\n\n` +
    `Write cost: a single-row INSERT into \`registration\` took ${fmt(b.insertCost.withTriggers, 2)} ms with the rollup triggers and the ` +
    `report task index, ${fmt(b.insertCost.withoutTriggers, 2)} ms without the triggers and ${fmt(b.insertCost.withoutTaskIndex, 2)} ms without the index ` +
    `(mean of ${b.insertCost.inserts} one-row statements in one transaction, rolled back). The trigger's part is the one-row append to ` +
    `report_rollup_pending (a registration's answers append one row each); the folding into the rollups is paid ` +
    `by the next report that is opened: folding those ${b.insertCost.inserts} pending registrations took ${fmt(b.insertCost.flush, 1)} ms ` +
    `(the report timings above ran with nothing pending).\n\n` +
    `Reproduce: \`BENCH_ONLY=reports BENCH_REPORT_DB=postgres://postgres@127.0.0.1:5432/${b.database} npm run bench\` ` +
    `(BENCH_REPORT_DB is generated with BENCH_REPORT_ROWS registrations, default 300,000, when empty, and reused otherwise; ` +
    `BENCH_REPORT_RUNS sets the runs per row).\n`
  );
}
