import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import type { SporDatabase } from "@/lib/database/open";
import { ReportNotFoundError } from "@/lib/reports/context";
import { runReport } from "@/lib/reports/run";
import type { ReportRow } from "@/lib/reports/types";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";

// Every expectation is counted by hand from ROWS in report-fixture.ts. Municipality A (901) in
// round t-2026-43 keeps rows 1–8 and 11 (row 9 is a test, row 10 outside the counting weeks):
// 73 contacts, 64 inbound, 9 outbound.

let database: SporDatabase;
let f: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
});
afterAll(() => database.close());

async function run(access: Access, slug: string, params: Record<string, string | string[]> = {}) {
  return (await runReport(database.sql, access, slug, { runde: "t-2026-43", ...params })).result;
}
function rows(result: Awaited<ReturnType<typeof run>>, tableId: string) {
  const table = result.tables.find((t) => t.id === tableId);
  if (!table) throw new Error(`no table ${tableId}`);
  return table;
}
const by = (list: ReportRow[], key: string) => Object.fromEntries(list.map((r) => [String(r[key]), r]));
const A = { kommune: "901" };

describe("channel mix", () => {
  it("counts quantity per channel, shares within each direction", async () => {
    const t = rows(await run(f.access.coordA, "kanaler", A), "i-alt");
    const c = by(t.rows, "channelCode");
    expect(c.SLVBTJN).toMatchObject({ direction: "Indgående", contacts: 30 });
    expect(c.SLVBTJN.share).toBeCloseTo(30 / 64);
    expect(c.TLFIND.contacts).toBe(19);
    expect(c.PPRIND.contacts).toBe(4);
    expect(c.EMLUD).toMatchObject({ direction: "Udgående", contacts: 2 });
    expect(c.MGRUD.share).toBeCloseTo(7 / 9);
    expect(t.rows.reduce((s, r) => s + Number(r.contacts), 0)).toBe(73);
  });

  it("breaks down by unit, week and task", async () => {
    const units = rows(await run(f.access.coordA, "kanaler", { ...A, efter: "enhed" }), "pr-enhed").rows;
    const unitSum = (name: string) => units.filter((r) => r.label === name).reduce((s, r) => s + Number(r.contacts), 0);
    expect([unitSum("A Borgerservice"), unitSum("A Telefon"), unitSum("A Teknik")]).toEqual([42, 15, 16]);
    const weeks = rows(await run(f.access.coordA, "kanaler", { ...A, efter: "uge" }), "pr-uge").rows;
    const weekSum = (label: string) => weeks.filter((r) => r.label === label).reduce((s, r) => s + Number(r.contacts), 0);
    expect([weekSum("uge 43 2026"), weekSum("uge 44 2026"), weekSum("uge 45 2026")]).toEqual([56, 10, 7]);
  });

  it("leaves out test registrations always and out-of-week ones unless asked", async () => {
    const sum = async (params: Record<string, string>) =>
      rows(await run(f.access.coordA, "kanaler", { ...A, ...params }), "i-alt").rows.reduce((s, r) => s + Number(r.contacts), 0);
    expect(await sum({})).toBe(73);
    expect(await sum({ udenfor: "1" })).toBe(123);
  });

  it("gives empty tables for a filter that matches nothing", async () => {
    expect(rows(await run(f.access.coordA, "kanaler", { ...A, kanal: "CHATIND" }), "i-alt").rows).toEqual([]);
  });

  it("filters by date range, source and channel", async () => {
    const sum = async (params: Record<string, string>) =>
      rows(await run(f.access.coordA, "kanaler", { ...A, runde: "", ...params }), "i-alt").rows.reduce((s, r) => s + Number(r.contacts), 0);
    expect(await sum({ fra: "2026-10-21", til: "2026-10-22" })).toBe(21);
    expect(await sum({ fra: "2026-10-19", til: "2026-11-08", kilde: "UPLOAD" })).toBe(30);
    expect(await sum({ fra: "2026-10-19", til: "2026-11-08", kanal: "TLFIND,PRSNLG" })).toBe(24);
  });
});

