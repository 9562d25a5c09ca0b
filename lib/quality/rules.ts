import { addDays, type IsoWeek, isoWeekKey, isoWeekOfLocalDate, mondayOfIsoWeek, toIsoDateString } from "@/lib/counting/iso-week";

// «Datakvalitet» (issue 16, docs/method.md "Datakvalitet"): the rules that read a unit's figures
// for a round and decide what a coordinator should look at before approving. Pure: the figures come
// from lib/quality/queries.ts (SQL), the Danish texts from describe.ts. Each threshold below is
// explained in docs/method.md; change both together.

/** The thresholds of the rules (docs/method.md, "Datakvalitet"). */
export const QUALITY_THRESHOLDS = {
  /** An hour "usually has many" when the unit's median for it, over the days it registered, is at least this. */
  busyHourMedian: 5,
  /** ... judged only from this many days with registrations. */
  busyHourMinDays: 3,
  /** Fejlhenvendelser above this share of the unit's contacts ... */
  fejlShare: 0.15,
  /** ... of at least this many contacts. */
  fejlMinContacts: 20,
  /** "Everything closed at once": at least this share straksafsluttet ... */
  straksShare: 0.99,
  /** ... of at least this many contacts with a closure. */
  straksMinContacts: 50,
  /** One task (not Fejlhenvendelse) above this share of all the unit's contacts ... */
  oneTaskShare: 0.5,
  /** ... of at least this many contacts, in a unit set up with at least this many tasks. */
  oneTaskMinContacts: 30,
  oneTaskMinSetupTasks: 3,
  /** "Blanket: ja" above this share of the answered contacts on a channel that rarely carries a form ... */
  rareFormShare: 0.2,
  /** ... of at least this many answered contacts. */
  rareFormMinAnswered: 10,
} as const;

/** The thresholds in force for one municipality: QUALITY_THRESHOLDS with its coordinator's shares. */
export type QualityLimits = { -readonly [K in keyof typeof QUALITY_THRESHOLDS]: number };

/**
 * The shares a coordinator may set for the municipality (Datakvalitet → «Grænser for fund»), in whole
 * percent; an unset one keeps the default above (docs/method.md, "Datakvalitet").
 */
export const SETTABLE_SHARES = ["fejlShare", "straksShare", "oneTaskShare", "rareFormShare"] as const;
export type SettableShare = (typeof SETTABLE_SHARES)[number];

/** The limits with the municipality's own shares (whole percent, null: the default). */
export function qualityLimits(own: Partial<Record<SettableShare, number | null>>): QualityLimits {
  const limits: QualityLimits = { ...QUALITY_THRESHOLDS };
  for (const key of SETTABLE_SHARES) {
    const percent = own[key];
    if (percent !== null && percent !== undefined) limits[key] = percent / 100;
  }
  return limits;
}

/** Channels a form rarely comes through: short messages (SMS, chat, social media). */
export const RARE_FORM_CHANNELS = ["SMSIND", "SMSUD", "CHATIND", "SOMEIND", "SOMEUD"] as const;

/** What the queries read for one unit in a round (test registrations left out unless named). */
export interface UnitFacts {
  id: string;
  name: string;
  testMode: boolean;
  /** Whether the unit has (unarchived) sub-units: a grouping unit often registers nothing itself. */
  hasChildren: boolean;
  /** Channels and tasks (Fejlhenvendelse not counted) the unit is set up with. */
  setupChannels: number;
  setupTasks: number;
  /** Contacts per Danish date in the municipality's counting weeks of the round (week-level mass registrations left out). */
  days: { day: string; contacts: number }[];
  /** Weeks (yyyyww) in which the unit mass-registered a whole week at once: its days are not judged one by one. */
  weekOnly: number[];
  /** Contacts per date and hour, for registrations with a time of day. */
  hours: { day: string; hour: number; contacts: number }[];
  /** All contacts, Fejlhenvendelser, contacts with a closure and those straksafsluttet, in the counting weeks. */
  contacts: number;
  fejl: number;
  closed: number;
  straks: number;
  /** Contacts per task in the counting weeks; inPackage null when the round has no package. */
  tasks: { number: string; title: string; contacts: number; inPackage: boolean | null }[];
  /** Per channel that rarely carries a form: contacts with the form question answered, and with "ja". */
  formChannels: { channelCode: string; answered: number; withForm: number }[];
  /** Registrations near the round (its weeks and one week either side) outside the municipality's counting weeks. */
  outside: { registrations: number; contacts: number; firstDay: string | null; lastDay: string | null };
  /** Test registrations in the round's weeks. */
  testRegistrations: number;
}

