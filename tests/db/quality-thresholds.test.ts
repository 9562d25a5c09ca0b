import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccess } from "@/lib/auth/load-access";
import { isoWeekOf, parseIsoDate } from "@/lib/counting/iso-week";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { danishInstant } from "@/lib/exchange/local-time";
import { readQuality } from "@/lib/quality/findings";
import { loadQualityPage } from "@/lib/quality/queries";
import { QUALITY_THRESHOLDS } from "@/lib/quality/rules";
import { loadQualitySummary } from "@/lib/quality/summary";
import { type OwnShares, setQualityThresholds } from "@/lib/quality/thresholds";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// Datakvalitet's thresholds per municipality and KL's summary (issue 16), on crafted data: one unit
// whose four shares sit between the defaults and the thresholds the coordinator sets, so each
// setting turns its rule on or off; the shares are counted again here from the rows written.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let round: { id: string; code: string; isoYear: number; firstWeek: number; weekCount: number; packageId: string | null };
let unit: string;
const NOW = danishInstant(parseIsoDate("2025-06-16"), 9);
const DAYS = ["2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06"];
const koege = () => t.municipalityId(259);

interface Row {
  day: string;
  task: string;
  channel: string;
  type: string;
  closure: string;
  form: boolean | null;
  quantity: number;
}
const rows: Row[] = [];

beforeAll(async () => {
  t = await adminTestDatabase();
  const tasks = await t.prisma.task.findMany({ where: { level: "EMNE", number: { not: "FEJL" } }, select: { id: true }, take: 3 });
  const fejl = await taskId(t.prisma, "FEJL");
  const created = await t.prisma.countingRound.create({
    data: { code: "qt-2025-23", name: "Grænserunde", startsOn: parseIsoDate("2025-06-02"), isoYear: 2025, firstWeek: 23, weekCount: 1 },
  });
  round = { id: created.id, code: created.code, isoYear: 2025, firstWeek: 23, weekCount: 1, packageId: null };
  await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: koege(), roundId: round.id, isoYear: 2025, isoWeek: 23 } });
  const u = await t.prisma.unit.create({ data: { municipalityId: koege(), name: "Grænseenhed", kind: "CITIZEN_SERVICE" } });
  unit = u.id;
  await t.prisma.unitChannel.createMany({ data: ["TLFIND", "SMSIND"].map((channelCode) => ({ unitId: unit, channelCode })) });
  await t.prisma.unitTask.createMany({ data: [...tasks.map((x) => x.id), fejl].map((taskId) => ({ unitId: unit, taskId })) });
  // Every day 10 contacts: 4 on the first task (20 of 50 = 40 %), 2 on the second, 2 on the third (one
  // further handled: 45 of 50 = 90 % straksafsluttet), 2 fejlhenvendelser (10 of 50 = 20 %). Monday's
  // and Tuesday's first-task and Monday's second-task contacts came by SMS: 3 of 10 with a form (30 %).
  for (const day of DAYS) {
    const add = (task: string, quantity: number, extra: Partial<Row> = {}) =>
      rows.push({ day, task, channel: "TLFIND", type: "INFO", closure: "STRAKS", form: null, quantity, ...extra });
    const sms = (form: boolean) => ({ channel: "SMSIND", form });
    if (day === DAYS[0]) {
      add(tasks[0].id, 4, sms(false));
      add(tasks[1].id, 2, sms(true));
    } else if (day === DAYS[1]) {
      add(tasks[0].id, 1, sms(true));
      add(tasks[0].id, 3, sms(false));
      add(tasks[1].id, 2);
    } else {
      add(tasks[0].id, 4);
      add(tasks[1].id, 2);
    }
    add(tasks[2].id, 1, { closure: "HOLD" });
    add(tasks[2].id, 1);
    add(fejl, 2, { type: "FEJL" });
  }
  await t.prisma.registration.createMany({
    data: rows.map((r) => {
      const occurredAt = danishInstant(parseIsoDate(r.day), 10);
      return {
        id: crypto.randomUUID(),
        municipalityId: koege(),
        unitId: unit,
        taskId: r.task,
        channelCode: r.channel,
        contactTypeCode: r.type,
        closureCode: r.closure,
        form: r.form,
        quantity: r.quantity,
        occurredAt,
        ...isoWeekOf(occurredAt),
        timePrecision: "TIME" as const,
        source: "MANUAL" as const,
      };
    }),
  });
});
afterAll(() => t.database.close());

