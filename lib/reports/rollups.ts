// The aggregate navigator: which table a report query reads. The reports never read `registration`
// directly when a rollup will do: the rollups (prisma/migrations/20261122080000_report_rollups) are
// pre-aggregates kept exact by triggers, each with only the dimensions some reports need. A query
// names the dimensions it groups by; the filters in force add theirs; the first (smallest) rollup
// that has them all is used, and `registration` itself when none has.
//
// Every rollup has the ISO week (round and week filters) and the counting-week flag, and holds no
// test registrations. They hold the *reporting* values (prisma/migrations/20261215000000_method_bases):
// an answer to a question that was not asked is left out (form on telephone, type and closure on web
// visits), and a fejlhenvendelse is the task and the type Fejlhenvendelse however it was registered.
// The view report_registration gives the registrations themselves with the same values. Triggers append each change to a pending table, and flushRollups folds it in
// before a report reads. All of them use the registration's column names, so a query reads the same
// whichever table it gets.

/** A dimension a query groups by or filters on, beyond ISO week and counting-week flag. */
export type RollupDim =
  "municipality" | "unit" | "task" | "channel" | "type" | "closure" | "form" | "source" | "day" | "hour" | "precision";

export interface RollupSource {
  /** The FROM item, aliased `r`. */
  from: string;
  dims: ReadonlySet<RollupDim>;
  /** How a Danish date range is applied: on `occurred_at` (hours) or on `occurred_on` (Danish days). */
  dateColumn: "occurred_at" | "occurred_on" | null;
  /** Has `recorded_task_id`, the task as registered (the registrations themselves). */
  recordedTask?: boolean;
}

const rollup = (table: string, dims: RollupDim[], dateColumn: RollupSource["dateColumn"] = null): RollupSource => ({
  from: `${table} r`,
  dims: new Set(dims),
  dateColumn,
});

/**
 * Smallest first. Rows per three-week round at 10 million generated registrations (98
 * municipalities, 6 units each, 76 tasks) are in docs/benchmarks.md. The two without a municipality
 * serve only national figures that are not broken down by municipality.
 */
