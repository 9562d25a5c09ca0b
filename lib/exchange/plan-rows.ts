import crypto from "node:crypto";
import { type CountingCalendar, countingWeekFlagger, utcHourOf } from "@/lib/counting/in-counting-week";
import { isoWeekOf, type IsoWeek, localParts } from "@/lib/counting/iso-week";
import type { RegistrationSource, TimePrecision } from "@/lib/generated/prisma/enums";
import { channelAsksForm } from "@/lib/reference/codes";
import type { ImportPlan, ImportRow } from "./import-types";
import { pgArray, type RegistrationColumns, type StagingColumns } from "./insert-rows";

// The per-row part of an import, free of the database: matching rows to units and tasks (with the
// errors by line) and turning planned rows into the insert's columns. Small imports (the API, mass
// registration) run it on the request thread; a file runs it in the import worker
// (import-worker.ts), so 200,000 rows never live on the thread that answers requests.

/** The legacy login of the municipality-level unit that takes rows without a unit. */
export const MUNICIPALITY_LEVEL_LOGIN = "(kommune)";

/** What the database says about the rows' municipality, units and tasks (loadImportContext). */
export interface ImportContext {
  municipalityNumber: number;
  /** Active units by lower-cased name, lower-cased old login and id. */
  unitIdByKey: Map<string, string>;
  /** Known tasks by number, for the rows' task numbers. */
  taskIdByNumber: Map<string, string>;
}

export const taskNumbersOf = (rows: readonly { taskNumber: string }[]) => [...new Set(rows.map((r) => r.taskNumber))];

/**
 * Resolves units and tasks for rows of one municipality, reporting every row that does not fit.
 * Units are matched by name, old login or id among the municipality's active units — never another's.
 * The rows themselves become the planned rows (no copy: a file has up to 200,000 of them).
 */
export function planRows(
  municipalityId: string,
  rows: ImportRow[],
  context: ImportContext,
  options: { createMissingUnits?: boolean } = {},
): ImportPlan {
  const { municipalityNumber, unitIdByKey, taskIdByNumber } = context;
  const errors: ImportPlan["errors"] = [];
  const planned: ImportPlan["rows"] = [];
  const newUnits = new Set<string>();
  for (const row of rows) {
    if (row.municipalityNumber !== municipalityNumber) {
      errors.push({ line: row.line, message: `Rækken er til kommune ${row.municipalityNumber}, ikke ${municipalityNumber}.` });
      continue;
    }
    // Rows without a unit go to the municipality-level unit (created on commit if missing).
    const key = row.unit || MUNICIPALITY_LEVEL_LOGIN;
    const unitId = unitIdByKey.get(key.toLowerCase());
    if (!unitId && row.unit && !options.createMissingUnits) {
      errors.push({ line: row.line, message: `Enheden "${row.unit}" findes ikke i kommunen.` });
      continue;
    }
    if (!unitId) newUnits.add(key);
    planned.push(
      Object.assign(row, { unitId: unitId ?? null, newUnit: unitId ? undefined : key, taskId: taskIdByNumber.get(row.taskNumber) ?? null }),
    );
  }
  const newTaskNumbers = taskNumbersOf(rows)
    .filter((n) => !taskIdByNumber.has(n))
    .sort();
  return { municipalityId, rows: planned, errors, newTaskNumbers, newUnits: [...newUnits].sort() };
}

/**
 * Imported rows without a stated precision: a row at exactly 00:00:00 Danish time (uploaded counts,
 * Det Digitale Landkort's rows, a date without a time) has only a date; any other has a time of day.
 */
export function precisionOf(occurredAt: Date): TimePrecision {
  if (occurredAt.getTime() % 1000 !== 0) return "TIME";
  const t = localParts(occurredAt);
  return t.hour === 0 && t.minute === 0 && t.second === 0 ? "DATE" : "TIME";
}