describe("self-service rate", () => {
  it("divides self-service inbound transactions by all inbound transactions, per task and in total", async () => {
    const t = rows(await run(f.access.coordA, "selvbetjening", { ...A, sammenlign: "t-2026-17" }), "pr-opgave");
    const r = by(t.rows, "code");
    expect(r["90.01.01"]).toMatchObject({ self: 30, tx: 40, rate: 0.75, earlier: 0.25, change: 50 });
    expect(r["90.01.02"]).toMatchObject({ self: 0, tx: 0, rate: null, earlier: null, change: null });
    expect(r["90.01.03"]).toMatchObject({ self: 6, tx: 10, rate: 0.6, earlier: null, change: null });
    expect(t.total).toMatchObject({ label: "I alt", self: 36, tx: 50, rate: 0.72, earlier: 0.25, change: 47 });
  });

  it("handles a round across week 53 and the new year", async () => {
    const t = rows(await run(f.access.coordA, "selvbetjening", { ...A, runde: "t-2026-53" }), "pr-opgave");
    expect(by(t.rows, "code")["90.01.01"]).toMatchObject({ self: 3, tx: 4, rate: 0.75 });
    const uge53 = rows(await run(f.access.coordA, "selvbetjening", { ...A, runde: "", uge: "2026-53" }), "pr-opgave");
    expect(uge53.total).toMatchObject({ self: 3, tx: 3, rate: 1 });
  });

  it("has no rate (not a division by zero) when nothing matches", async () => {
    const t = rows(await run(f.access.coordA, "selvbetjening", { ...A, kanal: "CHATIND" }), "pr-opgave");
    expect(t.total).toMatchObject({ self: 0, tx: 0, rate: null });
  });
});

describe("contact types, closure, forms", () => {
  it("shares each type and group of all contacts", async () => {
    const result = await run(f.access.coordA, "typer", A);
    const types = by(rows(result, "pr-type").rows, "code");
    expect([types.OPRET.contacts, types.STATUS.contacts, types.INFO.contacts, types.VEJL.contacts]).toEqual([39, 11, 19, 4]);
    expect(types.OPRET.share).toBeCloseTo(39 / 73);
    expect(rows(result, "pr-gruppe").rows.map((r) => r.contacts)).toEqual([50, 19, 4]);
    expect(rows(result, "pr-gruppe").total).toMatchObject({ contacts: 73, share: null, typed: 73 });
  });

  it("closure: closed at once ÷ contacts with a closure, by unit and in total", async () => {
    const t = rows(await run(f.access.coordA, "afslutning", { ...A, efter: "enhed" }), "pr-enhed");
    const u = by(t.rows, "label");
    expect(u["A Borgerservice"]).toMatchObject({ yes: 5, no: 0, none: 37, share: 1 });
    expect(u["A Telefon"].share).toBeCloseTo(10 / 15);
    expect(u["A Teknik"]).toMatchObject({ yes: 4, no: 6, none: 6, share: 0.4 });
    expect(t.total).toMatchObject({ yes: 19, no: 11, none: 43, total: 73 });
    expect(t.total!.share).toBeCloseTo(19 / 30);
  });

  it("forms: with a form ÷ contacts asked, by channel; telephone has no share", async () => {
    const t = rows(await run(f.access.coordA, "blanketter", A), "pr-kanal");
    const c = by(t.rows, "code");
    expect(c.PRSNLG).toMatchObject({ yes: 5, no: 0, share: 1 });
    expect(c.EMLUD).toMatchObject({ yes: 0, no: 2, share: 0 });
    expect(c.TLFIND).toMatchObject({ yes: 0, no: 0, none: 19, share: null });
    expect(t.total!.share).toBeCloseTo(9 / 11);
  });
});

