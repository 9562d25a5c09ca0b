import { instantAt } from "@/lib/counting/iso-week";

// Imports turn hundreds of thousands of local times into instants. instantAt asks Intl for the
// zone offset twice per call (slow at that scale); the offset only changes on whole hours in
// Copenhagen, so it is looked up once per date and hour and the minutes are added.
const hourStarts = new Map<string, number>();

/** The instant of a Danish wall-clock time on a date-only value (UTC midnight), as instantAt. */
export function danishInstant(dateOnly: Date, hour: number, minute = 0): Date {
  const key = `${dateOnly.getTime()}:${hour}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    if (hourStarts.size > 100_000) hourStarts.clear();
    start = instantAt(dateOnly, hour, 0).getTime();
    hourStarts.set(key, start);
  }
  return new Date(start + minute * 60_000);
}