const sum = (list: Row[]) => list.reduce((s, r) => s + r.quantity, 0);
/** The four shares, counted from the rows written. */
function shares() {
  const all = sum(rows);
  const byTask = new Map<string, number>();
  for (const r of rows) if (r.type !== "FEJL") byTask.set(r.task, (byTask.get(r.task) ?? 0) + r.quantity);
  const sms = rows.filter((r) => r.channel === "SMSIND" && r.form !== null);
  return {
    fejl: sum(rows.filter((r) => r.type === "FEJL")) / all,
    straks: sum(rows.filter((r) => r.closure === "STRAKS")) / all,
    oneTask: Math.max(...byTask.values()) / all,
    rareForm: sum(sms.filter((r) => r.form)) / sum(sms),
    smsAnswered: sum(sms),
  };
}
const DEFAULT: OwnShares = { fejlShare: null, straksShare: null, oneTaskShare: null, rareFormShare: null };
const rulesNow = async () =>
  (await readQuality(t.database.sql.query.bind(t.database.sql), { municipalityId: koege(), round, unitIds: [unit], now: NOW })).findings
    .map((f) => f.rule)
    .filter((r) => ["fejl-share", "all-straks", "one-task", "rare-form"].includes(r))
    .sort();

describe("Datakvalitet's thresholds per municipality", () => {
  it("the crafted shares sit where the test needs them", () => {
    const s = shares();
    expect(s.smsAnswered).toBeGreaterThanOrEqual(QUALITY_THRESHOLDS.rareFormMinAnswered);
    expect([s.fejl, s.straks, s.oneTask, s.rareForm].map((x) => Math.round(x * 1000) / 10)).toEqual([20, 90, 40, 30]);
  });

  it("with the defaults: fejlhenvendelser (20 % > 15 %) and forms on SMS (30 % > 20 %), not straks (90 % < 99 %) nor one task (40 % < 50 %)", async () => {
    expect(await rulesNow()).toEqual(["fejl-share", "rare-form"]);
  });

  it("the coordinator's thresholds turn each rule on or off, at the edges the rules set (> for shares, ≥ for straks)", async () => {
    const s = shares();
    const pct = (x: number) => Math.round(x * 100);
    // At the shares themselves: "over" rules stay quiet, "at least" (straks) fires.
    await setQualityThresholds(await t.koege(), {
      municipalityId: koege(),
      fejlShare: pct(s.fejl),
      straksShare: pct(s.straks),
      oneTaskShare: pct(s.oneTask),
      rareFormShare: pct(s.rareForm),
    });
    expect(await rulesNow()).toEqual(["all-straks"]);
    // One point below each: all four fire.
    await setQualityThresholds(await t.koege(), {
      municipalityId: koege(),
      fejlShare: pct(s.fejl) - 1,
      straksShare: pct(s.straks) - 1,
      oneTaskShare: pct(s.oneTask) - 1,
      rareFormShare: pct(s.rareForm) - 1,
    });
    expect(await rulesNow()).toEqual(["all-straks", "fejl-share", "one-task", "rare-form"]);
    // Back to the defaults (empty fields).
    await setQualityThresholds(await t.koege(), { municipalityId: koege(), ...DEFAULT });
    expect(await rulesNow()).toEqual(["fejl-share", "rare-form"]);
  });

  it("is audit-logged with before and after, and the page names the limit in force", async () => {
    await setQualityThresholds(await t.koege(), { municipalityId: koege(), ...DEFAULT, oneTaskShare: 35 });
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "quality.thresholds" }, orderBy: { occurredAt: "desc" } });
    expect(event.before).toEqual(DEFAULT);
    expect(event.after).toEqual({ ...DEFAULT, oneTaskShare: 35 });
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    const page = await loadQualityPage(access, { kommune: "259", runde: round.code }, NOW);
    if (page.kind !== "page") throw new Error("no page");
    expect(page.ownShares).toEqual({ ...DEFAULT, oneTaskShare: 35 });
    const oneTask = page.units.find((u) => u.id === unit)!.findings.find((f) => f.rule === "one-task")!;
    expect(oneTask.title).toBe("Én opgave fylder over 35\u00a0%");
    expect(oneTask.detail).toMatch(/\(grænsen er 35\u00a0%\)\.$/);
    await setQualityThresholds(await t.koege(), { municipalityId: koege(), ...DEFAULT });
  });

  it("another municipality's coordinator changes nothing", async () => {
    await expect(setQualityThresholds(await t.kbh(), { municipalityId: koege(), ...DEFAULT, fejlShare: 90 })).rejects.toBeInstanceOf(
      UserFacingError,
    );
    const row = await t.prisma.municipality.findUniqueOrThrow({ where: { id: koege() }, select: { qualityFejlShare: true } });
    expect(row.qualityFejlShare).toBeNull();
  });
});

