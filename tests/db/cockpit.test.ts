import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { loadCockpit, type MunicipalityCockpit, type NationalCockpit } from "@/lib/cockpit/queries";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { ReportNotFoundError } from "@/lib/reports/context";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The cockpit's figures against an independent computation: every expected number below is summed in
// plain TypeScript from ROWS (Danish dates as written, flags as stored), never from SQL.
//
// Rounds: "prev" 2030 weeks 17–19 (from Monday 22 April), "cur" 2030 weeks 43–45 (from Monday
// 21 October; summer time ends on Sunday 27 October, so week 43 is UTC+2 and week 44 UTC+1).
// Now: Wednesday 30 October 2030 14:30 Danish time, day 10 of the round (index 9). The same point of
// the previous round is Wednesday 1 May 2030, its week from Monday 29 April.

const NOW = instantAt(parseIsoDate("2030-10-30"), 14, 30);
const TODAY = "2030-10-30";
const WEEK_FROM = "2030-10-28";
const PREV_DAY = "2030-05-01";
const PREV_WEEK_FROM = "2030-04-29";

type UnitKey = "a1" | "a1a" | "a2" | "a3" | "a4" | "b1";
interface Row {
  unit: UnitKey;
  date: string;
  hour: number;
  minute: number;
  qty: number;
  test?: boolean;
  outside?: boolean;
}

// Deterministic "random" rows over both rounds, plus the edge cases by hand.
function generated(): Row[] {
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n); // Park–Miller: exact in doubles
  const rows: Row[] = [];
  const days = (from: string, count: number) =>
    Array.from({ length: count }, (_, i) => new Date(parseIsoDate(from).getTime() + i * 86_400_000).toISOString().slice(0, 10));
  for (const date of [...days("2030-04-22", 19), ...days("2030-10-21", 10)]) {
    for (const unit of ["a1", "a1a", "a2"] as const) {
      // A Teknik (a2) stops after week 43; A Telefon (a1a) registers nothing today.
      if (unit === "a2" && date >= WEEK_FROM) continue;
      if (unit === "a1a" && date === TODAY) continue;
      for (let i = next(4); i > 0; i--)
        rows.push({ unit, date, hour: 8 + next(7), minute: next(60), qty: 1 + (next(5) === 0 ? next(40) : 0) });
    }
  }
  return rows;
}

const ROWS: Row[] = [
  ...generated(),
  // Today just after midnight Danish time (23:30 UTC the day before) counts for today …
  { unit: "a1", date: TODAY, hour: 0, minute: 30, qty: 3 },
  // … and yesterday just before midnight does not.
  { unit: "a1", date: "2030-10-29", hour: 23, minute: 30, qty: 5 },
  // A test and an outside-the-weeks registration today: never in the figures.
  { unit: "a1", date: TODAY, hour: 10, minute: 0, qty: 100, test: true },
  { unit: "a1", date: TODAY, hour: 11, minute: 0, qty: 50, outside: true },
  { unit: "a4", date: TODAY, hour: 9, minute: 0, qty: 1, test: true },
  { unit: "a4", date: TODAY, hour: 9, minute: 5, qty: 1, test: true },
  // The same point of the previous round, and the unit of another municipality.
  { unit: "a1a", date: PREV_DAY, hour: 9, minute: 0, qty: 7 },
  { unit: "b1", date: "2030-10-22", hour: 9, minute: 0, qty: 4 },
  { unit: "b1", date: TODAY, hour: 13, minute: 0, qty: 2 },
];

const counted = (r: Row) => !r.test && !r.outside;
const sum = (rows: Row[]) => rows.reduce((s, r) => s + r.qty, 0);
const inA = (r: Row) => r.unit !== "b1";

