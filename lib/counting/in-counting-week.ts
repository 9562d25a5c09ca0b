import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, type IsoWeek, isoWeekKey, isoWeekOfLocalDate } from "./iso-week";

type Executor = Pick<Prisma.TransactionClient, "$executeRaw">;

/** The ISO weeks that hold any day from `from` to `to` (date-only values, inclusive). */
export function isoWeeksBetween(from: Date, to: Date): IsoWeek[] {
  const keys = new Map<number, IsoWeek>();
  for (let day = from; day.getTime() <= to.getTime(); day = addDays(day, 1)) {
    const week = isoWeekOfLocalDate({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
    keys.set(isoWeekKey(week), week);
  }
  return [...keys.values()];
}

/**
 * Re-marks a municipality's registrations in the given ISO weeks as inside or outside its counting
 * weeks and local periods, after the coordinator changed them. Registrations are never deleted by
 * such a change: they are kept and marked, and reports leave out those outside unless asked.
 * Local periods are compared with the contact's local date in Europe/Copenhagen.
 */
export async function recomputeInCountingWeek(tx: Executor, municipalityId: string, weeks: IsoWeek[]): Promise<number> {
  if (!weeks.length) return 0;
  const keys = weeks.map(isoWeekKey);
  return tx.$executeRaw`
    UPDATE registration r SET in_counting_week = x.inside
    FROM (
      SELECT r2.id,
        (EXISTS (SELECT 1 FROM municipality_counting_week w
                  WHERE w.municipality_id = r2.municipality_id AND w.iso_year = r2.iso_year AND w.iso_week = r2.iso_week)
         OR EXISTS (SELECT 1 FROM local_counting_period p
                  WHERE p.municipality_id = r2.municipality_id
                    AND p.starts_on <= (r2.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date
                    AND p.ends_on >= (r2.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date)) AS inside
      FROM registration r2
      WHERE r2.municipality_id = ${municipalityId}::uuid AND (r2.iso_year * 100 + r2.iso_week) = ANY(${keys}::int[])
    ) x
    WHERE r.id = x.id AND r.in_counting_week IS DISTINCT FROM x.inside`;
}