export type Finding =
  | { rule: "no-registrations"; unitId: string; days: number }
  | { rule: "empty-days"; unitId: string; days: string[] }
  | { rule: "empty-hours"; unitId: string; gaps: { day: string; hour: number; usual: number }[] }
  | { rule: "fejl-share"; unitId: string; fejl: number; contacts: number }
  | { rule: "all-straks"; unitId: string; straks: number; closed: number }
  | { rule: "one-task"; unitId: string; task: { number: string; title: string }; contacts: number; total: number }
  | { rule: "rare-form"; unitId: string; channels: { channelCode: string; answered: number; withForm: number }[] }
  | { rule: "outside-weeks"; unitId: string; registrations: number; contacts: number; firstDay: string | null; lastDay: string | null }
  | { rule: "test-left"; unitId: string; testRegistrations: number; testMode: boolean }
  | { rule: "outside-package"; unitId: string; tasks: { number: string; title: string; contacts: number }[] };

/** Easter Sunday of a year (the Gregorian computus), as a date-only value. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * The Danish public holidays of a year that fall on weekdays, yyyy-mm-dd: nytårsdag, skærtorsdag,
 * langfredag, 2. påskedag, store bededag (until 2023), Kristi himmelfartsdag, 2. pinsedag, and
 * juleaften, juledag and 2. juledag (the offices are closed).
 */
export function danishHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const fromEaster = [-3, -2, 1, 39, 50, ...(year <= 2023 ? [26] : [])].map((n) => toIsoDateString(addDays(easter, n)));
  return new Set([`${year}-01-01`, ...fromEaster, `${year}-12-24`, `${year}-12-25`, `${year}-12-26`]);
}

/**
 * The counting days of a round for a municipality: Monday to Friday of the weeks it joined, public
 * holidays left out, up to and including yesterday (today is not over; a day not yet come has
 * nothing to miss).
 */
export function countingDays(weeks: readonly IsoWeek[], today: string): string[] {
  const days: string[] = [];
  for (const w of weeks) {
    const monday = mondayOfIsoWeek(w.isoYear, w.isoWeek);
    for (let i = 0; i < 5; i++) {
      const date = addDays(monday, i);
      const day = toIsoDateString(date);
      if (day < today && !danishHolidays(date.getUTCFullYear()).has(day)) days.push(day);
    }
  }
  return days.sort();
}

/** The median of a list of numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function weekKeyOfDay(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return isoWeekKey(isoWeekOfLocalDate({ year, month, day: date }));
}

/** Days without registrations, or none at all; grouping units that register nothing themselves are left out. */
function dayFindings(unit: UnitFacts, days: readonly string[]): Finding[] {
  if (!days.length || unit.setupChannels === 0 || unit.setupTasks === 0) return [];
  const weekOnly = new Set(unit.weekOnly);
  const counted = new Set(unit.days.filter((d) => d.contacts > 0).map((d) => d.day));
  const judged = days.filter((d) => !weekOnly.has(weekKeyOfDay(d)));
  const empty = judged.filter((d) => !counted.has(d));
  if (empty.length === 0) return [];
  const anything = unit.contacts > 0 || unit.weekOnly.length > 0;
  if (!anything) return unit.hasChildren ? [] : [{ rule: "no-registrations", unitId: unit.id, days: days.length }];
  return [{ rule: "empty-days", unitId: unit.id, days: empty }];
}