let database: SporDatabase;
let ids: Record<UnitKey | "archived", string>;
let m: Record<"a" | "b" | "c" | "d" | "e", { id: string; number: number }>;
let access: Record<"national" | "coordA" | "coordB" | "coordE" | "leadA1" | "registrant", Access>;
let rounds: { prev: string; cur: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  // Only our rounds: the reference data's "current" round follows the real date.
  await p.countingRound.deleteMany({ where: { code: { startsWith: "current-" } } });
  const round = (code: string, isoYear: number, firstWeek: number) =>
    p.countingRound.create({ data: { code, name: code, startsOn: mondayOfIsoWeek(isoYear, firstWeek), isoYear, firstWeek, weekCount: 3 } });
  rounds = { prev: (await round("prev", 2030, 17)).id, cur: (await round("cur", 2030, 43)).id };

  const municipality = async (number: number, name: string) => ({
    id: (await p.municipality.create({ data: { number, name } })).id,
    number,
  });
  m = {
    a: await municipality(951, "Atown"),
    b: await municipality(952, "Btown"),
    c: await municipality(953, "Ctown"),
    d: await municipality(954, "Dtown"),
    e: await municipality(955, "Etown"),
  };
  const week = (municipalityId: string, roundId: string | null, isoWeek: number) => ({ municipalityId, roundId, isoYear: 2030, isoWeek });
  await p.municipalityCountingWeek.createMany({
    data: [
      ...[17, 18, 19].map((w) => week(m.a.id, rounds.prev, w)),
      ...[43, 44, 45].map((w) => week(m.a.id, rounds.cur, w)),
      ...[43, 44, 45].map((w) => week(m.b.id, rounds.cur, w)),
      week(m.c.id, rounds.cur, 45),
    ],
  });
  const task = await p.task.create({ data: { number: "95.01.01", title: "Cockpit-opgave", level: "EMNE", source: "KLE" } });
  const unit = async (
    municipalityId: string,
    name: string,
    setUp: boolean,
    extra: { parentId?: string; testMode?: boolean; archivedAt?: Date } = {},
  ) => {
    const u = await p.unit.create({ data: { municipalityId, name, ...extra } });
    if (setUp) {
      await p.unitChannel.create({ data: { unitId: u.id, channelCode: "PRSNLG" } });
      await p.unitTask.create({ data: { unitId: u.id, taskId: task.id } });
    }
    return u.id;
  };
  const a1 = await unit(m.a.id, "A Borgerservice", true);
  ids = {
    a1,
    a1a: await unit(m.a.id, "A Telefon", true, { parentId: a1 }),
    a2: await unit(m.a.id, "A Teknik", true),
    a3: await unit(m.a.id, "A Ny", false),
    a4: await unit(m.a.id, "A Øve", true, { testMode: true }),
    archived: await unit(m.a.id, "A Nedlagt", true, { archivedAt: new Date() }),
    b1: await unit(m.b.id, "B Borgerservice", true),
  };
  await p.registration.createMany({
    data: ROWS.map((r) => {
      const occurredAt = instantAt(parseIsoDate(r.date), r.hour, r.minute);
      const w = isoWeekOf(occurredAt);
      return {
        id: crypto.randomUUID(),
        municipalityId: r.unit === "b1" ? m.b.id : m.a.id,
        unitId: ids[r.unit],
        taskId: task.id,
        channelCode: "PRSNLG",
        quantity: r.qty,
        occurredAt,
        isoYear: w.isoYear,
        isoWeek: w.isoWeek,
        source: "MANUAL" as const,
        isTest: r.test ?? false,
        inCountingWeek: !r.outside,
      };
    }),
  });
  // Uploads: the latest that still stands is "oktober.csv" (a later one was undone; mass registrations are no upload).
  const batch = (kind: "UPLOAD" | "MASS", fileName: string | null, createdAt: string, undone = false) =>
    p.importBatch.create({
      data: {
        municipalityId: m.a.id,
        kind,
        fileName,
        rowCount: 12,
        totalQuantity: 34,
        createdAt: new Date(createdAt),
        undoneAt: undone ? new Date(createdAt) : null,
      },
    });
  await batch("UPLOAD", "april.csv", "2030-04-25T10:00:00Z");
  await batch("UPLOAD", "oktober.csv", "2030-10-25T10:00:00Z");
  await batch("UPLOAD", "fejl.csv", "2030-10-28T10:00:00Z", true);
  await batch("MASS", null, "2030-10-29T10:00:00Z");

  const user = await p.user.create({ data: { id: "cockpit-registrant", name: "Registrant", email: "cockpit-registrant@spor.test" } });
  await p.membership.create({ data: { userId: user.id, role: "REGISTRANT", municipalityId: m.a.id, unitId: a1 } });
  const a = (memberships: Access["memberships"], leadUnitIds: string[] = []): Access => ({ userId: "test-user", memberships, leadUnitIds });
  access = {
    national: a([{ role: "NATIONAL", municipalityId: null, unitId: null }]),
    coordA: a([{ role: "COORDINATOR", municipalityId: m.a.id, unitId: null }]),
    coordB: a([{ role: "COORDINATOR", municipalityId: m.b.id, unitId: null }]),
    coordE: a([{ role: "COORDINATOR", municipalityId: m.e.id, unitId: null }]),
    leadA1: a([{ role: "UNIT_LEAD", municipalityId: m.a.id, unitId: a1 }], [a1, ids.a1a]),
    registrant: a([{ role: "REGISTRANT", municipalityId: m.a.id, unitId: a1 }]),
  };
});
afterAll(() => database.close());

