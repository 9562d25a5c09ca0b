import { describe, expect, it } from "vitest";
import { describeFinding, formatDay } from "@/lib/quality/describe";
import {
  countingDays,
  danishHolidays,
  type Finding,
  median,
  QUALITY_THRESHOLDS,
  qualityFindings,
  qualityLimits,
  type UnitFacts,
} from "@/lib/quality/rules";

// «Datakvalitet»'s pure rules (lib/quality/rules.ts): each rule just below and just above its
// threshold, on hand-made unit figures. The SQL that reads the figures is tested in tests/db/quality.test.ts.

// ISO week 11 of 2025: Monday 10 March to Friday 14 March.
const WEEK = [{ isoYear: 2025, isoWeek: 11 }];
const DAYS = ["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"];

function unit(over: Partial<UnitFacts> = {}): UnitFacts {
  return {
    id: "u1",
    name: "Borgerservice",
    testMode: false,
    hasChildren: false,
    setupChannels: 2,
    setupTasks: 5,
    days: DAYS.map((day) => ({ day, contacts: 10 })),
    weekOnly: [],
    hours: [],
    contacts: 50,
    fejl: 0,
    closed: 50,
    straks: 25,
    tasks: [
      { number: "23.05.10", title: "Pas", contacts: 20, inPackage: true },
      { number: "23.15.02", title: "Kørekort", contacts: 15, inPackage: true },
      { number: "27.12.03", title: "Folkeregister", contacts: 15, inPackage: true },
    ],
    formChannels: [],
    outside: { registrations: 0, contacts: 0, firstDay: null, lastDay: null },
    testRegistrations: 0,
    ...over,
  };
}
const rules = (u: UnitFacts, days = DAYS) => qualityFindings([u], days).map((f) => f.rule);

