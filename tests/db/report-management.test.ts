import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { TOO_FEW_MUNICIPALITIES } from "@/lib/reports/benchmark";
import { ReportNotFoundError } from "@/lib/reports/context";
import { managementReport } from "@/lib/reports/management";
import { changeSentence, type FigureChange, largestChanges } from "@/lib/reports/narrative";
import { CHANNELS } from "@/lib/reference/codes";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Afrapportering (lib/reports/management.ts) against an independent computation in plain TypeScript
// over the rows written here: the summary, the generated sentences, the package against the national
// figure (approved municipalities only, at least 5 others), the annex per unit, the three editions
// and their scope.

let database: SporDatabase;
const ids: Record<string, string> = {};
const coordinator = (m: string): Access => ({
  userId: "c",
  memberships: [{ role: "COORDINATOR", municipalityId: ids[m], unitId: null }],
  leadUnitIds: [],
});
const national: Access = { userId: "n", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

interface Row {
  m: string;
  unit: string;
  task: string;
  channel: string;
  type: string | null;
  closure: "STRAKS" | "HOLD" | null;
  form: boolean | null;
  qty: number;
  round: "now" | "prev";
  outside?: boolean;
  test?: boolean;
}
const written: Row[] = [];
const NOW = "2026-10-20"; // week 43
const PREV = "2026-04-21"; // week 17
/** Prices in kroner: KL's default, and municipality 901's own price for personal visits. */
const PRICE: Record<string, number> = { TLFIND: 50, TLFUD: 50, PRSNLG: 75, SLVBTJN: 20 };
const OWN_VISIT_PRICE = 100;

async function write(rows: Row[]) {
  for (const r of rows) {
    const occurredAt = instantAt(parseIsoDate(r.round === "now" ? NOW : PREV), 10, 0);
    const week = isoWeekOf(occurredAt);
    await database.prisma.registration.create({
      data: {
        id: crypto.randomUUID(),
        municipalityId: ids[r.m],
        unitId: ids[r.unit],
        taskId: ids[r.task],
        channelCode: r.channel,
        contactTypeCode: r.type,
        closureCode: r.closure,
        form: r.form,
        quantity: r.qty,
        occurredAt,
        isoYear: week.isoYear,
        isoWeek: week.isoWeek,
        source: "MANUAL",
        isTest: r.test ?? false,
        inCountingWeek: !r.outside,
      },
    });
    written.push(r);
  }
}

// ---- The independent computation --------------------------------------------------------------

const channel = (code: string) => CHANNELS.find((c) => c.code === code)!;
const counted = (r: Row) => !r.outside && !r.test;
const sum = (rows: Row[]) => rows.reduce((s, r) => s + r.qty, 0);
const rate = (num: number, den: number) => (den > 0 ? num / den : null);
const isTx = (r: Row) =>
  channel(r.channel).direction === "IN" &&
  (r.type === "OPRET" || r.type === "STATUS" || (r.type === null && channel(r.channel).selfService));
function figures(rows: Row[]) {
  const tx = rows.filter(isTx);
  const inbound = rows.filter((r) => channel(r.channel).direction === "IN");
  const closed = rows.filter((r) => !channel(r.channel).bulk && r.closure !== null);
  const asked = rows.filter((r) => channel(r.channel).asksForm && r.form !== null);
  const typed = rows.filter((r) => !channel(r.channel).bulk && r.type !== null);
  return {
    contacts: sum(rows),
    inbound: sum(inbound),
    selfService: rate(sum(tx.filter((r) => channel(r.channel).selfService)), sum(tx)),
    selfServiceN: sum(tx),
    closure: rate(sum(closed.filter((r) => r.closure === "STRAKS")), sum(closed)),
    form: rate(sum(asked.filter((r) => r.form)), sum(asked)),
    transactions: rate(sum(typed.filter((r) => r.type === "OPRET" || r.type === "STATUS")), sum(typed)),
    phone: rate(sum(inbound.filter((r) => r.channel === "TLFIND")), sum(inbound)),
    visit: rate(sum(inbound.filter((r) => r.channel === "PRSNLG")), sum(inbound)),
    cost: rows.reduce((s, r) => s + r.qty * (r.m === "901" && r.channel === "PRSNLG" ? OWN_VISIT_PRICE : PRICE[r.channel]), 0),
  };
}
const select = (where: (r: Row) => boolean) => written.filter((r) => counted(r) && where(r));
const APPROVED_NOW = ["901", "911", "912", "913", "914", "915"];

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  for (const [key, number, title] of [
    ["T1", "90.01.01", "Opgave et"],
    ["T2", "90.01.02", "Opgave to"],
    ["T3", "90.01.03", "Opgave tre"],
    ["T4", "90.01.04", "Opgave fire"],
  ] as const) {
    ids[key] = (await p.task.create({ data: { number, title, level: "EMNE", source: "KLE" } })).id;
  }
  const pkg = await p.taskPackage.create({ data: { code: "t-pakke", name: "Testpakke" } });
  await p.taskPackageItem.createMany({
    data: [
      { packageId: pkg.id, taskId: ids.T1, title: "KL's opgave et", obligatory: true, sortOrder: 1 },
      { packageId: pkg.id, taskId: ids.T2, title: "KL's opgave to", obligatory: true, sortOrder: 2 },
      { packageId: pkg.id, taskId: ids.T3, title: "KL's opgave tre", obligatory: false, sortOrder: 3 },
      { packageId: pkg.id, taskId: ids.T4, title: "KL's opgave fire", obligatory: true, removed: true, sortOrder: 4 },
    ],
  });
  const now = await p.countingRound.create({
    data: {
      code: "t-efteraar",
      name: "Efterår 2026",
      startsOn: mondayOfIsoWeek(2026, 43),
      isoYear: 2026,
      firstWeek: 43,
      weekCount: 3,
      packageId: pkg.id,
    },
  });
  await p.countingRound.create({
    data: { code: "t-foraar", name: "Forår 2026", startsOn: mondayOfIsoWeek(2026, 17), isoYear: 2026, firstWeek: 17, weekCount: 3 },
  });
  for (const number of [901, 911, 912, 913, 914, 915, 920]) {
    const m = await p.municipality.create({ data: { number, name: `Kommune ${number}` } });
    ids[String(number)] = m.id;
    ids[`U${number}`] = (await p.unit.create({ data: { municipalityId: m.id, name: `Enhed ${number}` } })).id;
  }
  ids.U1 = (await p.unit.create({ data: { municipalityId: ids["901"], name: "Borgerservice" } })).id;
  ids.U2 = (await p.unit.create({ data: { municipalityId: ids["901"], name: "Ydelse" } })).id;
  await p.channelPrice.deleteMany({});
  await p.channelPrice.createMany({
    data: Object.entries(PRICE).map(([channelCode, kr]) => ({ channelCode, municipalityId: null, priceOre: kr * 100 })),
  });
  await p.channelPrice.create({ data: { channelCode: "PRSNLG", municipalityId: ids["901"], priceOre: OWN_VISIT_PRICE * 100 } });

  const own = (
    unit: string,
    task: string,
    ch: string,
    type: string | null,
    closure: Row["closure"],
    form: boolean | null,
    qty: number,
    round: Row["round"] = "now",
  ): Row => ({ m: "901", unit, task, channel: ch, type, closure, form, qty, round });
  await write([
    own("U1", "T1", "SLVBTJN", "OPRET", null, true, 30),
    own("U1", "T1", "TLFIND", "OPRET", "STRAKS", null, 10),
    own("U1", "T1", "PRSNLG", "STATUS", "HOLD", false, 5),
    own("U1", "T3", "TLFIND", "VEJL", "STRAKS", null, 8),
    own("U1", "T1", "TLFUD", "INFO", "STRAKS", null, 4),
    own("U2", "T2", "SLVBTJN", "OPRET", null, true, 6),
    own("U2", "T2", "PRSNLG", "OPRET", "STRAKS", true, 6),
    own("U2", "T2", "TLFIND", "INFO", "HOLD", null, 12),
    own("U1", "T1", "SLVBTJN", "OPRET", null, true, 10, "prev"),
    own("U1", "T1", "TLFIND", "OPRET", "STRAKS", null, 20, "prev"),
    own("U1", "T3", "PRSNLG", "VEJL", "HOLD", false, 4, "prev"),
    own("U2", "T2", "TLFIND", "OPRET", "HOLD", null, 8, "prev"),
    // Never counted: outside the counting weeks, and a test registration.
    { ...own("U1", "T1", "PRSNLG", "OPRET", "STRAKS", true, 500), outside: true },
    { ...own("U2", "T2", "PRSNLG", "OPRET", "STRAKS", true, 700), test: true },
  ]);
  // Five approved others on T1, three of them also on T2; 920 has not approved and never counts nationally.
  for (const [i, number] of ["911", "912", "913", "914", "915"].entries()) {
    await write([
      { m: number, unit: `U${number}`, task: "T1", channel: "SLVBTJN", type: "OPRET", closure: null, form: true, qty: 3 + i, round: "now" },
      {
        m: number,
        unit: `U${number}`,
        task: "T1",
        channel: "PRSNLG",
        type: "OPRET",
        closure: "STRAKS",
        form: true,
        qty: 2 * i + 1,
        round: "now",
      },
      ...(i < 3
        ? [
            {
              m: number,
              unit: `U${number}`,
              task: "T2",
              channel: "TLFIND",
              type: "OPRET",
              closure: "HOLD" as const,
              form: null,
              qty: 3,
              round: "now" as const,
            },
          ]
        : []),
    ]);
  }
  await write([
    { m: "920", unit: "U920", task: "T1", channel: "SLVBTJN", type: "OPRET", closure: null, form: true, qty: 100, round: "now" },
  ]);
  // Approved after the rows are written (approval freezes the round's registrations).
  for (const m of APPROVED_NOW) await p.roundApproval.create({ data: { municipalityId: ids[m], roundId: now.id } });
});
afterAll(() => database.close());

