// ISO-week maths for counting weeks. Registrations are bucketed by the local date in
// Europe/Copenhagen (a contact at 23:30 UTC on a Sunday happened on Monday in Denmark), so every
// function that starts from an instant first finds the local calendar date with Intl.
// Date-only values (counting round start, a week's Monday) are represented as UTC midnight,
// which is also how Prisma returns @db.Date columns.

export const DANISH_TIME_ZONE = "Europe/Copenhagen";

export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
}

export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const DAY_MS = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock parts of an instant in a time zone (Europe/Copenhagen by default). */
export function localParts(date: Date, timeZone: string = DANISH_TIME_ZONE) {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The calendar date of an instant in a time zone. */
export function localDateOf(date: Date, timeZone: string = DANISH_TIME_ZONE): LocalDate {
  const { year, month, day } = localParts(date, timeZone);
  return { year, month, day };
}

/** The local calendar date of an instant as a date-only value (UTC midnight). */
export function localDateOnly(date: Date, timeZone: string = DANISH_TIME_ZONE): Date {
  const { year, month, day } = localDateOf(date, timeZone);
  return new Date(Date.UTC(year, month - 1, day));
}

/** ISO weekday of a date-only value: 1 = Monday … 7 = Sunday. */
function isoWeekdayOfDateOnly(dateOnly: Date): number {
  return ((dateOnly.getUTCDay() + 6) % 7) + 1;
}

/** ISO week of a calendar date (no time zone involved). */
export function isoWeekOfLocalDate({ year, month, day }: LocalDate): IsoWeek {
  const date = new Date(Date.UTC(year, month - 1, day));
  // The Thursday of the same ISO week decides the ISO year.
  const thursday = new Date(date.getTime() + (4 - isoWeekdayOfDateOnly(date)) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const isoWeek = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS / 7) + 1;
  return { isoYear, isoWeek };
}

/** ISO year and week of an instant, by its local date in the given zone (default Copenhagen). */
export function isoWeekOf(date: Date, timeZone: string = DANISH_TIME_ZONE): IsoWeek {
  return isoWeekOfLocalDate(localDateOf(date, timeZone));
}

/** Monday of an ISO week as a date-only value (UTC midnight). */
export function mondayOfIsoWeek(isoYear: number, isoWeek: number): Date {
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const mondayWeek1 = jan4.getTime() - (isoWeekdayOfDateOnly(jan4) - 1) * DAY_MS;
  return new Date(mondayWeek1 + (isoWeek - 1) * 7 * DAY_MS);
}

/** 53 when the year has a week 53 (1 January on a Thursday, or a leap year starting on a Wednesday). */
export function weeksInIsoYear(year: number): 52 | 53 {
  // 28 December is always in the last ISO week of its year.
  return isoWeekOfLocalDate({ year, month: 12, day: 28 }).isoWeek === 53 ? 53 : 52;
}

/** The ISO week `count` weeks after (or before, if negative) the given one. */
export function addIsoWeeks(week: IsoWeek, count: number): IsoWeek {
  const monday = mondayOfIsoWeek(week.isoYear, week.isoWeek);
  return isoWeekOfLocalDate(localDateOfDateOnly(addDays(monday, count * 7)));
}

/** `count` consecutive ISO weeks starting with `first`. */
export function consecutiveIsoWeeks(first: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, i) => addIsoWeeks(first, i));
}

/** Sortable key, e.g. 202643. */
export function isoWeekKey({ isoYear, isoWeek }: IsoWeek): number {
  return isoYear * 100 + isoWeek;
}

export function addDays(dateOnly: Date, days: number): Date {
  return new Date(dateOnly.getTime() + days * DAY_MS);
}

function localDateOfDateOnly(dateOnly: Date): LocalDate {
  return { year: dateOnly.getUTCFullYear(), month: dateOnly.getUTCMonth() + 1, day: dateOnly.getUTCDate() };
}

/** The offset of a zone from UTC at an instant, in milliseconds (Copenhagen: +1 h or +2 h). */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time on a date (date-only value) in a zone.
 * Times that do not exist (the skipped hour when DST starts) move forward by the gap.
 */
export function instantAt(dateOnly: Date, hour: number, minute = 0, timeZone: string = DANISH_TIME_ZONE): Date {
  const wall = Date.UTC(dateOnly.getUTCFullYear(), dateOnly.getUTCMonth(), dateOnly.getUTCDate(), hour, minute);
  // Two passes settle the offset even when the first guess lands on the other side of a DST change.
  let instant = wall - zoneOffsetMs(new Date(wall), timeZone);
  instant = wall - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** "uge 43" */
export function formatIsoWeek(week: number | IsoWeek): string {
  return `uge ${typeof week === "number" ? week : week.isoWeek}`;
}

/** "uge 43, 2026" when the year matters (lists across years). */
export function formatIsoWeekWithYear({ isoYear, isoWeek }: IsoWeek): string {
  return `uge ${isoWeek}, ${isoYear}`;
}

/**
 * Danish date "23.10.2026". Formats in Copenhagen by default, which is also right for date-only
 * values: UTC midnight is 01:00 or 02:00 the same day there.
 */
export function formatDanishDate(date: Date, timeZone: string = DANISH_TIME_ZONE): string {
  const { year, month, day } = localDateOf(date, timeZone);
  return `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.${year}`;
}

/** A date-only value as "2026-10-23" (for inputs, URLs and seed data). */
export function toIsoDateString(dateOnly: Date): string {
  return dateOnly.toISOString().slice(0, 10);
}

/** Whether the text is a real calendar date written "2026-10-23" (not 2026-02-30). */
export function isIsoDateString(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return toIsoDateString(date) === value;
}

/** "2026-10-23" → date-only value (UTC midnight); throws on anything else. */
export function parseIsoDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`Ugyldig dato: ${value}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (toIsoDateString(date) !== value) throw new Error(`Ugyldig dato: ${value}`);
  return date;
}