describe("counting days", () => {
  it("are Monday to Friday of the joined weeks before today", () => {
    expect(countingDays(WEEK, "2025-03-17")).toEqual(DAYS);
    expect(countingDays(WEEK, "2025-03-12")).toEqual(["2025-03-10", "2025-03-11"]);
    expect(countingDays([], "2025-03-17")).toEqual([]);
    // A week across the turn of the year: ISO week 1 of 2026 starts on Monday 29 December 2025.
    expect(countingDays([{ isoYear: 2026, isoWeek: 1 }], "2026-12-31")[0]).toBe("2025-12-29");
  });
  it("leave out Danish public holidays", () => {
    // Easter 2025 is 20 April: skærtorsdag 17, langfredag 18, 2. påskedag 21 April; Kristi himmelfart 29 May; 2. pinsedag 9 June.
    expect([...danishHolidays(2025)].sort()).toEqual(
      ["2025-01-01", "2025-04-17", "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09", "2025-12-24", "2025-12-25", "2025-12-26"].sort(),
    );
    // Store bededag (Easter + 26) until 2023: 1 May 2015, 5 May 2023; abolished from 2024.
    expect(danishHolidays(2015).has("2015-05-01")).toBe(true);
    expect(danishHolidays(2023).has("2023-05-05")).toBe(true);
    expect(danishHolidays(2024).has("2024-04-26")).toBe(false);
    expect(countingDays([{ isoYear: 2025, isoWeek: 22 }], "2025-12-31")).toEqual(["2025-05-26", "2025-05-27", "2025-05-28", "2025-05-30"]);
  });
  it("median", () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe("the rules", () => {
  it("a well-kept unit has no findings", () => {
    expect(qualityFindings([unit()], DAYS)).toEqual([]);
  });

  it("counting days without registrations, and none at all", () => {
    const missing = qualityFindings([unit({ days: DAYS.slice(1).map((day) => ({ day, contacts: 4 })) })], DAYS);
    expect(missing).toEqual([{ rule: "empty-days", unitId: "u1", days: ["2025-03-10"] }]);
    expect(rules(unit({ days: [], contacts: 0, closed: 0, straks: 0, tasks: [] }))).toEqual(["no-registrations"]);
    // A grouping unit (with sub-units) that registers nothing itself, or a unit not set up to count, is left alone.
    expect(rules(unit({ days: [], contacts: 0, closed: 0, straks: 0, tasks: [], hasChildren: true }))).toEqual([]);
    expect(rules(unit({ days: [], contacts: 0, closed: 0, straks: 0, tasks: [], setupTasks: 0 }))).toEqual([]);
    // A week mass-registered as a whole covers its days.
    expect(rules(unit({ days: [], weekOnly: [202511], contacts: 40, closed: 0, straks: 0 }))).toEqual([]);
    // No counting days yet (the round has not begun): nothing to miss.
    expect(rules(unit({ days: [], contacts: 0, closed: 0, straks: 0, tasks: [] }), [])).toEqual([]);
  });

  it("an hour without registrations where the unit usually has many", () => {
    const busy = QUALITY_THRESHOLDS.busyHourMedian;
    const hours = (ten: number[]) =>
      DAYS.flatMap((day, i) => [
        { day, hour: 9, contacts: 2 },
        { day, hour: 10, contacts: ten[i] },
      ]).filter((h) => h.contacts > 0);
    // Tuesday 10–11 is empty; the median of the five days is the threshold.
    const found = qualityFindings([unit({ hours: hours([busy, 0, busy, busy + 2, busy]) })], DAYS);
    expect(found).toEqual([{ rule: "empty-hours", unitId: "u1", gaps: [{ day: "2025-03-11", hour: 10, usual: busy }] }]);
    // Just below "many": no finding.
    expect(rules(unit({ hours: hours([busy - 1, 0, busy - 1, busy + 2, busy - 1]) }))).toEqual([]);
    // Too few days with registrations to know what is usual.
    expect(rules(unit({ hours: hours([busy, 0, busy, 0, 0]).filter((h) => h.day <= "2025-03-11") }))).toEqual([]);
  });

  it("fejlhenvendelser over the threshold", () => {
    const t = QUALITY_THRESHOLDS;
    const at = (fejl: number, contacts: number) => rules(unit({ fejl, contacts })).includes("fejl-share");
    expect(at(Math.floor(t.fejlShare * 100), 100)).toBe(false); // 15 %: not over
    expect(at(Math.floor(t.fejlShare * 100) + 1, 100)).toBe(true); // 16 %
    expect(at(10, t.fejlMinContacts - 1)).toBe(false); // too few contacts to judge
  });

  it("a municipality's own share replaces the default; the minimums stay the method's", () => {
    const limits = qualityLimits({ fejlShare: 30, straksShare: null });
    expect(limits).toEqual({ ...QUALITY_THRESHOLDS, fejlShare: 0.3 });
    const fejl = (n: number) => qualityFindings([unit({ fejl: n, contacts: 100 })], DAYS, limits).some((f) => f.rule === "fejl-share");
    expect(fejl(30)).toBe(false);
    expect(fejl(31)).toBe(true);
    expect(
      qualityFindings([unit({ fejl: 10, contacts: QUALITY_THRESHOLDS.fejlMinContacts - 1 })], DAYS, qualityLimits({ fejlShare: 1 })),
    ).toEqual([]);
  });

  it("everything closed at once", () => {
    const t = QUALITY_THRESHOLDS;
    const at = (straks: number, closed: number) => rules(unit({ straks, closed })).includes("all-straks");
    expect(at(t.straksMinContacts, t.straksMinContacts)).toBe(true);
    expect(at(99, 100)).toBe(true);
    expect(at(98, 100)).toBe(false);
    expect(at(t.straksMinContacts - 1, t.straksMinContacts - 1)).toBe(false);
  });

  it("one task over half of all contacts, Fejlhenvendelse aside", () => {
    const tasks = (top: number) => [
      { number: "23.05.10", title: "Pas", contacts: top, inPackage: true },
      { number: "FEJL", title: "Fejlhenvendelse", contacts: 100 - top, inPackage: null },
    ];
    const found = qualityFindings([unit({ contacts: 100, tasks: tasks(51) })], DAYS);
    expect(found).toContainEqual({ rule: "one-task", unitId: "u1", task: { number: "23.05.10", title: "Pas" }, contacts: 51, total: 100 });
    expect(rules(unit({ contacts: 100, tasks: tasks(50) }))).not.toContain("one-task");
    // A unit set up with only a couple of tasks is expected to have one large one.
    expect(rules(unit({ contacts: 100, tasks: tasks(80), setupTasks: 2 }))).not.toContain("one-task");
    // Fejlhenvendelse is never "the one task" (it has a rule of its own).
    const fejl = [{ number: "FEJL", title: "Fejlhenvendelse", contacts: 90, inPackage: null }];
    expect(rules(unit({ contacts: 100, tasks: fejl }))).not.toContain("one-task");
  });

  it("forms on channels that rarely carry them", () => {
    const found = (withForm: number, answered: number) =>
      qualityFindings([unit({ formChannels: [{ channelCode: "SMSIND", answered, withForm }] })], DAYS).filter(
        (f) => f.rule === "rare-form",
      );
    expect(found(3, 10)).toHaveLength(1); // 30 %
    expect(found(2, 10)).toHaveLength(0); // 20 %: not over
    expect(found(5, 9)).toHaveLength(0); // too few answers
  });

  it("registrations outside the counting weeks, test registrations and test mode, tasks outside the package", () => {
    const outside = { registrations: 2, contacts: 5, firstDay: "2025-03-03", lastDay: "2025-03-04" };
    expect(qualityFindings([unit({ outside })], DAYS)).toEqual([{ rule: "outside-weeks", unitId: "u1", ...outside }]);
    expect(qualityFindings([unit({ testRegistrations: 3 })], DAYS)).toEqual([
      { rule: "test-left", unitId: "u1", testRegistrations: 3, testMode: false },
    ]);
    expect(rules(unit({ testMode: true }))).toEqual(["test-left"]);
    // Test mode before the counting days begin is a rehearsal, not a finding.
    expect(rules(unit({ testMode: true }), [])).toEqual([]);
    const tasks = [
      { number: "23.05.10", title: "Pas", contacts: 20, inPackage: true },
      { number: "99.99.99", title: "Ukendt", contacts: 3, inPackage: false },
      { number: "98.98.98", title: "Anden", contacts: 7, inPackage: false },
      { number: "FEJL", title: "Fejlhenvendelse", contacts: 4, inPackage: false },
    ];
    expect(qualityFindings([unit({ tasks, contacts: 34 })], DAYS)).toContainEqual({
      rule: "outside-package",
      unitId: "u1",
      tasks: [
        { number: "98.98.98", title: "Anden", contacts: 7 },
        { number: "99.99.99", title: "Ukendt", contacts: 3 },
      ],
    });
    // A round without a package: nothing is outside it.
    expect(rules(unit({ tasks: tasks.map((x) => ({ ...x, inPackage: null })), contacts: 34 }))).not.toContain("outside-package");
  });
});

describe("the Danish texts", () => {
  const ctx = {
    municipalityNumber: 259,
    roundCode: "r-1",
    unitId: "u1",
    roundFrom: "2025-03-10",
    roundTo: "2025-03-16",
    coordinator: true,
  };
  const all: Finding[] = [
    { rule: "no-registrations", unitId: "u1", days: 5 },
    { rule: "empty-days", unitId: "u1", days: ["2025-03-10"] },
    { rule: "empty-hours", unitId: "u1", gaps: [{ day: "2025-03-11", hour: 9, usual: 6 }] },
    { rule: "fejl-share", unitId: "u1", fejl: 30, contacts: 100 },
    { rule: "all-straks", unitId: "u1", straks: 60, closed: 60 },
    { rule: "one-task", unitId: "u1", task: { number: "23.05.10", title: "Pas" }, contacts: 60, total: 100 },
    { rule: "rare-form", unitId: "u1", channels: [{ channelCode: "SMSIND", answered: 10, withForm: 4 }] },
    { rule: "outside-weeks", unitId: "u1", registrations: 2, contacts: 5, firstDay: "2025-03-03", lastDay: "2025-03-04" },
    { rule: "test-left", unitId: "u1", testRegistrations: 3, testMode: true },
    { rule: "outside-package", unitId: "u1", tasks: [{ number: "99.99.99", title: "Ukendt", contacts: 3 }] },
  ];

  it("every finding says what, why and where, with links a unit lead may follow", () => {
    for (const f of all) {
      const d = describeFinding(f, ctx);
      expect(d.title.length, f.rule).toBeGreaterThan(5);
      expect(d.why.length, f.rule).toBeGreaterThan(40);
      expect(d.links.length, f.rule).toBeGreaterThan(0);
      const lead = describeFinding(f, { ...ctx, coordinator: false });
      // A unit lead can neither download nor change the setup: only report links.
      expect(
        lead.links.every((l) => l.href.startsWith("/rapporter/")),
        f.rule,
      ).toBe(true);
    }
  });

  it("names days, shares and the filtered registrations", () => {
    expect(formatDay("2025-03-10")).toMatch(/^man\. 10\. mar/);
    expect(describeFinding(all[3], ctx).detail).toBe("30\u00a0% af enhedens 100 henvendelser er fejlhenvendelser (grænsen er 15\u00a0%).");
    const days = describeFinding(all[1], ctx);
    expect(days.links).toContainEqual({
      label: "Hent registreringerne (CSV)",
      href: "/api/exports/registrations?kommune=259&enhed=u1&fra=2025-03-10&til=2025-03-16",
    });
    expect(days.links[0].href).toBe("/rapporter/tidspunkt?kommune=259&runde=r-1&enhed=u1");
    const outside = describeFinding(all[7], ctx);
    expect(outside.links.map((l) => l.href)).toContain("/api/exports/registrations?kommune=259&enhed=u1&fra=2025-03-03&til=2025-03-04");
    expect(describeFinding(all[8], ctx).detail).toBe("3 testregistreringer i rundens uger. Enheden står stadig i prøvetælling.");
  });
});