const figure = (report: Awaited<ReturnType<typeof managementReport>>, key: string) => report.summary.find((f) => f.key === key)!;

describe("Afrapportering for a municipality", () => {
  it("has the summary's figures, now and in the previous round, as computed from the rows", async () => {
    const report = await managementReport(database.sql, coordinator("901"), { runde: "t-efteraar" });
    expect(report.edition).toBe("municipality");
    expect(report.previousRound).toBe("Forår 2026");
    const now = figures(select((r) => r.m === "901" && r.round === "now"));
    const prev = figures(select((r) => r.m === "901" && r.round === "prev"));
    expect(figure(report, "contacts").now).toBe(now.contacts);
    expect(figure(report, "contacts").previous).toBe(prev.contacts);
    expect(figure(report, "inbound").now).toBe(now.inbound);
    expect(figure(report, "outbound").now).toBe(now.contacts - now.inbound);
    for (const key of ["selfService", "closure", "form", "phone", "visit"] as const) {
      expect(figure(report, key).now, key).toBeCloseTo(now[key]!, 10);
      expect(figure(report, key).previous, key).toBeCloseTo(prev[key]!, 10);
    }
    expect(figure(report, "selfService").n).toBe(now.selfServiceN);
    expect(figure(report, "cost").now).toBeCloseTo(now.cost, 6);
    expect(figure(report, "cost").previous).toBeCloseTo(prev.cost, 6);

    // The sentences are the narrative's, made from these figures: the three largest changes and the target.
    const change = (label: string, kind: FigureChange["kind"], a: number | null, b: number | null): FigureChange => ({
      label,
      kind,
      now: a,
      previous: b,
      round: "Efterår 2026",
      previousRound: "Forår 2026",
    });
    const expected = largestChanges([
      change("Antal henvendelser", "count", now.contacts, prev.contacts),
      change("Antal indgående henvendelser", "count", now.inbound, prev.inbound),
      change("Selvbetjeningsgrad", "share", now.selfService, prev.selfService),
      change("Andel straksafsluttet", "share", now.closure, prev.closure),
      change("Andel med blanket", "share", now.form, prev.form),
      change("Andel transaktioner", "share", now.transactions, prev.transactions),
      change("Andel telefon af indgående", "share", now.phone, prev.phone),
      change("Andel personligt fremmøde af indgående", "share", now.visit, prev.visit),
      change("Omkostningen i kroner", "count", now.cost, prev.cost),
    ]).map(changeSentence);
    expect(report.largest).toHaveLength(3);
    expect(report.largest).toEqual(expected);
    const points = Math.round((now.selfService! - 0.8) * 1000) / 10;
    expect(report.targetSentence).toContain(
      `${String(Math.abs(points)).replace(".", ",")} procentpoint ${points > 0 ? "over" : "under"} målet på 80`,
    );
    const selfChapter = report.chapters.find((c) => c.id === "selvbetjening")!;
    expect(selfChapter.sentences[0]).toBe(changeSentence(change("Selvbetjeningsgrad", "share", now.selfService, prev.selfService)));
  });

  it("sets the package's obligatory tasks against the national figure of approved municipalities, hiding a task with fewer than 5 others", async () => {
    const report = await managementReport(database.sql, coordinator("901"), { runde: "t-efteraar" });
    const table = report.chapters.find((c) => c.id === "opgavepakke")!.tables[0];
    // Obligatory and not removed: T1 and T2, in the package's order, with KL's titles.
    expect(table.rows.map((r) => r.label)).toEqual(["KL's opgave et", "KL's opgave to"]);
    const tx = (rows: Row[]) => rows.filter(isTx);
    const rateOf = (rows: Row[]) => rate(sum(tx(rows).filter((r) => channel(r.channel).selfService)), sum(tx(rows)));
    const approved = (task: string) => select((r) => r.round === "now" && r.task === task && APPROVED_NOW.includes(r.m));
    const t1 = table.rows[0];
    expect(t1.rate).toBeCloseTo(rateOf(select((r) => r.m === "901" && r.round === "now" && r.task === "T1"))!, 10);
    expect(t1.national).toBeCloseTo(rateOf(approved("T1"))!, 10);
    expect(t1.nationalTx).toBe(sum(tx(approved("T1"))));
    expect(t1.behind).toBe(6);
    expect(t1.difference).toBe(Math.round(((t1.rate as number) - (t1.national as number)) * 1000) / 10);
    // T2: only 3 other approved municipalities have transactions on it.
    const t2 = table.rows[1];
    expect(t2.rate).toBeCloseTo(rateOf(select((r) => r.m === "901" && r.round === "now" && r.task === "T2"))!, 10);
    expect(t2.national).toBe(TOO_FEW_MUNICIPALITIES);
    expect(t2.difference).toBe(TOO_FEW_MUNICIPALITIES);
    // The package's total: five others behind it, so shown; 920's 100 self-service contacts are not in it.
    expect(table.total!.national).toBeCloseTo(rateOf([...approved("T1"), ...approved("T2")])!, 10);
    expect(table.bases?.length).toBeGreaterThan(0);
    // National staff see the task's national figure all the same.
    const kl = await managementReport(database.sql, national, { runde: "t-efteraar", kommune: "901" });
    expect(kl.chapters.find((c) => c.id === "opgavepakke")!.tables[0].rows[1].national).toBeCloseTo(rateOf(approved("T2"))!, 10);
  });

  it("has an annex per unit with the unit's figures in both rounds, and the sources in the method section", async () => {
    const report = await managementReport(database.sql, coordinator("901"), { runde: "t-efteraar" });
    expect(report.annexes.map((a) => a.name)).toEqual(["Borgerservice", "Enhed 901", "Ydelse"]);
    for (const unit of ["U1", "U2"]) {
      const annex = report.annexes.find((a) => a.id === `bilag-${ids[unit]}`)!;
      const now = figures(select((r) => r.unit === unit && r.round === "now"));
      const prev = figures(select((r) => r.unit === unit && r.round === "prev"));
      const self = annex.table.rows.find((r) => r.label === "Selvbetjeningsgrad")!;
      expect(self.now).toBeCloseTo(now.selfService!, 10);
      expect(self.before).toBeCloseTo(prev.selfService!, 10);
      expect(self.n).toBe(now.selfServiceN);
      expect(annex.sentences[0]).toContain(`Antal henvendelser var ${now.contacts} i Efterår 2026 mod ${prev.contacts} i Forår 2026`);
      expect(report.overview.rows.find((r) => r.label === annex.name)!.contacts).toBe(now.contacts);
    }
    const sources = report.method.tables.find((t) => t.id === "datakilder")!;
    expect(sources.total!.contacts).toBe(figures(select((r) => r.m === "901" && r.round === "now")).contacts);
    expect(report.method.sentences.join(" ")).toContain("godkendte sine data for runden");
  });
});

