import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccess } from "@/lib/auth/load-access";
import { isoWeekOf, parseIsoDate } from "@/lib/counting/iso-week";
import { danishInstant } from "@/lib/exchange/local-time";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readQuality, roundFindings } from "@/lib/quality/findings";
import { loadQualityPage } from "@/lib/quality/queries";
import type { Finding } from "@/lib/quality/rules";
import { ReportNotFoundError } from "@/lib/reports/context";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// «Datakvalitet» (issue 16) on crafted data: each rule fires on the unit built to trip it, with the
// figures worked out by hand below, and on no other; a unit lead sees only their units, and another
// municipality's coordinator gets 404. The round: ISO weeks 11–12 of 2025 with a package of three
// tasks; Køge joins week 11 only. "Now" is the Monday after the round.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let round: { id: string; code: string; isoYear: number; firstWeek: number; weekCount: number; packageId: string };
const NOW = danishInstant(parseIsoDate("2025-03-24"), 9);
const WEEKDAYS = ["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"];
const units: Record<string, string> = {};
let packageTasks: { id: string; number: string; title: string }[];
let outsideTask: { id: string; number: string; title: string };
let fejlTask: string;

const koege = () => t.municipalityId(259);

interface Row {
  day: string;
  hour?: number;
  task?: string;
  channel?: string;
  quantity?: number;
  type?: string;
  closure?: string | null;
  form?: boolean | null;
  isTest?: boolean;
  inCountingWeek?: boolean;
  precision?: "TIME" | "DATE" | "WEEK";
}

async function register(unit: string, rows: Row[]) {
  const data: Prisma.RegistrationCreateManyInput[] = rows.map((r) => {
    const occurredAt = danishInstant(parseIsoDate(r.day), r.hour ?? 10);
    return {
      id: crypto.randomUUID(),
      municipalityId: koege(),
      unitId: units[unit],
      taskId: r.task ?? packageTasks[0].id,
      channelCode: r.channel ?? "TLFIND",
      contactTypeCode: r.type ?? "INFO",
      closureCode: r.closure === undefined ? "HOLD" : r.closure,
      form: r.form ?? null,
      quantity: r.quantity ?? 1,
      occurredAt,
      ...isoWeekOf(occurredAt),
      timePrecision: r.precision ?? "TIME",
      source: "MANUAL",
      isTest: r.isTest ?? false,
      inCountingWeek: r.inCountingWeek ?? true,
    };
  });
  await t.prisma.registration.createMany({ data });
}

async function addUnit(name: string, parentId: string | null, options: { testMode?: boolean; tasks?: string[] } = {}) {
  const unit = await t.prisma.unit.create({
    data: { municipalityId: koege(), name, parentId, testMode: options.testMode ?? false, kind: "CITIZEN_SERVICE" },
  });
  await t.prisma.unitChannel.createMany({ data: ["TLFIND", "SMSIND"].map((channelCode) => ({ unitId: unit.id, channelCode })) });
  await t.prisma.unitTask.createMany({
    data: (options.tasks ?? [...packageTasks.map((x) => x.id), fejlTask]).map((taskId) => ({ unitId: unit.id, taskId })),
  });
  units[name] = unit.id;
  return unit.id;
}

