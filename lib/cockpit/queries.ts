import "server-only";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { inCountingWeek, loadCountingCalendar } from "@/lib/counting/in-counting-week";
import {
  addDays,
  consecutiveIsoWeeks,
  isoWeekKey,
  isoWeekOf,
  localDateOnly,
  mondayOfIsoWeek,
  toIsoDateString,
} from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { getDatabase } from "@/lib/db";
import { dailyTotals, hourlyContacts, municipalityActivity, unitActivity, weeksContext } from "@/lib/reports/cockpit";
import { defaultRoundId, type ReportContext, resolveReportContext } from "@/lib/reports/context";
import { parseReportFilters } from "@/lib/reports/filters";
import { flushRollups } from "@/lib/reports/rollups";
import { metrics, timed } from "@/lib/server/metrics.mjs";

// The cockpit ("Overblik"), where coordinators, unit leads and national staff land after sign-in
// (docs/coordinators.md, "Overblik"; docs/national.md). Every count of registrations comes from
// lib/reports/cockpit.ts, i.e. the reports' own WHERE clause, rollups and scope decision
// (resolveReportContext): a coordinator sees their municipality, a unit lead their units with the
// units below them, national staff every municipality. The rest (units, setup, test registrations,
// uploads, the checklist) are plain reads of the municipality's setup within the same scope.

const DAY_MS = 86_400_000;

export interface CockpitOptions {
  /** "Now" (tests); default the current time. */
  now?: Date;
  database?: SporDatabase;
  /** A coordinator of several municipalities picks one by number (?kommune=). */
  municipalityNumber?: number;
}

export interface CockpitRound {
  id: string;
  name: string;
  weekKeys: number[];
  /** Monday of the first week, "YYYY-MM-DD". */
  startsOn: string;
  /** Days from the round's Monday to today (0 on the first Monday); may lie outside the round. */
  dayIndex: number;
  /** Today lies within the round's weeks. */
  current: boolean;
}

/** Today and this week so far, as Danish days, and the same point of an earlier round. */
export interface CockpitClock {
  today: string;
  /** Monday of today's ISO week. */
  weekFrom: string;
  /** Monday–Friday: a day a unit is expected to register on. */
  workday: boolean;
}

export interface Comparison {
  roundName: string;
  day: string;
  weekFrom: string;
}

export interface CockpitUnit {
  id: string;
  name: string;
  parentName: string | null;
  channels: number;
  tasks: number;
  testMode: boolean;
  testRegistrations: number;
  today: number;
  week: number;
  previousDay: number | null;
  previousWeek: number | null;
  latest: Date | null;
  /** No channels or no tasks: the unit's registrants cannot register. */
  withoutSetup: boolean;
  /** Set up, counting day (Monday–Friday in a counting week), nothing registered today. */
  silentToday: boolean;
  /** Set up, counting week, nothing registered this week. */
  silentWeek: boolean;
}

export interface ChecklistStep {
  key: "units" | "setup" | "weeks" | "users" | "test";
  label: string;
  done: boolean;
  detail: string;
  href: string;
}

export interface LastUpload {
  kind: "UPLOAD" | "LEGACY_IMPORT";
  fileName: string | null;
  createdAt: Date;
  rowCount: number;
  totalQuantity: number;
  createdBy: string | null;
}

export interface MunicipalityCockpit {
  kind: "municipality";
  municipality: { id: string; number: number; name: string };
  /** A unit lead's view: only their units; no checklist, uploads or setup links. */
  unitLead: boolean;
  clock: CockpitClock;
  round: CockpitRound | null;
  /** The round's weeks the municipality counts (isoWeekKey). */
  roundWeeks: number[];
  countingToday: boolean;
  countingThisWeek: boolean;
  comparison: Comparison | null;
  /** Why there is no comparison, in Danish. */
  noComparison: string | null;
  units: CockpitUnit[];
  total: { today: number; week: number; previousDay: number | null; previousWeek: number | null };
  testRegistrations: number;
  lastUpload: LastUpload | null;
  checklist: ChecklistStep[] | null;
  /** Contacts per hour today over the units in view (unit leads). */
  hours: { hour: number; contacts: number }[];
}

