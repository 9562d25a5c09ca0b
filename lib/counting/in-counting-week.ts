import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, type IsoWeek, isoWeekKey, isoWeekOfLocalDate, localDateOf, parseIsoDate } from "./iso-week";

// THE counting-week rule (docs/method.md, "Counting weeks and rounds"): a registration is inside the
// municipality's counting weeks when its date in Copenhagen — not in UTC — lies in an ISO week the
// municipality counts, or in one of its local counting periods (both dates included). Every write
// path (registration screen, shared unit login, mass registration, upload, API, old raw exports) and
// the re-marking after a change of weeks decide the flag with inCountingWeek below; the database
// only supplies the municipality's calendar.

/** A municipality's counting weeks (as isoWeekKey) and local periods (date-only values, inclusive). */
export interface CountingCalendar {
  weekKeys: ReadonlySet<number>;
  periods: readonly { startsOn: Date; endsOn: Date }[];
}

/** Whether an instant falls in the calendar, judged by its Copenhagen date. */
export function inCountingWeek(at: Date, calendar: CountingCalendar): boolean {
  const day = localDateOf(at);
  if (calendar.weekKeys.has(isoWeekKey(isoWeekOfLocalDate(day)))) return true;
  const date = Date.UTC(day.year, day.month - 1, day.day);
  return calendar.periods.some((p) => p.startsOn.getTime() <= date && date <= p.endsOn.getTime());
}

const HOUR_MS = 3_600_000;

/** The UTC hour an instant is in (its start). */
export function utcHourOf(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
}

/**
 * inCountingWeek for many instants: Copenhagen is a whole number of hours from UTC and changes
 * offset on a whole UTC hour, so every instant in one UTC hour has the same Copenhagen date and the
 * same answer. One (Intl) date lookup per hour instead of per row.
 */
export function countingWeekFlagger(calendar: CountingCalendar): (at: Date) => boolean {
  const byHour = new Map<number, boolean>();
  return (at) => {
    const hour = utcHourOf(at);
    let inside = byHour.get(hour);
    if (inside === undefined) byHour.set(hour, (inside = inCountingWeek(new Date(hour), calendar)));
    return inside;
  };
}

/** The calendar from the registration endpoint's row (registration_facts(): week keys, 'YYYY-MM-DD' dates). */
export function calendarFromArrays(weekKeys: readonly number[], starts: readonly string[], ends: readonly string[]): CountingCalendar {
  return {
    weekKeys: new Set(weekKeys.map(Number)),
    periods: starts.map((s, i) => ({ startsOn: parseIsoDate(s), endsOn: parseIsoDate(ends[i]) })),
  };
}

type CalendarReader = Pick<Prisma.TransactionClient, "municipalityCountingWeek" | "localCountingPeriod">;

/** A municipality's calendar as it stands (inside a transaction: as that transaction sees it). */
export async function loadCountingCalendar(tx: CalendarReader, municipalityId: string): Promise<CountingCalendar> {
  const [weeks, periods] = await Promise.all([
    tx.municipalityCountingWeek.findMany({ where: { municipalityId }, select: { isoYear: true, isoWeek: true } }),
    tx.localCountingPeriod.findMany({ where: { municipalityId }, select: { startsOn: true, endsOn: true } }),
  ]);
  return { weekKeys: new Set(weeks.map(isoWeekKey)), periods };
}

/** The ISO weeks that hold any day from `from` to `to` (date-only values, inclusive). */
export function isoWeeksBetween(from: Date, to: Date): IsoWeek[] {
  const keys = new Map<number, IsoWeek>();
  for (let day = from; day.getTime() <= to.getTime(); day = addDays(day, 1)) {
    const week = isoWeekOfLocalDate({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
    keys.set(isoWeekKey(week), week);
  }
  return [...keys.values()];
}

type Executor = CalendarReader & Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/**
 * Re-marks a municipality's registrations in the given ISO weeks as inside or outside its counting
 * weeks and local periods, after they changed (call it inside the transaction that changed them).
 * Registrations are never deleted by such a change: they are kept and marked, and reports leave out
 * those outside unless asked. The flag is decided per UTC hour by inCountingWeek, as on every write.
 */
export async function recomputeInCountingWeek(tx: Executor, municipalityId: string, weeks: IsoWeek[]): Promise<number> {
  if (!weeks.length) return 0;
  const keys = weeks.map(isoWeekKey);
  const calendar = await loadCountingCalendar(tx, municipalityId);
  const hours = await tx.$queryRaw<{ hour: Date }[]>`
    SELECT DISTINCT date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour
      FROM registration
     WHERE municipality_id = ${municipalityId}::uuid AND (iso_year * 100 + iso_week) = ANY(${keys}::int[])`;
  if (!hours.length) return 0;
  const flag = countingWeekFlagger(calendar);
  const starts = hours.map((h) => new Date(h.hour).toISOString());
  const inside = hours.map((h) => flag(new Date(h.hour)));
  return tx.$executeRaw`
    UPDATE registration r SET in_counting_week = f.inside
      FROM unnest(${starts}::timestamptz[], ${inside}::boolean[]) AS f(hour, inside)
     WHERE r.municipality_id = ${municipalityId}::uuid AND (r.iso_year * 100 + r.iso_week) = ANY(${keys}::int[])
       AND r.occurred_at >= f.hour AND r.occurred_at < f.hour + interval '1 hour'
       AND r.in_counting_week IS DISTINCT FROM f.inside`;
}
