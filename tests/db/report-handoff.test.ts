import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture, registrationOf, ROWS } from "./report-fixture";

// A contact handed on ("stillet videre", closure VIDERE) is counted once, by the unit that closes
// it (docs/method.md, "Hand-offs and several tasks"). Crafted: A Telefon hands 6 contacts on to
// A Teknik, which closes them; every figure is recomputed here from the rows in plain TypeScript.

let database: SporDatabase;
let f: Fixture;
type Row = (typeof ROWS)[number];
const HANDED_ON: Row = ["a1a", "90.01.02", "TLFIND", "INFO", "VIDERE", null, 6, "2026-10-21", 10];
const CLOSED_THERE: Row = ["a2", "90.01.02", "TLFIND", "INFO", "STRAKS", null, 6, "2026-10-21", 10];
let handedOnId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  const handedOn = registrationOf(HANDED_ON, f);
  handedOnId = handedOn.id;
  await database.prisma.registration.createMany({ data: [handedOn, registrationOf(CLOSED_THERE, f)] });
});
afterAll(() => database.close());

const UNIT_NAMES: Record<string, string> = { a1: "A Borgerservice", a1a: "A Telefon", a2: "A Teknik" };

/** The independent computation: municipality A's rows in round t-2026-43 (weeks 43–45), counted by the method. */
function expected(rows: Row[]) {
  const counted = rows.filter(([unit, , , , closure, , , date, , extra]) => {
    const inRound = date >= "2026-10-19" && date <= "2026-11-08";
    return unit !== "b1" && inRound && !extra?.isTest && !extra?.outside && closure !== "VIDERE";
  });
  const perUnit: Record<string, number> = {};
  for (const [unit, , , , , , qty] of counted) perUnit[UNIT_NAMES[unit]] = (perUnit[UNIT_NAMES[unit]] ?? 0) + qty;
  const withClosure = counted.filter((r) => r[4] !== null && r[2] !== "WEB");
  const straks = withClosure.filter((r) => r[4] === "STRAKS").reduce((s, r) => s + r[6], 0);
  const closed = withClosure.reduce((s, r) => s + r[6], 0);
  return { perUnit, total: counted.reduce((s, r) => s + r[6], 0), straksShare: straks / closed, closed };
}

async function figures() {
  const run = async (slug: string, params: Record<string, string> = {}) =>
    (await runReport(database.sql, f.access.coordA, slug, { runde: "t-2026-43", kommune: "901", ...params })).result;
  const units = (await run("kanaler", { efter: "enhed" })).tables.find((t) => t.id === "pr-enhed")!.rows;
  const perUnit: Record<string, number> = {};
  for (const r of units) perUnit[String(r.label)] = (perUnit[String(r.label)] ?? 0) + Number(r.contacts);
  const total = (await run("kanaler")).tables.find((t) => t.id === "i-alt")!.rows.reduce((s, r) => s + Number(r.contacts), 0);
  // The task filter reads the registrations themselves (the view), not a rollup: both must agree.
  const direct = (await run("kanaler", { opgave: "90.01.02" })).tables.find((t) => t.id === "i-alt")!.rows;
  const closure = (await run("afslutning")).tables[0].total!;
  return { perUnit, total, taskTotal: direct.reduce((s, r) => s + Number(r.contacts), 0), closure };
}

describe("hand-offs in the report figures", () => {
  it("counts a handed-on contact once, at the unit that closed it", async () => {
    const want = expected([...ROWS, HANDED_ON, CLOSED_THERE]);
    const got = await figures();
    expect(got.perUnit).toEqual(want.perUnit);
    expect(got.perUnit["A Telefon"]).toBe(15); // unchanged by its hand-off
    expect(got.perUnit["A Teknik"]).toBe(16 + 6);
    expect(got.total).toBe(want.total);
    expect(got.total).toBe(73 + 6);
    // Task 90.01.02 in round 43: rows 5 and 6 (4 + 2) and the 6 closed at A Teknik, not the 6 handed on.
    expect(got.taskTotal).toBe(12);
  });

  it("leaves the hand-off out of the closure share and out of «Uden angivelse»", async () => {
    const want = expected([...ROWS, HANDED_ON, CLOSED_THERE]);
    const total = (await figures()).closure;
    expect(total.answered).toBe(want.closed);
    expect(total.share).toBeCloseTo(want.straksShare);
    // Without closure: the uploaded self-service count (30), BRGDK (6) and MGRUD (7) — not the hand-off.
    expect(total.none).toBe(30 + 6 + 7);
    expect(total.total).toBe(want.total);
  });

  it("follows a correction: the hand-off counted when it becomes a closure of the unit, and out again", async () => {
    await database.prisma.registration.update({ where: { id: handedOnId }, data: { closureCode: "HOLD" } });
    const asHold: Row = [...HANDED_ON.slice(0, 4), "HOLD", ...HANDED_ON.slice(5)] as Row;
    expect((await figures()).perUnit).toEqual(expected([...ROWS, asHold, CLOSED_THERE]).perUnit);
    expect((await figures()).perUnit["A Telefon"]).toBe(21);
    await database.prisma.registration.update({ where: { id: handedOnId }, data: { closureCode: "VIDERE" } });
    expect((await figures()).perUnit).toEqual(expected([...ROWS, HANDED_ON, CLOSED_THERE]).perUnit);
  });
});