beforeAll(async () => {
  t = await adminTestDatabase();
  const tasks = await t.prisma.task.findMany({
    where: { level: "EMNE", number: { not: "FEJL" } },
    select: { id: true, number: true, title: true },
    orderBy: { number: "asc" },
    take: 4,
  });
  packageTasks = tasks.slice(0, 3);
  outsideTask = tasks[3];
  fejlTask = await taskId(t.prisma, "FEJL");
  const pkg = await t.prisma.taskPackage.create({
    data: {
      code: "q-pakke",
      name: "Kvalitetspakke",
      items: { create: packageTasks.map((x, i) => ({ taskId: x.id, title: x.title, obligatory: true, sortOrder: i })) },
    },
  });
  const created = await t.prisma.countingRound.create({
    data: {
      code: "q-2025-11",
      name: "Kvalitetsrunde",
      startsOn: parseIsoDate("2025-03-10"),
      isoYear: 2025,
      firstWeek: 11,
      weekCount: 2,
      packageId: pkg.id,
    },
  });
  round = { id: created.id, code: created.code, isoYear: 2025, firstWeek: 11, weekCount: 2, packageId: pkg.id };
  await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: koege(), roundId: round.id, isoYear: 2025, isoWeek: 11 } });

  // Under Borgerservice, so its unit lead sees them.
  const borgerservice = await t.unitId(259, "Borgerservice");
  const [a, b, c, d] = ["Kvalitet A", "Kvalitet B", "Kvalitet C", "Kvalitet D"];
  for (const name of [a, b, c]) await addUnit(name, borgerservice);
  await addUnit(d, borgerservice, { testMode: true });
  const parent = await addUnit("Kvalitet F", borgerservice);
  await addUnit("Kvalitet E", parent);
  await addUnit("Kvalitet G", borgerservice);

  // A: clean. Every weekday 9–12, 6 contacts an hour spread over the three tasks, half further handled.
  await register(
    a,
    WEEKDAYS.flatMap((day) =>
      [9, 10, 11].map((hour, i) => ({ day, hour, quantity: 6, task: packageTasks[i].id, closure: i === 0 ? "STRAKS" : "HOLD" })),
    ),
  );
  // B: nothing Tuesday and Thursday; Monday, Wednesday, Friday 9–11 with 6 an hour, but Wednesday 10–11 empty.
  // The five rows take the three tasks in turn (at most 12 of 30 on one).
  await register(
    b,
    ["2025-03-10", "2025-03-12", "2025-03-14"]
      .flatMap((day) => [9, 10].filter((hour) => !(day === "2025-03-12" && hour === 10)).map((hour) => ({ day, hour, quantity: 6 })))
      .map((row, i) => ({ ...row, task: packageTasks[i % 3].id })),
  );
  // C: 10 a day on the first task, straksafsluttet (50); Monday 12 fejlhenvendelser; SMS 4 with a form, 6 without.
  // Contacts 72, Fejlhenvendelser 12 (16,7 %), straks 72 of 72, first task 60 of 72, SMS forms 4 of 10.
  await register(c, [
    ...WEEKDAYS.map((day) => ({ day, hour: 9, quantity: 10, closure: "STRAKS" })),
    { day: "2025-03-10", hour: 9, quantity: 12, task: fejlTask, type: "FEJL", closure: "STRAKS" },
    { day: "2025-03-11", hour: 9, quantity: 4, channel: "SMSIND", form: true, closure: "STRAKS" },
    { day: "2025-03-11", hour: 9, quantity: 6, channel: "SMSIND", form: false, closure: "STRAKS" },
  ]);
  // D (in test mode): one a day on each package task, 3 on a task outside the package (Monday);
  // outside the counting weeks: 3 March (week before, 1), 18 and 19 March (week 12, not joined: 2 + 3);
  // 7 April (two weeks after: too far to count). Test registrations: two in week 11, one in week 10 (not counted).
  await register(d, [
    ...WEEKDAYS.flatMap((day) => packageTasks.map((x, i) => ({ day, hour: 10 + i, task: x.id }))),
    { day: "2025-03-10", hour: 13, quantity: 3, task: outsideTask.id },
    { day: "2025-03-03", inCountingWeek: false },
    { day: "2025-03-18", quantity: 2, inCountingWeek: false },
    { day: "2025-03-19", quantity: 3, inCountingWeek: false },
    { day: "2025-04-07", quantity: 9, inCountingWeek: false },
    { day: "2025-03-11", isTest: true },
    { day: "2025-03-12", isTest: true },
    { day: "2025-03-04", isTest: true },
  ]);
  // H: the values the reports count. Monday, Tuesday, Thursday, Friday 5 contacts at 10 on the tasks in
  // turn (further handled); Wednesday only a hand-off (5, Stillet videre: counted by the unit that
  // closes it, so the day is empty here); Monday 5 more registered with the type Fejlhenvendelse on a
  // package task (a fejlhenvendelse however registered). Contacts 25, Fejlhenvendelser 5 (20 %).
  await addUnit("Kvalitet H", borgerservice);
  await register("Kvalitet H", [
    ...["2025-03-10", "2025-03-11", "2025-03-13", "2025-03-14"].map((day, i) => ({ day, quantity: 5, task: packageTasks[i % 3].id })),
    { day: "2025-03-12", quantity: 5, closure: "VIDERE" },
    { day: "2025-03-10", quantity: 5, task: packageTasks[1].id, type: "FEJL" },
  ]);
  // E registers nothing; F (E's parent) registers nothing itself. G mass-registered the whole week at once.
  await register("Kvalitet G", [{ day: "2025-03-10", hour: 0, quantity: 20, precision: "WEEK", task: packageTasks[1].id }]);
});
afterAll(async () => {
  await t.database.close();
});