/** What the commit knows once the batch's new units and tasks exist; plain data, so it can go to the worker. */
export interface ChunkContext {
  /** Units created by this commit, by old login. */
  newUnitIds: Record<string, string>;
  /** Tasks created (or found) by this commit, by number. */
  newTaskIds: Record<string, string>;
  /** The municipality's counting calendar as the commit's transaction sees it (after any round it joins). */
  calendar: PlainCalendar;
  /** The source of rows that carry none of their own (an old raw export's rows carry their Datakilde). */
  source: RegistrationSource;
  /** Store each row's line (file imports), so exports keep the file's order. */
  keepFileLines: boolean;
}

/** A CountingCalendar as plain data (it crosses to the import worker): week keys, days as epoch ms. */
export interface PlainCalendar {
  weekKeys: number[];
  periods: { startsOn: number; endsOn: number }[];
}

export function plainCalendar(calendar: CountingCalendar): PlainCalendar {
  return {
    weekKeys: [...calendar.weekKeys],
    periods: calendar.periods.map((p) => ({ startsOn: p.startsOn.getTime(), endsOn: p.endsOn.getTime() })),
  };
}

/** The one counting-week rule (lib/counting/in-counting-week.ts) over a plain calendar. */
export function plainCalendarFlagger(calendar: PlainCalendar): (at: Date) => boolean {
  return countingWeekFlagger({
    weekKeys: new Set(calendar.weekKeys),
    periods: calendar.periods.map((p) => ({ startsOn: new Date(p.startsOn), endsOn: new Date(p.endsOn) })),
  });
}

type PlannedRow = ImportPlan["rows"][number];

/** Turns planned rows into the insert's columns, chunk by chunk; gives each row its id. */
export class RegistrationChunker {
  private readonly weeks = new Map<number, IsoWeek>();
  /** The counting-week flag, by the Copenhagen date (inCountingWeek). */
  private readonly inCounting: (at: Date) => boolean;

  constructor(private readonly context: ChunkContext) {
    this.inCounting = plainCalendarFlagger(context.calendar);
  }

  // Copenhagen's offset is whole hours, so every instant in one UTC hour has the same local date:
  // one (slow) Intl lookup per hour instead of per row.
  private weekOf(at: Date): IsoWeek {
    const hour = utcHourOf(at);
    let week = this.weeks.get(hour);
    if (!week) this.weeks.set(hour, (week = isoWeekOf(at)));
    return week;
  }

  /** Rows [from, to) as PostgreSQL array literals, one per column. */
  columns(rows: readonly PlannedRow[], from: number, to: number): RegistrationColumns {
    const slice = rows.slice(from, to);
    const weeks = slice.map((r) => this.weekOf(r.occurredAt));
    for (const r of slice) r.id ??= crypto.randomUUID();
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    return {
      count: slice.length,
      id: pgArray(slice.map((r) => r.id!)),
      unitId: pgArray(slice.map((r) => r.unitId ?? this.context.newUnitIds[r.newUnit!])),
      taskId: pgArray(slice.map((r) => r.taskId ?? this.context.newTaskIds[r.taskNumber])),
      channelCode: pgArray(slice.map((r) => r.channelCode)),
      contactTypeCode: pgArray(slice.map((r) => r.contactTypeCode)),
      closureCode: pgArray(slice.map((r) => r.closureCode)),
      // A question that was not asked is not an answer, whatever the file says (TraceTool wrote NEJ on
      // every telephone row): stored as not asked. docs/method.md, "Bases".
      form: pgArray(slice.map((r) => (channelAsksForm(r.channelCode) ? r.form : null))),
      quantity: pgArray(slice.map((r) => r.quantity)),
      occurredAt: pgArray(slice.map((r) => r.occurredAt.toISOString())),
      isoYear: pgArray(weeks.map((w) => w.isoYear)),
      isoWeek: pgArray(weeks.map((w) => w.isoWeek)),
      startedAt: pgArray(slice.map((r) => iso(r.startedAt))),
      endedAt: pgArray(slice.map((r) => iso(r.endedAt))),
      measuredTime: pgArray(slice.map((r) => r.measuredTime ?? false)),
      timePrecision: pgArray(slice.map((r) => r.timePrecision ?? precisionOf(r.occurredAt))),
      inCountingWeek: pgArray(slice.map((r) => this.inCounting(r.occurredAt))),
      source: pgArray(slice.map((r) => r.source ?? this.context.source)),
      fileLine: pgArray(slice.map((r) => (this.context.keepFileLines ? r.line : null))),
    };
  }
}