export interface NationalMunicipality {
  id: string;
  number: number;
  name: string;
  /** The round's weeks the municipality counts (isoWeekKey). */
  weeks: number[];
  contacts: number;
  today: number;
  activeUnits: number;
  firstDay: string | null;
  /** not-joined: no weeks in the round; waiting: its first week lies ahead; not-started: its weeks have begun, nothing registered. */
  status: "not-joined" | "waiting" | "not-started" | "started";
}

export interface NationalCockpit {
  kind: "national";
  clock: CockpitClock;
  round: CockpitRound | null;
  municipalities: NationalMunicipality[];
  /** Every day of the round up to today, with zeros. */
  days: { day: string; contacts: number; registrations: number; municipalities: number }[];
}

export type Cockpit = MunicipalityCockpit | NationalCockpit;

/** Whether the user lands on the cockpit at all: national staff, coordinators and unit leads. */
export function hasCockpit(access: Access): boolean {
  return isNational(access) || coordinatorMunicipalityIds(access).length > 0 || access.leadUnitIds.length > 0;
}

const isoDate = (d: Date) => toIsoDateString(d);

export function cockpitClock(now: Date): CockpitClock {
  const today = localDateOnly(now);
  const week = isoWeekOf(now);
  const weekday = today.getUTCDay();
  return { today: isoDate(today), weekFrom: isoDate(mondayOfIsoWeek(week.isoYear, week.isoWeek)), workday: weekday >= 1 && weekday <= 5 };
}

type Q = SporDatabase["sql"]["query"];

async function loadRound(query: Q, roundId: string, clock: CockpitClock): Promise<CockpitRound> {
  const [row] = await query<{ id: string; name: string; starts_on: string; iso_year: number; first_week: number; week_count: number }>(
    `SELECT id, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, iso_year, first_week, week_count FROM counting_round WHERE id = $1::uuid`,
    [roundId],
  );
  const weekKeys = consecutiveIsoWeeks({ isoYear: row.iso_year, isoWeek: row.first_week }, row.week_count).map(isoWeekKey);
  const dayIndex = Math.round((Date.parse(clock.today) - Date.parse(row.starts_on)) / DAY_MS);
  return {
    id: row.id,
    name: row.name,
    weekKeys,
    startsOn: row.starts_on,
    dayIndex,
    current: dayIndex >= 0 && dayIndex < row.week_count * 7,
  };
}

/**
 * The cockpit for the user: national staff get the national picture, coordinators their
 * municipality's round, unit leads their units' day; null for anyone else (registrants).
 */
export async function loadCockpit(access: Access, options: CockpitOptions = {}): Promise<Cockpit | null> {
  if (!hasCockpit(access)) return null;
  const database = options.database ?? getDatabase();
  const now = options.now ?? new Date();
  await timed(metrics().rollupFlushSeconds, {}, () => flushRollups((text) => database.sql.query(text))); // spor_rollup_flush_duration_seconds
  if (isNational(access) && options.municipalityNumber === undefined) return loadNationalCockpit(database, access, now);
  return loadMunicipalityCockpit(database, access, now, options.municipalityNumber);
}

