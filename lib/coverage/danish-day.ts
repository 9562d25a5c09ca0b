import { DANISH_TIME_ZONE } from "@/lib/counting/iso-week";

const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: DANISH_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The Danish date of an instant, yyyy-mm-dd. */
export function danishDay(at: Date): string {
  return DAY.format(at);
}

/** The Danish date the day before `day` (yyyy-mm-dd). */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