const load = async (who: Access, municipalityNumber?: number) => (await loadCockpit(who, { now: NOW, database, municipalityNumber }))!;
const municipal = async (who: Access, n?: number) => (await load(who, n)) as MunicipalityCockpit;

/** The independent computation for one unit (or all of A's units when `unit` is undefined). */
function expected(filter: (r: Row) => boolean) {
  const rows = ROWS.filter((r) => counted(r) && filter(r));
  return {
    today: sum(rows.filter((r) => r.date === TODAY)),
    week: sum(rows.filter((r) => r.date >= WEEK_FROM && r.date <= TODAY)),
    previousDay: sum(rows.filter((r) => r.date === PREV_DAY)),
    previousWeek: sum(rows.filter((r) => r.date >= PREV_WEEK_FROM && r.date <= PREV_DAY)),
  };
}

describe("the coordinator's cockpit", () => {
  it("counts each unit's contacts today and this week against the same point of the previous round", async () => {
    const c = await municipal(access.coordA);
    expect(c.round).toMatchObject({ name: "cur", dayIndex: 9, current: true });
    expect(c.comparison).toEqual({ roundName: "prev", day: PREV_DAY, weekFrom: PREV_WEEK_FROM });
    expect(c.units.map((u) => u.name)).toEqual(["A Borgerservice", "A Ny", "A Teknik", "A Telefon", "A Øve"]);
    for (const u of c.units) {
      const key = (Object.keys(ids) as (keyof typeof ids)[]).find((k) => ids[k] === u.id) as UnitKey;
      expect({ today: u.today, week: u.week, previousDay: u.previousDay, previousWeek: u.previousWeek }, u.name).toEqual(
        expected((r) => r.unit === key),
      );
    }
    expect(c.total).toEqual(expected(inA));
    // The generated data must make these figures non-trivial.
    expect(c.total.today).toBeGreaterThan(3);
    expect(c.total.previousWeek).toBeGreaterThan(c.total.previousDay ?? Infinity);
  });

  it("marks silent units and units without setup, and counts the test registrations left", async () => {
    const c = await municipal(access.coordA);
    const by = Object.fromEntries(c.units.map((u) => [u.name, u]));
    expect(c.countingToday).toBe(true);
    expect(by["A Telefon"]).toMatchObject({ silentToday: true, silentWeek: false, withoutSetup: false });
    expect(by["A Teknik"]).toMatchObject({ silentToday: true, silentWeek: true });
    expect(by["A Ny"]).toMatchObject({ withoutSetup: true, silentToday: false, silentWeek: false });
    expect(by["A Borgerservice"]).toMatchObject({
      silentToday: false,
      silentWeek: false,
      testRegistrations: ROWS.filter((r) => r.unit === "a1" && r.test).length,
    });
    expect(by["A Øve"]).toMatchObject({ testMode: true, testRegistrations: 2 });
    expect(c.testRegistrations).toBe(ROWS.filter((r) => inA(r) && r.test).length);
    expect(c.roundWeeks).toEqual([203043, 203044, 203045]);
  });

  it("shows the latest upload that still stands, and a checklist computed from the data", async () => {
    const c = await municipal(access.coordA);
    expect(c.lastUpload).toMatchObject({ kind: "UPLOAD", fileName: "oktober.csv", rowCount: 12, totalQuantity: 34 });
    expect(Object.fromEntries(c.checklist!.map((s) => [s.key, s.done]))).toEqual({
      units: true,
      setup: false,
      weeks: true,
      users: true,
      test: true,
    });
    expect(c.checklist!.find((s) => s.key === "setup")!.href).toBe(`/administration/enheder/${ids.a3}`);
  });

  it("walks a fresh municipality through its first steps", async () => {
    const before = await municipal(access.coordE);
    expect(before.units).toEqual([]);
    expect(before.checklist!.every((s) => !s.done)).toBe(true);
    expect(before.checklist!.map((s) => s.href)).toEqual([
      "/administration?kommune=955",
      "/administration?kommune=955",
      "/administration/taelleuger?kommune=955",
      "/administration/brugere?kommune=955",
      "/administration?kommune=955",
    ]);
    const p = database.prisma;
    const unit = await p.unit.create({ data: { municipalityId: m.e.id, name: "E Borgerservice" } });
    const steps = async () => Object.fromEntries((await municipal(access.coordE)).checklist!.map((s) => [s.key, s.done]));
    expect(await steps()).toEqual({ units: true, setup: false, weeks: false, users: false, test: false });
    const task = await p.task.findFirstOrThrow({ where: { number: "95.01.01" } });
    await p.unitChannel.create({ data: { unitId: unit.id, channelCode: "TLFIND" } });
    await p.unitTask.create({ data: { unitId: unit.id, taskId: task.id } });
    await p.municipalityCountingWeek.create({ data: { municipalityId: m.e.id, roundId: rounds.cur, isoYear: 2030, isoWeek: 45 } });
    const user = await p.user.create({ data: { id: "cockpit-e", name: "E", email: "cockpit-e@spor.test" } });
    await p.membership.create({ data: { userId: user.id, role: "REGISTRANT", municipalityId: m.e.id, unitId: unit.id } });
    expect(await steps()).toEqual({ units: true, setup: true, weeks: true, users: true, test: false });
    const w = isoWeekOf(NOW);
    await p.registration.create({
      data: {
        id: crypto.randomUUID(),
        municipalityId: m.e.id,
        unitId: unit.id,
        taskId: task.id,
        channelCode: "TLFIND",
        occurredAt: NOW,
        isoYear: w.isoYear,
        isoWeek: w.isoWeek,
        source: "MANUAL",
        isTest: true,
        inCountingWeek: false,
      },
    });
    expect(await steps()).toEqual({ units: true, setup: true, weeks: true, users: true, test: true });
  });

  it("keeps to the caller's scope", async () => {
    await expect(load(access.coordB, m.a.number)).rejects.toBeInstanceOf(ReportNotFoundError);
    expect(await loadCockpit(access.registrant, { now: NOW, database })).toBeNull();
    const b = await municipal(access.coordB);
    expect(b.municipality.number).toBe(952);
    expect(b.units.map((u) => u.name)).toEqual(["B Borgerservice"]);
    expect(b.total.today).toBe(sum(ROWS.filter((r) => r.unit === "b1" && r.date === TODAY)));
    // B counted no earlier round: nothing to compare with, and it says why.
    expect(b.comparison).toBeNull();
    expect(b.noComparison).toBe("Kommunen har ikke talt i en tidligere runde.");
    expect(b.total.previousDay).toBeNull();
  });
});