const HOUR_MS = 3_600_000;

/**
 * Turns planned rows into the staging table's columns (insert-rows.ts, STAGE_SQL), chunk by chunk;
 * gives each row its id. Everything but what the import's transaction decides: the ids of units and
 * tasks it creates (staged as login and number) and the counting-week flag (staged as the UTC hour).
 */
export class StagingChunker {
  private readonly weeks = new Map<number, IsoWeek>();
  /** Every UTC hour a staged row falls in (hours since 1970). */
  readonly hours = new Set<number>();

  constructor(private readonly options: { source: RegistrationSource; keepFileLines: boolean }) {}

  private weekOf(at: Date): IsoWeek {
    const hour = utcHourOf(at);
    let week = this.weeks.get(hour);
    if (!week) this.weeks.set(hour, (week = isoWeekOf(at)));
    return week;
  }

  columns(rows: readonly PlannedRow[], from: number, to: number): StagingColumns {
    const slice = rows.slice(from, to);
    const weeks = slice.map((r) => this.weekOf(r.occurredAt));
    const hours = slice.map((r) => utcHourOf(r.occurredAt) / HOUR_MS);
    for (const h of hours) this.hours.add(h);
    for (const r of slice) r.id ??= crypto.randomUUID();
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    return {
      count: slice.length,
      id: pgArray(slice.map((r) => r.id!)),
      unitId: pgArray(slice.map((r) => r.unitId)),
      newUnit: pgArray(slice.map((r) => (r.unitId ? null : r.newUnit))),
      taskId: pgArray(slice.map((r) => r.taskId)),
      taskNumber: pgArray(slice.map((r) => r.taskNumber)),
      channelCode: pgArray(slice.map((r) => r.channelCode)),
      contactTypeCode: pgArray(slice.map((r) => r.contactTypeCode)),
      closureCode: pgArray(slice.map((r) => r.closureCode)),
      // As RegistrationChunker: a question that was not asked is stored as not asked (docs/method.md, "Bases").
      form: pgArray(slice.map((r) => (channelAsksForm(r.channelCode) ? r.form : null))),
      quantity: pgArray(slice.map((r) => r.quantity)),
      occurredAt: pgArray(slice.map((r) => r.occurredAt.toISOString())),
      isoYear: pgArray(weeks.map((w) => w.isoYear)),
      isoWeek: pgArray(weeks.map((w) => w.isoWeek)),
      startedAt: pgArray(slice.map((r) => iso(r.startedAt))),
      endedAt: pgArray(slice.map((r) => iso(r.endedAt))),
      measuredTime: pgArray(slice.map((r) => r.measuredTime ?? false)),
      timePrecision: pgArray(slice.map((r) => r.timePrecision ?? precisionOf(r.occurredAt))),
      source: pgArray(slice.map((r) => r.source ?? this.options.source)),
      fileLine: pgArray(slice.map((r) => (this.options.keepFileLines ? r.line : null))),
      utcHour: pgArray(hours),
    };
  }
}

/** The counting-week flag of each staged UTC hour (hours since 1970), by the one rule over the transaction's calendar. */
export function hourFlags(hours: readonly number[], calendar: PlainCalendar): boolean[] {
  const inCounting = plainCalendarFlagger(calendar);
  return hours.map((h) => inCounting(new Date(h * HOUR_MS)));
}