export const ROLLUPS: readonly RollupSource[] = [
  // No municipality: only for national figures that are not broken down by municipality.
  rollup("report_rollup_national_totals", ["channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_hours", ["municipality", "unit", "day", "hour", "source", "precision"], "occurred_at"),
  rollup("report_rollup_national", ["task", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_totals", ["municipality", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_task_answers", ["municipality", "task", "closure", "form", "source"]),
  rollup("report_rollup_days", ["municipality", "day", "channel", "type", "closure", "form", "source"], "occurred_on"),
  rollup("report_rollup_units", ["municipality", "unit", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_task_channels", ["municipality", "task", "channel", "type", "source"]),
];

/**
 * The own self-service registrations the one-source self-service figure corrects with (the cells with
 * supplied counts, self-service-cells.ts): inbound transactions on self-service channels only
 * (INBOUND_TX in figures.ts), per municipality, week, task and channel
 * (prisma/migrations/20270307000000_self_service_rollup). A rollup of its own, never picked for
 * other reports; its rows need no measure filter. At 10 million registrations 40,789 rows a
 * round against 200,000 for the same rows of report_rollup_task_channels (by type and source).
 */
export const SELF_SERVICE_ROLLUP: RollupSource = rollup("report_rollup_self_service", ["municipality", "task", "channel"]);

/**
 * «Datakvalitet»'s shares per unit and task (lib/quality/findings.ts): contacts by closure per
 * municipality, week, unit and task (prisma/migrations/20270308000000_quality_rollup). A rollup of
 * its own, never picked for reports.
 */
export const QUALITY_ROLLUP: RollupSource = rollup("report_rollup_unit_tasks", ["municipality", "unit", "task", "closure"]);

/** The registrations themselves, shaped like a rollup: one registration per row, test rows left out, reporting values. */
export const REGISTRATIONS: RollupSource = {
  from: `(SELECT id, municipality_id, unit_id, task_id, recorded_task_id, channel_code, contact_type_code, closure_code, form, source,
                 in_counting_week, iso_year, iso_week, occurred_at, time_precision, quantity, 1 AS registrations
            FROM report_registration) r`,
  dims: new Set<RollupDim>(["municipality", "unit", "task", "channel", "type", "closure", "form", "source", "day", "hour", "precision"]),
  dateColumn: "occurred_at",
  recordedTask: true,
};

/**
 * Measured durations (column `seconds`, whole seconds) for «Tidsforbrug»: rollups of their own, never
 * picked for other reports (they hold only measured registrations). Smallest first; the last has
 * every dimension a filter can need, so it is the fallback.
 */
export const TIMED_ROLLUPS: readonly RollupSource[] = [
  rollup("report_rollup_timed_national_channels", ["channel", "source"]),
  rollup("report_rollup_timed_national_tasks", ["task", "source"]),
  rollup("report_rollup_timed_channels", ["municipality", "channel", "source"]),
  rollup("report_rollup_timed_tasks", ["municipality", "task", "source"]),
  rollup("report_rollup_timed", ["municipality", "unit", "task", "channel", "source", "day"], "occurred_on"),
];
export const TIMED_ROLLUP = TIMED_ROLLUPS[TIMED_ROLLUPS.length - 1];

/** The same from the registrations (tests compare the two). */
export const TIMED_REGISTRATIONS: RollupSource = {
  from: `(SELECT municipality_id, unit_id, task_id, channel_code, source, in_counting_week, iso_year, iso_week, occurred_at,
                 seconds, quantity, 1 AS registrations
            FROM report_registration WHERE seconds IS NOT NULL) r`,
  dims: TIMED_ROLLUP.dims,
  dateColumn: "occurred_at",
};

/**
 * The answers to extra questions («Ekstra spørgsmål»), counted per question and option besides the
 * dimensions listed (prisma/migrations/20261212000000_report_answer_rollup). Rows carry
 * question_id and option_id as well as the columns every rollup has.
 */
export const ANSWER_ROLLUPS: readonly RollupSource[] = [
  rollup("report_answer_rollup", ["municipality", "unit", "channel", "source", "day"], "occurred_on"),
];

/**
 * The answered registrations themselves, one row per answer: for filters no answer rollup has
 * (tasks). Read through report_registration, so a task filter means what it means in every other
 * report (Fejlhenvendelse one way) and can still use registration's task index on recorded_task_id.
 */
export const ANSWERS: RollupSource = {
  from: `(SELECT g.municipality_id, g.unit_id, g.task_id, g.recorded_task_id, g.channel_code, g.contact_type_code, g.closure_code, g.form, g.source,
                 g.in_counting_week, g.iso_year, g.iso_week, g.occurred_at, g.time_precision, g.quantity, 1 AS registrations, a.question_id, a.option_id
            FROM report_registration g JOIN registration_answer a ON a.registration_id = g.id) r`,
  dims: REGISTRATIONS.dims,
  dateColumn: "occurred_at",
  recordedTask: true,
};

/**
 * Folds registration and answer changes not yet in the rollups into them (report_rollups_flush and
 * report_answer_rollup_flush in the migrations). Every report runs it before it reads, so it sees
 * every committed registration.
 */
export async function flushRollups(query: (sql: string) => Promise<unknown>): Promise<void> {
  await query(`SELECT report_rollups_flush(), report_answer_rollup_flush()`);
}

/** The smallest source that has every dimension in `needed`; `fallback` when none has. */
export function pickRollup(
  needed: Iterable<RollupDim>,
  rollups: readonly RollupSource[] = ROLLUPS,
  fallback: RollupSource = REGISTRATIONS,
): RollupSource {
  const wanted = [...needed];
  return rollups.find((r) => wanted.every((d) => r.dims.has(d))) ?? fallback;
}
