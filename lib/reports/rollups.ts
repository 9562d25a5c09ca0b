// The aggregate navigator: which table a report query reads. The reports never read `registration`
// directly when a rollup will do: the rollups (prisma/migrations/20261122080000_report_rollups) are
// pre-aggregates kept exact by triggers, each with only the dimensions some reports need. A query
// names the dimensions it groups by; the filters in force add theirs; the first (smallest) rollup
// that has them all is used, and `registration` itself when none has.
//
// Every rollup has the ISO week (round and week filters) and the counting-week flag, and holds no
// test registrations. Triggers append each change to a pending table, and flushRollups folds it in
// before a report reads. All of them use the registration's column names, so a query reads the same
// whichever table it gets.

/** A dimension a query groups by or filters on, beyond ISO week and counting-week flag. */
export type RollupDim = "municipality" | "unit" | "task" | "channel" | "type" | "closure" | "form" | "source" | "day" | "hour";

export interface RollupSource {
  /** The FROM item, aliased `r`. */
  from: string;
  dims: ReadonlySet<RollupDim>;
  /** How a Danish date range is applied: on `occurred_at` (hours) or on `occurred_on` (Danish days). */
  dateColumn: "occurred_at" | "occurred_on" | null;
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
  rollup("report_rollup_hours", ["municipality", "unit", "day", "hour", "source"], "occurred_at"),
  rollup("report_rollup_national", ["task", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_totals", ["municipality", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_task_answers", ["municipality", "task", "closure", "form", "source"]),
  rollup("report_rollup_days", ["municipality", "day", "channel", "type", "closure", "form", "source"], "occurred_on"),
  rollup("report_rollup_units", ["municipality", "unit", "channel", "type", "closure", "form", "source"]),
  rollup("report_rollup_task_channels", ["municipality", "task", "channel", "type", "source"]),
];

/** The registrations themselves, shaped like a rollup: one registration per row, test rows left out. */
export const REGISTRATIONS: RollupSource = {
  from: `(SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week,
                 iso_year, iso_week, occurred_at, quantity, 1 AS registrations
            FROM registration WHERE is_test = false) r`,
  dims: new Set<RollupDim>(["municipality", "unit", "task", "channel", "type", "closure", "form", "source", "day", "hour"]),
  dateColumn: "occurred_at",
};

/**
 * The answers to extra questions («Ekstra spørgsmål»), counted per question and option besides the
 * dimensions listed (prisma/migrations/20261212000000_report_answer_rollup). Rows carry
 * question_id and option_id as well as the columns every rollup has.
 */
export const ANSWER_ROLLUPS: readonly RollupSource[] = [rollup("report_answer_rollup", ["municipality", "unit", "channel", "source", "day"], "occurred_on")];

/** The answered registrations themselves, one row per answer: for filters no answer rollup has (tasks). */
export const ANSWERS: RollupSource = {
  from: `(SELECT g.municipality_id, g.unit_id, g.task_id, g.channel_code, g.contact_type_code, g.closure_code, g.form, g.source,
                 g.in_counting_week, g.iso_year, g.iso_week, g.occurred_at, g.quantity, 1 AS registrations, a.question_id, a.option_id
            FROM registration g JOIN registration_answer a ON a.registration_id = g.id WHERE g.is_test = false) r`,
  dims: REGISTRATIONS.dims,
  dateColumn: "occurred_at",
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
export function pickRollup(needed: Iterable<RollupDim>, rollups: readonly RollupSource[] = ROLLUPS, fallback: RollupSource = REGISTRATIONS): RollupSource {
  const wanted = [...needed];
  return rollups.find((r) => wanted.every((d) => r.dims.has(d))) ?? fallback;
}