const query = () => t.database.sql.query.bind(t.database.sql);
const scope = (unitIds: string[] | null) => ({ municipalityId: koege(), round, unitIds, now: NOW });
const byUnit = (findings: Finding[], name: string) => findings.filter((f) => f.unitId === units[name]);

describe("the quality rules on crafted data", () => {
  it("reads the joined weeks and the counting days so far", async () => {
    const result = await readQuality(query(), scope(Object.values(units)));
    expect(result.joinedWeeks).toEqual([{ isoYear: 2025, isoWeek: 11 }]);
    expect(result.days).toEqual(WEEKDAYS);
    // Before the Wednesday: only Monday and Tuesday are counting days so far.
    const early = await readQuality(query(), { ...scope(Object.values(units)), now: danishInstant(parseIsoDate("2025-03-12"), 9) });
    expect(early.days).toEqual(["2025-03-10", "2025-03-11"]);
    expect(byUnit(early.findings, "Kvalitet B")).toEqual([{ rule: "empty-days", unitId: units["Kvalitet B"], days: ["2025-03-11"] }]);
  });

  it("finds what each unit was built to trip, and nothing else", async () => {
    const { findings, units: facts } = await readQuality(query(), scope(Object.values(units)));
    expect(byUnit(findings, "Kvalitet A")).toEqual([]);
    expect(byUnit(findings, "Kvalitet B")).toEqual([
      { rule: "empty-days", unitId: units["Kvalitet B"], days: ["2025-03-11", "2025-03-13"] },
      { rule: "empty-hours", unitId: units["Kvalitet B"], gaps: [{ day: "2025-03-12", hour: 10, usual: 6 }] },
    ]);
    const first = packageTasks[0];
    expect(byUnit(findings, "Kvalitet C")).toEqual([
      { rule: "fejl-share", unitId: units["Kvalitet C"], fejl: 12, contacts: 72 },
      { rule: "all-straks", unitId: units["Kvalitet C"], straks: 72, closed: 72 },
      { rule: "one-task", unitId: units["Kvalitet C"], task: { number: first.number, title: first.title }, contacts: 60, total: 72 },
      { rule: "rare-form", unitId: units["Kvalitet C"], channels: [{ channelCode: "SMSIND", answered: 10, withForm: 4 }] },
    ]);
    expect(byUnit(findings, "Kvalitet D")).toEqual([
      { rule: "outside-weeks", unitId: units["Kvalitet D"], registrations: 3, contacts: 6, firstDay: "2025-03-03", lastDay: "2025-03-19" },
      { rule: "test-left", unitId: units["Kvalitet D"], testRegistrations: 2, testMode: true },
      {
        rule: "outside-package",
        unitId: units["Kvalitet D"],
        tasks: [{ number: outsideTask.number, title: outsideTask.title, contacts: 3 }],
      },
    ]);
    expect(byUnit(findings, "Kvalitet E")).toEqual([{ rule: "no-registrations", unitId: units["Kvalitet E"], days: 5 }]);
    expect(byUnit(findings, "Kvalitet F")).toEqual([]);
    expect(byUnit(findings, "Kvalitet G")).toEqual([]);
    expect(byUnit(findings, "Kvalitet H")).toEqual([
      { rule: "empty-days", unitId: units["Kvalitet H"], days: ["2025-03-12"] },
      { rule: "fejl-share", unitId: units["Kvalitet H"], fejl: 5, contacts: 25 },
    ]);

    // The figures behind them, against a count in plain TypeScript over the rows.
    const rows = await t.prisma.registration.findMany({
      where: { unitId: units["Kvalitet C"], isTest: false, isoYear: 2025, isoWeek: 11 },
      select: { quantity: true, closureCode: true, taskId: true },
    });
    const c = facts.find((u) => u.id === units["Kvalitet C"])!;
    expect(c.contacts).toBe(rows.reduce((s, r) => s + r.quantity, 0));
    expect(c.straks).toBe(rows.filter((r) => r.closureCode === "STRAKS").reduce((s, r) => s + r.quantity, 0));
    expect(c.fejl).toBe(rows.filter((r) => r.taskId === fejlTask).reduce((s, r) => s + r.quantity, 0));
  });

  it("a round without a package checks no package; a round not joined has no counting days", async () => {
    const noPackage = await readQuality(query(), { ...scope([units["Kvalitet D"]]), round: { ...round, packageId: null } });
    expect(noPackage.findings.map((f) => f.rule)).toEqual(["outside-weeks", "test-left"]);
    const other = await t.prisma.countingRound.create({
      data: { code: "q-2025-20", name: "Ikke med", startsOn: parseIsoDate("2025-05-12"), isoYear: 2025, firstWeek: 20, weekCount: 1 },
    });
    const notJoined = await readQuality(query(), {
      ...scope(Object.values(units)),
      round: { ...round, id: other.id, firstWeek: 20, weekCount: 1 },
    });
    expect(notJoined.days).toEqual([]);
    expect(notJoined.findings).toEqual([]);
  });

  it("the whole municipality at approval: every unit, the crafted ones among them", async () => {
    const all = await roundFindings(query(), koege(), round.id, NOW);
    const mine = await readQuality(query(), scope(Object.values(units)));
    expect(all.filter((f) => Object.values(units).includes(f.unitId))).toEqual(mine.findings);
    // København's units never appear in Køge's findings.
    const kbhUnits = (await t.prisma.unit.findMany({ where: { municipalityId: t.municipalityId(101) }, select: { id: true } })).map(
      (u) => u.id,
    );
    expect(all.some((f) => kbhUnits.includes(f.unitId))).toBe(false);
  });
});

