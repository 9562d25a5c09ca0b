// Danish display formats. Dates stored as @db.Date are UTC midnight, so they are shown in UTC;
// timestamps are shown in Danish local time.

const numberFormat = new Intl.NumberFormat("da-DK");
const dateFormat = new Intl.DateTimeFormat("da-DK", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("da-DK", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Copenhagen",
});

/** 1234567 → "1.234.567". */
export function formatNumber(value: number | bigint | null | undefined): string {
  return numberFormat.format(value ?? 0);
}

/** 1 → "1 opgave", 1200 → "1.200 opgaver": a formatted count with the noun in the right number. */
export function formatCount(value: number, one: string, many: string): string {
  return `${formatNumber(value)} ${value === 1 ? one : many}`;
}

/** A calendar date (a @db.Date column) → "21.10.2013". */
export function formatDate(value: Date): string {
  return dateFormat.format(value);
}

/** A moment in time → "21.10.2013 14.05" in Europe/Copenhagen. */
export function formatDateTime(value: Date): string {
  return dateTimeFormat.format(value).replace(", ", " ");
}

/** Number of ISO weeks (52 or 53) in an ISO year: the week that holds 28 December. */
export function isoWeeksInYear(isoYear: number): number {
  const dec28 = new Date(Date.UTC(isoYear, 11, 28));
  const dayOfWeek = (dec28.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(dec28);
  thursday.setUTCDate(dec28.getUTCDate() - dayOfWeek + 3);
  const jan1 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  return 1 + Math.floor((thursday.getTime() - jan1.getTime()) / (7 * 24 * 3600 * 1000));
}

/** Consecutive ISO weeks → "uge 43–45" (or "uge 43"); wraps into the next year when needed. */
export function formatWeekRange(isoYear: number, firstWeek: number, weekCount: number): string {
  if (weekCount <= 1) return `uge ${firstWeek}`;
  const weeks = isoWeeksInYear(isoYear);
  let last = firstWeek + weekCount - 1;
  if (last > weeks) last -= weeks;
  return `uge ${firstWeek}–${last}`;
}