describe("the unit lead's cockpit", () => {
  it("shows only their units, with today hour by hour", async () => {
    const c = await municipal(access.leadA1);
    expect(c.unitLead).toBe(true);
    expect(c.checklist).toBeNull();
    expect(c.lastUpload).toBeNull();
    expect(c.units.map((u) => u.name)).toEqual(["A Borgerservice", "A Telefon"]);
    expect(c.total).toEqual(expected((r) => r.unit === "a1" || r.unit === "a1a"));
    const hours = new Map<number, number>();
    for (const r of ROWS.filter((r) => counted(r) && (r.unit === "a1" || r.unit === "a1a") && r.date === TODAY))
      hours.set(r.hour, (hours.get(r.hour) ?? 0) + r.qty);
    expect(c.hours).toEqual([...hours].sort((x, y) => x[0] - y[0]).map(([hour, contacts]) => ({ hour, contacts })));
    expect(c.testRegistrations).toBe(ROWS.filter((r) => r.unit === "a1" && r.test).length);
  });
});

describe("the national cockpit", () => {
  it("shows who counts which weeks, who has not started, and contacts per day of the round", async () => {
    const c = (await load(access.national)) as NationalCockpit;
    expect(c.kind).toBe("national");
    const by = Object.fromEntries(c.municipalities.filter((x) => x.number >= 951 && x.number <= 955).map((x) => [x.number, x]));
    const roundRows = ROWS.filter((r) => counted(r) && r.date >= "2030-10-21" && r.date <= "2030-11-10");
    expect(by[951]).toMatchObject({
      weeks: [203043, 203044, 203045],
      status: "started",
      contacts: sum(roundRows.filter(inA)),
      today: sum(roundRows.filter((r) => inA(r) && r.date === TODAY)),
      activeUnits: 3,
    });
    expect(by[952]).toMatchObject({ status: "started", contacts: 6, today: 2, firstDay: "2030-10-22" });
    expect(by[953]).toMatchObject({ weeks: [203045], status: "waiting", contacts: 0 });
    expect(by[954]).toMatchObject({ weeks: [], status: "not-joined" });

    // Every day from the round's Monday to today, zeros included.
    expect(c.days.map((d) => d.day)).toEqual(["21", "22", "23", "24", "25", "26", "27", "28", "29", "30"].map((d) => `2030-10-${d}`));
    for (const d of c.days) {
      const rows = roundRows.filter((r) => r.date === d.day);
      expect(d, d.day).toEqual({
        day: d.day,
        contacts: sum(rows),
        registrations: rows.length,
        municipalities: new Set(rows.map((r) => r.unit === "b1")).size,
      });
    }
  });

  it("calls a municipality whose weeks have begun without registrations not started", async () => {
    // Btown's registrations marked outside its weeks for a moment (reports leave those out), then back.
    await database.prisma.registration.updateMany({ where: { municipalityId: m.b.id }, data: { inCountingWeek: false } });
    const c = (await load(access.national)) as NationalCockpit;
    expect(c.municipalities.find((x) => x.number === 952)).toMatchObject({ status: "not-started", contacts: 0 });
    await database.prisma.registration.updateMany({ where: { municipalityId: m.b.id }, data: { inCountingWeek: true } });
    expect(((await load(access.national)) as NationalCockpit).municipalities.find((x) => x.number === 952)!.status).toBe("started");
  });
});