describe("cost, time of day, benchmark", () => {
  it("multiplies contacts by the price in force (municipal override before national default)", async () => {
    const result = await run(f.access.coordA, "omkostninger", A);
    const c = by(rows(result, "pr-kanal").rows, "code");
    expect(c.TLFIND).toMatchObject({ contacts: 19, price: 40, cost: 760 });
    expect(c.PRSNLG).toMatchObject({ price: 75, cost: 375 });
    expect(c.MGRUD.cost).toBe(70);
    expect(rows(result, "pr-kanal").total).toMatchObject({ contacts: 73, cost: 2265 });
    expect(by(rows(result, "priser").rows, "code").TLFIND).toMatchObject({ national: 50, local: 40, inForce: 40 });
  });

  it("counts contacts per weekday and hour in Copenhagen time", async () => {
    const t = rows(await run(f.access.coordA, "tidspunkt", A), "ugedag-time");
    const h = by(t.rows, "label");
    expect(h["10.00–10.59"]).toMatchObject({ d2: 35, total: 35 });
    expect(h["09.00–09.59"].d3).toBe(15);
    expect(h["08.00–08.59"].d2).toBe(7);
    expect(t.total).toMatchObject({ d1: 10, d2: 42, d3: 15, d4: 6, total: 73 });
  });

  it("sets the municipality beside the pooled national figure, and ranks municipalities", async () => {
    // National figures count approved municipalities only: with A alone approved, «Landsplan» is A's own figure.
    const rounds = await database.prisma.countingRound.findMany({ select: { id: true } });
    const approve = (municipalityId: string) =>
      database.prisma.roundApproval.createMany({ data: rounds.map((r) => ({ municipalityId, roundId: r.id })) });
    await approve(f.m.a);
    const alone = by(rows(await run(f.access.national, "benchmark", A), "noegletal").rows, "label");
    expect(alone.Selvbetjeningsgrad).toMatchObject({ own: 0.72, national: 0.72, municipalities: 1 });
    expect(rows(await run(f.access.national, "ranglister"), "rangliste").rows.map((r) => r.code)).toEqual(["901"]);
    await approve(f.m.b);
    // National staff see the pooled figure; A's coordinator has only one other municipality behind it.
    const bench = by(rows(await run(f.access.national, "benchmark", A), "noegletal").rows, "label");
    expect(bench.Selvbetjeningsgrad.own).toBeCloseTo(0.72);
    expect(bench.Selvbetjeningsgrad.national).toBeCloseTo(44 / 60);
    expect(bench.Selvbetjeningsgrad.change).toBe(-1.3);
    const seenByA = by(rows(await run(f.access.coordA, "benchmark", A), "noegletal").rows, "label");
    expect(seenByA.Selvbetjeningsgrad).toMatchObject({ own: 0.72, national: "for få kommuner", change: "for få kommuner" });
    const rank = rows(await run(f.access.national, "ranglister"), "rangliste").rows.filter((r) => r.code === "901" || r.code === "902");
    expect(rank.map((r) => [r.code, r.selfService])).toEqual([
      ["902", 0.8],
      ["901", 0.72],
    ]);
    const part = by(rows(await run(f.access.national, "deltagelse"), "kommuner").rows, "code");
    expect(part["901"]).toMatchObject({ registrations: 9, contacts: 73, activeUnits: 3, units: 3 });
    expect(part["902"]).toMatchObject({ registrations: 2, contacts: 10, activeUnits: 1 });
    await database.prisma.roundApproval.deleteMany({});
  });
});

describe("who sees what", () => {
  const total = async (access: Access, params: Record<string, string> = {}) =>
    rows(await run(access, "kanaler", params), "i-alt").rows.reduce((s, r) => s + Number(r.contacts), 0);

  it("gives a unit lead their units with sub-units, a coordinator the municipality, national everything", async () => {
    expect(await total(f.access.leadA1)).toBe(57);
    expect(await total(f.access.coordA)).toBe(73);
    expect(await total(f.access.coordB)).toBe(10);
    const national = await total(f.access.national);
    expect(national).toBeGreaterThanOrEqual(83);
    expect(await total(f.access.national, A)).toBe(73);
    expect(await total(f.access.coordA, { enhed: f.unit.a1 })).toBe(57);
    expect(await total(f.access.leadA1, { enhed: f.unit.a1a })).toBe(15);
  });

  it("refuses another municipality's or unit's ids as not found", async () => {
    const refused = [
      () => run(f.access.coordA, "kanaler", { kommune: "902" }),
      () => run(f.access.coordA, "kanaler", { enhed: f.unit.b1 }),
      () => run(f.access.leadA1, "kanaler", { enhed: f.unit.a2 }),
      () => run(f.access.leadA1, "kanaler", { kommune: "902" }),
      () => run(f.access.leadA1, "benchmark"),
      () => run(f.access.coordA, "ranglister"),
      () => run(f.access.coordA, "deltagelse"),
      () => run(f.access.coordA, "findes-ikke"),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toBeInstanceOf(ReportNotFoundError);
  });
});