describe("the other editions and the scope", () => {
  it("gives a unit lead their unit only, with no national comparison", async () => {
    const lead: Access = {
      userId: "l",
      memberships: [{ role: "UNIT_LEAD", municipalityId: ids["901"], unitId: ids.U2 }],
      leadUnitIds: [ids.U2],
    };
    const report = await managementReport(database.sql, lead, { runde: "t-efteraar" });
    expect(report.edition).toBe("units");
    expect(figure(report, "contacts").now).toBe(figures(select((r) => r.unit === "U2" && r.round === "now")).contacts);
    expect(report.annexes.map((a) => a.name)).toEqual(["Ydelse"]);
    const pkg = report.chapters.find((c) => c.id === "opgavepakke")!.tables[0];
    expect(pkg.columns.map((c) => c.key)).not.toContain("national");
    await expect(managementReport(database.sql, lead, { runde: "t-efteraar", enhed: ids.U1 })).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it("gives KL the national edition over approved municipalities only, with an annex per municipality", async () => {
    const report = await managementReport(database.sql, national, { runde: "t-efteraar" });
    expect(report.edition).toBe("national");
    const now = figures(select((r) => r.round === "now" && APPROVED_NOW.includes(r.m)));
    expect(figure(report, "contacts").now).toBe(now.contacts);
    expect(figure(report, "selfService").now).toBeCloseTo(now.selfService!, 10);
    expect(report.annexes.map((a) => a.name)).toEqual(APPROVED_NOW.map((m) => `Kommune ${m} (${m})`));
  });

  it("refuses another municipality's report and an unknown round as not found", async () => {
    await expect(managementReport(database.sql, coordinator("911"), { runde: "t-efteraar", kommune: "901" })).rejects.toBeInstanceOf(
      ReportNotFoundError,
    );
    await expect(managementReport(database.sql, coordinator("901"), { runde: "findes-ikke" })).rejects.toBeInstanceOf(ReportNotFoundError);
  });
});