describe("KL's quality summary", () => {
  it("has each municipality in the round with its findings per rule, as the municipality's own page counts them", async () => {
    const national = await loadAccess(t.prisma, t.userId("national@spor.test"));
    const summary = await loadQualitySummary(national, { runde: round.code }, NOW);
    expect(summary.round).toEqual({ code: round.code, name: "Grænserunde", minimum: 15 });
    expect(summary.municipalities.map((m) => m.number)).toEqual([259]);
    const [koegeRow] = summary.municipalities;
    const all = await readQuality(t.database.sql.query.bind(t.database.sql), { municipalityId: koege(), round, unitIds: null, now: NOW });
    for (const rule of summary.rules) expect(koegeRow.counts[rule], rule).toBe(all.findings.filter((f) => f.rule === rule).length);
    expect(koegeRow.total).toBe(all.findings.length);
    expect(koegeRow.approved).toBe(false);
    await t.prisma.roundApproval.create({ data: { municipalityId: koege(), roundId: round.id } });
    expect((await loadQualitySummary(national, { runde: round.code }, NOW)).municipalities[0].approved).toBe(true);
    await t.prisma.roundApproval.deleteMany({ where: { roundId: round.id } });
    // On the Datakvalitet page, KL without a municipality gets the summary.
    const page = await loadQualityPage(national, { runde: round.code }, NOW);
    expect(page.kind).toBe("national");
  });

  it("keeps each municipality's weeks, units and thresholds apart when it reads them all at once", async () => {
    // København joins the same week with a copy of Køge's unit (Fejlhenvendelser 20 %); Køge raises
    // its own Fejlhenvendelse threshold to 25 %, København keeps the default 15 %.
    const kbh = t.municipalityId(101);
    await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: kbh, roundId: round.id, isoYear: 2025, isoWeek: 23 } });
    const copy = await t.prisma.unit.create({ data: { municipalityId: kbh, name: "Grænseenhed Kbh", kind: "CITIZEN_SERVICE" } });
    await t.prisma.unitChannel.createMany({ data: ["TLFIND", "SMSIND"].map((channelCode) => ({ unitId: copy.id, channelCode })) });
    const setup = await t.prisma.unitTask.findMany({ where: { unitId: unit }, select: { taskId: true } });
    await t.prisma.unitTask.createMany({ data: setup.map((x) => ({ unitId: copy.id, taskId: x.taskId })) });
    const own = await t.prisma.registration.findMany({ where: { unitId: unit } });
    await t.prisma.registration.createMany({
      data: own.map((r) => ({
        ...r,
        id: crypto.randomUUID(),
        municipalityId: kbh,
        unitId: copy.id,
        createdAt: undefined,
        updatedAt: undefined,
      })),
    });
    await t.prisma.municipality.update({ where: { id: koege() }, data: { qualityFejlShare: 25 } });
    try {
      const national = await loadAccess(t.prisma, t.userId("national@spor.test"));
      const summary = await loadQualitySummary(national, { runde: round.code }, NOW);
      expect(summary.municipalities.map((m) => m.number)).toEqual([101, 259]);
      const query = t.database.sql.query.bind(t.database.sql);
      for (const [number, id] of [
        [101, kbh],
        [259, koege()],
      ] as const) {
        const alone = await readQuality(query, { municipalityId: id, round, unitIds: null, now: NOW });
        const row = summary.municipalities.find((m) => m.number === number)!;
        for (const rule of summary.rules)
          expect(row.counts[rule], `${number} ${rule}`).toBe(alone.findings.filter((f) => f.rule === rule).length);
      }
      expect(summary.municipalities.map((m) => m.counts["fejl-share"])).toEqual([1, 0]);
    } finally {
      await t.prisma.registration.deleteMany({ where: { unitId: copy.id } });
      await t.prisma.municipality.update({ where: { id: koege() }, data: { qualityFejlShare: null } });
    }
  });

  it("is KL's only: a coordinator is refused", async () => {
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    await expect(loadQualitySummary(access, { runde: round.code }, NOW)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