async function loadMunicipalityCockpit(
  database: SporDatabase,
  access: Access,
  now: Date,
  municipalityNumber?: number,
): Promise<MunicipalityCockpit> {
  const query: Q = database.sql.query.bind(database.sql);
  const prisma = database.prisma;
  const clock = cockpitClock(now);
  // The reports' scope decision: another municipality's number, or units outside a lead's, is "not found".
  const ctx = await resolveReportContext(
    query,
    access,
    parseReportFilters(municipalityNumber === undefined ? {} : { kommune: String(municipalityNumber) }),
  );
  const municipality = ctx.municipality!;
  const unitLead = ctx.unitRestricted;

  const roundId = await defaultRoundId(query, now);
  const round = roundId ? await loadRound(query, roundId, clock) : null;

  // The round before, among those the municipality counted in.
  const [previous] = round
    ? await query<{ id: string; name: string; starts_on: string; week_count: number }>(
        `SELECT p.id, p.name, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on, p.week_count FROM counting_round p
         WHERE p.starts_on < $1::date AND EXISTS (SELECT 1 FROM municipality_counting_week w WHERE w.round_id = p.id AND w.municipality_id = $2::uuid)
         ORDER BY p.starts_on DESC LIMIT 1`,
        [round.startsOn, municipality.id],
      )
    : [];
  let comparison: Comparison | null = null;
  let noComparison: string | null = null;
  if (!round) noComparison = "Der er ingen national tællerunde.";
  else if (!round.current) noComparison = `I dag ligger uden for ${round.name}.`;
  else if (!previous) noComparison = "Kommunen har ikke talt i en tidligere runde.";
  else if (round.dayIndex >= previous.week_count * 7) noComparison = `${previous.name} var kortere end dagens plads i runden.`;
  else {
    const day = addDays(new Date(previous.starts_on), round.dayIndex);
    const weekday = (new Date(clock.today).getUTCDay() + 6) % 7; // Monday 0
    comparison = { roundName: previous.name, day: isoDate(day), weekFrom: isoDate(addDays(day, -weekday)) };
  }

  const unitFilter = ctx.unitIds ? { id: { in: ctx.unitIds } } : {};
  const [units, tests, calendar, roundWeekRows, current, before] = await Promise.all([
    prisma.unit.findMany({
      where: { municipalityId: municipality.id, archivedAt: null, ...unitFilter },
      select: {
        id: true,
        name: true,
        testMode: true,
        parent: { select: { name: true } },
        _count: { select: { channels: true, tasks: true } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.registration.groupBy({
      by: ["unitId"],
      where: { municipalityId: municipality.id, isTest: true, ...(ctx.unitIds ? { unitId: { in: ctx.unitIds } } : {}) },
      _count: { _all: true },
    }),
    loadCountingCalendar(prisma, municipality.id),
    round
      ? prisma.municipalityCountingWeek.findMany({
          where: { municipalityId: municipality.id, OR: [{ roundId: round.id }] },
          select: { isoYear: true, isoWeek: true },
        })
      : Promise.resolve([]),
    unitActivity(query, ctx, { from: clock.weekFrom, to: clock.today, day: clock.today }),
    comparison ? unitActivity(query, ctx, { from: comparison.weekFrom, to: comparison.day, day: comparison.day }) : Promise.resolve(null),
  ]);

  const countingToday = inCountingWeek(now, calendar);
  const weekKey = isoWeekKey(isoWeekOf(now));
  const countingThisWeek =
    calendar.weekKeys.has(weekKey) ||
    calendar.periods.some((p) => isoDate(p.startsOn) <= clock.today && isoDate(p.endsOn) >= clock.weekFrom);

  const testBy = new Map(tests.map((t) => [t.unitId, t._count._all]));
  const nowBy = new Map(current.map((a) => [a.unitId, a]));
  const beforeBy = before ? new Map(before.map((a) => [a.unitId, a])) : null;
  const rows: CockpitUnit[] = units.map((u) => {
    const a = nowBy.get(u.id);
    const b = beforeBy?.get(u.id);
    const withoutSetup = u._count.channels === 0 || u._count.tasks === 0;
    const today = a?.day ?? 0;
    const week = a?.span ?? 0;
    return {
      id: u.id,
      name: u.name,
      parentName: u.parent?.name ?? null,
      channels: u._count.channels,
      tasks: u._count.tasks,
      testMode: u.testMode,
      testRegistrations: testBy.get(u.id) ?? 0,
      today,
      week,
      previousDay: beforeBy ? (b?.day ?? 0) : null,
      previousWeek: beforeBy ? (b?.span ?? 0) : null,
      latest: a?.latest ?? null,
      withoutSetup,
      silentToday: !withoutSetup && countingToday && clock.workday && today === 0,
      silentWeek: !withoutSetup && countingThisWeek && week === 0,
    };
  });
  const totalNow = current.find((a) => a.unitId === null);
  const totalBefore = before?.find((a) => a.unitId === null);

  const [lastUpload, checklist] = unitLead
    ? [null, null]
    : await Promise.all([loadLastUpload(database, municipality.id), loadChecklist(database, municipality, rows, round, clock)]);

  return {
    kind: "municipality",
    municipality,
    unitLead,
    clock,
    round,
    roundWeeks: roundWeekRows.map(isoWeekKey).sort((x, y) => x - y),
    countingToday,
    countingThisWeek,
    comparison,
    noComparison,
    units: rows,
    total: {
      today: totalNow?.day ?? 0,
      week: totalNow?.span ?? 0,
      previousDay: before ? (totalBefore?.day ?? 0) : null,
      previousWeek: before ? (totalBefore?.span ?? 0) : null,
    },
    testRegistrations: rows.reduce((s, u) => s + u.testRegistrations, 0),
    lastUpload,
    checklist,
    hours: unitLead ? await hourlyContacts(query, ctx, clock.today) : [],
  };
}

async function loadLastUpload(database: SporDatabase, municipalityId: string): Promise<LastUpload | null> {
  const batch = await database.prisma.importBatch.findFirst({
    where: { municipalityId, kind: { in: ["UPLOAD", "LEGACY_IMPORT"] }, undoneAt: null },
    select: { kind: true, fileName: true, createdAt: true, rowCount: true, totalQuantity: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  if (!batch) return null;
  return {
    kind: batch.kind as LastUpload["kind"],
    fileName: batch.fileName,
    createdAt: batch.createdAt,
    rowCount: batch.rowCount,
    totalQuantity: batch.totalQuantity,
    createdBy: batch.createdBy?.name ?? null,
  };
}

/**
 * A new municipality's first steps, each done or not from the data as it stands: units, channels and
 * tasks on every unit, counting weeks ahead or in the current round, users who register, a test count.
 */
async function loadChecklist(
  database: SporDatabase,
  municipality: { id: string; number: number },
  units: CockpitUnit[],
  round: CockpitRound | null,
  clock: CockpitClock,
): Promise<ChecklistStep[]> {
  const prisma = database.prisma;
  const todayWeek = isoWeekOf(new Date(`${clock.today}T12:00:00Z`));
  const [weeks, periods, users, anyRegistration] = await Promise.all([
    prisma.municipalityCountingWeek.count({
      where: {
        municipalityId: municipality.id,
        OR: [
          ...(round ? [{ roundId: round.id }] : []),
          { isoYear: { gt: todayWeek.isoYear } },
          { isoYear: todayWeek.isoYear, isoWeek: { gte: todayWeek.isoWeek } },
        ],
      },
    }),
    prisma.localCountingPeriod.count({ where: { municipalityId: municipality.id, endsOn: { gte: new Date(clock.today) } } }),
    prisma.membership.findMany({
      where: { municipalityId: municipality.id, role: { in: ["REGISTRANT", "UNIT_LEAD"] } },
      select: { userId: true },
      distinct: ["userId"],
    }),
    prisma.registration.findFirst({ where: { municipalityId: municipality.id }, select: { id: true } }),
  ]);
  const q = `?kommune=${municipality.number}`;
  const setUp = units.filter((u) => !u.withoutSetup);
  const firstMissing = units.find((u) => u.withoutSetup);
  const firstUnit = setUp[0] ?? units[0];
  return [
    {
      key: "units",
      label: "Opret enheder",
      done: units.length > 0,
      detail: units.length ? `${units.length} ${units.length === 1 ? "enhed" : "enheder"}` : "Ingen enheder endnu",
      href: `/administration${q}`,
    },
    {
      key: "setup",
      label: "Vælg kanaler og opgaver for hver enhed",
      done: units.length > 0 && !firstMissing,
      detail: units.length
        ? `${setUp.length} af ${units.length} ${units.length === 1 ? "enhed har" : "enheder har"} kanaler og opgaver`
        : "Opret først en enhed",
      href: firstMissing ? `/administration/enheder/${firstMissing.id}` : `/administration${q}`,
    },
    {
      key: "weeks",
      label: "Vælg tælleuger",
      done: weeks + periods > 0,
      detail:
        weeks + periods > 0
          ? "Kommunen har tælleuger i runden eller senere"
          : round
            ? `Ingen uger valgt i ${round.name}`
            : "Ingen kommende tælleuger",
      href: `/administration/taelleuger${q}`,
    },
    {
      key: "users",
      label: "Invitér medarbejdere",
      done: users.length > 0,
      detail: users.length
        ? `${users.length} ${users.length === 1 ? "bruger registrerer" : "brugere registrerer"} i kommunens enheder`
        : "Ingen medarbejdere eller enhedsansvarlige endnu",
      href: `/administration/brugere${q}`,
    },
    {
      key: "test",
      label: "Prøv en prøvetælling",
      done: anyRegistration !== null,
      detail: anyRegistration ? "Kommunen har registreringer" : "Slå prøvetælling til på en enhed, og lad en medarbejder registrere",
      href: firstUnit ? `/administration/enheder/${firstUnit.id}` : `/administration${q}`,
    },
  ];
}

async function loadNationalCockpit(database: SporDatabase, access: Access, now: Date): Promise<NationalCockpit> {
  const query: Q = database.sql.query.bind(database.sql);
  const clock = cockpitClock(now);
  const roundId = await defaultRoundId(query, now);
  const round = roundId ? await loadRound(query, roundId, clock) : null;
  const municipalities = await query<{ id: string; number: number; name: string }>(
    `SELECT id, number, name FROM municipality ORDER BY number`,
  );
  if (!round)
    return {
      kind: "national",
      clock,
      round,
      municipalities: municipalities.map((m) => ({
        ...m,
        weeks: [],
        contacts: 0,
        today: 0,
        activeUnits: 0,
        firstDay: null,
        status: "not-joined",
      })),
      days: [],
    };

  // The reports' context for national staff (every municipality), narrowed to the round's weeks.
  const base: ReportContext = await resolveReportContext(query, access, parseReportFilters({ runde: round.id }));
  const ctx = weeksContext(base, round.weekKeys);
  const [weekRows, activity, daily] = await Promise.all([
    query<{ municipality_id: string; key: number }>(
      `SELECT municipality_id, (iso_year * 100 + iso_week)::int AS key FROM municipality_counting_week
       WHERE round_id = $1::uuid OR (iso_year * 100 + iso_week) = ANY($2::int[]) ORDER BY 1, 2`,
      [round.id, round.weekKeys],
    ),
    municipalityActivity(query, ctx, clock.today),
    dailyTotals(query, ctx),
  ]);
  const weeksBy = new Map<string, number[]>();
  for (const w of weekRows) weeksBy.set(w.municipality_id, [...(weeksBy.get(w.municipality_id) ?? []), Number(w.key)]);
  const activityBy = new Map(activity.map((a) => [a.municipalityId, a]));
  const rows: NationalMunicipality[] = municipalities.map((m) => {
    const weeks = (weeksBy.get(m.id) ?? []).filter((k) => round.weekKeys.includes(k));
    const a = activityBy.get(m.id);
    const firstWeek = weeks[0];
    const begun = firstWeek !== undefined && isoDate(mondayOfIsoWeek(Math.floor(firstWeek / 100), firstWeek % 100)) <= clock.today;
    const status: NationalMunicipality["status"] =
      a && a.registrations > 0 ? "started" : !weeks.length ? "not-joined" : begun ? "not-started" : "waiting";
    return {
      id: m.id,
      number: m.number,
      name: m.name,
      weeks,
      contacts: a?.contacts ?? 0,
      today: a?.day ?? 0,
      activeUnits: a?.activeUnits ?? 0,
      firstDay: a?.firstDay ?? null,
      status,
    };
  });

  // Every day from the round's Monday to today (or the round's last day), zeros included.
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const days: NationalCockpit["days"] = [];
  const last = Math.min(round.dayIndex, round.weekKeys.length * 7 - 1);
  for (let i = 0; i <= last; i++) {
    const day = isoDate(addDays(new Date(round.startsOn), i));
    days.push(byDay.get(day) ?? { day, contacts: 0, registrations: 0, municipalities: 0 });
  }
  return { kind: "national", clock, round, municipalities: rows, days };
}