/** Hours with no registration on a day the unit registered, where its median for that hour is high. */
function hourFindings(unit: UnitFacts, days: readonly string[], t: QualityLimits): Finding[] {
  const past = new Set(days);
  const perDay = new Map<string, Map<number, number>>();
  for (const h of unit.hours) {
    if (!past.has(h.day)) continue;
    const hours = perDay.get(h.day) ?? new Map<number, number>();
    hours.set(h.hour, (hours.get(h.hour) ?? 0) + h.contacts);
    perDay.set(h.day, hours);
  }
  const active = [...perDay.keys()].filter((d) => [...perDay.get(d)!.values()].some((n) => n > 0)).sort();
  if (active.length < t.busyHourMinDays) return [];
  const gaps: { day: string; hour: number; usual: number }[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const usual = median(active.map((d) => perDay.get(d)!.get(hour) ?? 0));
    if (usual < t.busyHourMedian) continue;
    for (const day of active) if ((perDay.get(day)!.get(hour) ?? 0) === 0) gaps.push({ day, hour, usual });
  }
  gaps.sort((a, b) => a.day.localeCompare(b.day) || a.hour - b.hour);
  return gaps.length ? [{ rule: "empty-hours", unitId: unit.id, gaps }] : [];
}

function shareFindings(unit: UnitFacts, t: QualityLimits): Finding[] {
  const out: Finding[] = [];
  if (unit.contacts >= t.fejlMinContacts && unit.fejl / unit.contacts > t.fejlShare)
    out.push({ rule: "fejl-share", unitId: unit.id, fejl: unit.fejl, contacts: unit.contacts });
  if (unit.closed >= t.straksMinContacts && unit.straks / unit.closed >= t.straksShare)
    out.push({ rule: "all-straks", unitId: unit.id, straks: unit.straks, closed: unit.closed });
  if (unit.contacts >= t.oneTaskMinContacts && unit.setupTasks >= t.oneTaskMinSetupTasks) {
    const top = unit.tasks
      .filter((x) => x.number !== "FEJL")
      .sort((a, b) => b.contacts - a.contacts || a.number.localeCompare(b.number))[0];
    if (top && top.contacts / unit.contacts > t.oneTaskShare)
      out.push({
        rule: "one-task",
        unitId: unit.id,
        task: { number: top.number, title: top.title },
        contacts: top.contacts,
        total: unit.contacts,
      });
  }
  const forms = unit.formChannels.filter((c) => c.answered >= t.rareFormMinAnswered && c.withForm / c.answered > t.rareFormShare);
  if (forms.length) out.push({ rule: "rare-form", unitId: unit.id, channels: forms });
  return out;
}

function setupFindings(unit: UnitFacts, days: readonly string[]): Finding[] {
  const out: Finding[] = [];
  if (unit.outside.registrations > 0) out.push({ rule: "outside-weeks", unitId: unit.id, ...unit.outside });
  // Test mode matters once the municipality's counting days have begun.
  const testMode = unit.testMode && days.length > 0;
  if (unit.testRegistrations > 0 || testMode)
    out.push({ rule: "test-left", unitId: unit.id, testRegistrations: unit.testRegistrations, testMode });
  const outsidePackage = unit.tasks
    .filter((x) => x.inPackage === false && x.number !== "FEJL" && x.contacts > 0)
    .sort((a, b) => b.contacts - a.contacts || a.number.localeCompare(b.number))
    .map(({ number, title, contacts }) => ({ number, title, contacts }));
  if (outsidePackage.length) out.push({ rule: "outside-package", unitId: unit.id, tasks: outsidePackage });
  return out;
}

/**
 * Every finding for the units, unit by unit in the order given, each unit's in the order of the rules
 * above; with the municipality's limits (default: QUALITY_THRESHOLDS).
 */
export function qualityFindings(
  units: readonly UnitFacts[],
  days: readonly string[],
  limits: QualityLimits = QUALITY_THRESHOLDS,
): Finding[] {
  return units.flatMap((unit) => [
    ...dayFindings(unit, days),
    ...hourFindings(unit, days, limits),
    ...shareFindings(unit, limits),
    ...setupFindings(unit, days),
  ]);
}