describe("the Datakvalitet page's scope", () => {
  const params = { kommune: "259", runde: "q-2025-11" };
  it("a coordinator sees every unit with findings, with downloads and setup links", async () => {
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    const page = await loadQualityPage(access, params, NOW);
    if (page.kind !== "page" || !page.round) throw new Error("no page");
    expect(page.round.over).toBe(true);
    expect(page.coordinator).toBe(true);
    expect(page.findingCount).toBe((await roundFindings(query(), koege(), round.id, NOW)).length);
    const d = page.units.find((u) => u.id === units["Kvalitet D"])!;
    expect(d.findings.map((f) => f.rule)).toEqual(["outside-weeks", "test-left", "outside-package"]);
    expect(d.findings[1].links).toEqual([{ label: "Enhedens opsætning", href: `/administration/enheder/${units["Kvalitet D"]}` }]);
    expect(d.findings[0].links.map((l) => l.href)).toContain(
      `/api/exports/registrations?kommune=259&enhed=${units["Kvalitet D"]}&fra=2025-03-03&til=2025-03-19`,
    );
  });

  it("a unit lead sees only their units, with report links only", async () => {
    const access = await loadAccess(t.prisma, t.userId("leder@koege.test"));
    const page = await loadQualityPage(access, params, NOW);
    if (page.kind !== "page" || !page.round) throw new Error("no page");
    const leadUnits = new Set(access.leadUnitIds);
    expect(page.units.length).toBeGreaterThan(0);
    expect(page.units.every((u) => leadUnits.has(u.id))).toBe(true);
    expect(page.units.map((u) => u.id)).toContain(units["Kvalitet C"]);
    expect(page.units.flatMap((u) => u.findings.flatMap((f) => f.links)).every((l) => l.href.startsWith("/rapporter/"))).toBe(true);
    const jobcenter = await t.unitId(259, "Jobcenter");
    expect(page.units.some((u) => u.id === jobcenter)).toBe(false);
  });

  it("another municipality's coordinator, and a round that does not exist, get 404", async () => {
    const kbh = await loadAccess(t.prisma, t.userId("koordinator@kbh.test"));
    await expect(loadQualityPage(kbh, params, NOW)).rejects.toBeInstanceOf(ReportNotFoundError);
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    await expect(loadQualityPage(access, { kommune: "259", runde: "findes-ikke" }, NOW)).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it("without ?runde=, the latest joined round that has begun", async () => {
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    const page = await loadQualityPage(access, { kommune: "259" }, NOW);
    if (page.kind !== "page") throw new Error("no page");
    expect(page.round?.code).toBe("q-2025-11");
  });
});
