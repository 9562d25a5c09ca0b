import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { parseCsv, toCsv } from "@/lib/exchange/csv";
import { MIN_OTHER_MUNICIPALITIES, TOO_FEW_MUNICIPALITIES } from "@/lib/reports/benchmark";
import { tableMatrix } from "@/lib/reports/format";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";

// A national figure shown to a municipality needs at least 5 other municipalities behind it (each
// with a non-zero denominator for that figure), else it reads "for få kommuner" on screen, in JSON
// and in CSV. National staff always see the figure. docs/method.md, "Comparisons".

let database: SporDatabase;
let taskId: string;
let own: { id: string; number: number };
const coordinator = (municipalityId: string): Access => ({
  userId: "u",
  memberships: [{ role: "COORDINATOR", municipalityId, unitId: null }],
  leadUnitIds: [],
});
const national: Access = { userId: "n", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

/** Every row written, for the independent computation: [municipality, channel, quantity]. */
const written: [string, string, number][] = [];

/** A municipality whose contacts in week 43 are `self` self-service and `visit` personal visits (closed, with form). */
async function addMunicipality(number: number, self: number, visit: number): Promise<{ id: string; number: number }> {
  const p = database.prisma;
  const m = await p.municipality.create({ data: { number, name: `Kommune ${number}` } });
  const unit = await p.unit.create({ data: { municipalityId: m.id, name: "Borgerservice" } });
  const occurredAt = instantAt(parseIsoDate("2026-10-20"), 10, 0);
  const week = isoWeekOf(occurredAt);
  const rows = [
    { channelCode: "SLVBTJN", closureCode: null, form: null, quantity: self },
    { channelCode: "PRSNLG", closureCode: "STRAKS", form: true, quantity: visit },
  ].filter((r) => r.quantity > 0);
  await p.registration.createMany({
    data: rows.map((r) => ({
      id: crypto.randomUUID(),
      municipalityId: m.id,
      unitId: unit.id,
      taskId,
      contactTypeCode: "OPRET",
      occurredAt,
      isoYear: week.isoYear,
      isoWeek: week.isoWeek,
      source: "MANUAL" as const,
      isTest: false,
      inCountingWeek: true,
      ...r,
    })),
  });
  for (const r of rows) written.push([m.id, r.channelCode, r.quantity]);
  // National figures count approved municipalities only (docs/method.md, "Godkendelse"): each one here approved.
  const round = await p.countingRound.findUniqueOrThrow({ where: { code: "t-bench" } });
  await p.roundApproval.create({ data: { municipalityId: m.id, roundId: round.id } });
  return m;
}

async function benchmark(access: Access) {
  const { result } = await runReport(database.sql, access, "benchmark", { runde: "t-bench", kommune: String(own.number) });
  const table = result.tables[0];
  return { table, rows: Object.fromEntries(table.rows.map((r) => [String(r.label), r])), result };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  taskId = (await p.task.create({ data: { number: "90.01.01", title: "Opgave", level: "EMNE", source: "KLE" } })).id;
  await p.countingRound.create({
    data: { code: "t-bench", name: "Testrunde", startsOn: mondayOfIsoWeek(2026, 43), isoYear: 2026, firstWeek: 43, weekCount: 3 },
  });
  own = await addMunicipality(901, 6, 4);
  // Four others, each with self-service, visits, closure and forms.
  for (const [i, [self, visit]] of [
    [1, 9],
    [3, 3],
    [8, 2],
    [5, 5],
  ].entries())
    await addMunicipality(911 + i, self, visit);
});
afterAll(() => database.close());

describe("national comparison for a municipality", () => {
  it(`with ${MIN_OTHER_MUNICIPALITIES - 1} other municipalities every national figure reads "${TOO_FEW_MUNICIPALITIES}", in the table, the chart and CSV`, async () => {
    const { table, rows, result } = await benchmark(coordinator(own.id));
    for (const row of table.rows) {
      expect(row.national, String(row.label)).toBe(TOO_FEW_MUNICIPALITIES);
      expect(row.change, String(row.label)).toBe(TOO_FEW_MUNICIPALITIES);
    }
    expect(rows.Selvbetjeningsgrad.own).toBeCloseTo(0.6);
    expect(result.charts[0].bars.map((b) => b.value)).toEqual([0.6, null]);
    expect(result.notes.join(" ")).toContain(TOO_FEW_MUNICIPALITIES);
    const csv = parseCsv(toCsv(tableMatrix(table)));
    // Nøgletal, Grundlag, own, its n, Landsplan, its n, municipalities behind it, Forskel: the national side hidden alike.
    expect(csv[0]).toEqual([
      "Nøgletal",
      "Grundlag",
      `${table.columns[2].label} (%)`,
      `n, ${table.columns[2].label}`,
      "Landsplan (%)",
      "n, landsplan",
      "Godkendte kommuner bag landstallet",
      "Forskel (procentpoint)",
    ]);
    expect(csv[1]).toEqual([
      "Selvbetjeningsgrad",
      expect.stringMatching(/^indgående transaktioner/),
      "60",
      "10",
      TOO_FEW_MUNICIPALITIES,
      TOO_FEW_MUNICIPALITIES,
      TOO_FEW_MUNICIPALITIES,
      TOO_FEW_MUNICIPALITIES,
    ]);
  });

  it("national staff see the figures all the same", async () => {
    const { rows } = await benchmark(national);
    expect(rows.Selvbetjeningsgrad.national).toBeCloseTo((6 + 1 + 3 + 8 + 5) / (10 + 10 + 6 + 10 + 10));
  });

  it("with a fifth other municipality a figure is shown, equal to the pooled rows; figures it adds nothing to stay hidden", async () => {
    // Self-service only: behind the self-service rate, not behind closure or forms.
    await addMunicipality(920, 7, 0);
    const { rows } = await benchmark(coordinator(own.id));
    const self = written.filter(([, c]) => c === "SLVBTJN").reduce((s, [, , q]) => s + q, 0);
    const all = written.reduce((s, [, , q]) => s + q, 0);
    expect(rows.Selvbetjeningsgrad.national).toBeCloseTo(self / all);
    expect(rows.Selvbetjeningsgrad.change).toBe(Math.round((0.6 - self / all) * 1000) / 10);
    expect(rows["Andel transaktioner"].national).toBe(1);
    expect(rows["Andel straksafsluttet"].national).toBe(TOO_FEW_MUNICIPALITIES);
    expect(rows["Andel med blanket"].national).toBe(TOO_FEW_MUNICIPALITIES);
    // Another municipality's coordinator, seen from there: the own municipality is one of its five others.
    const other = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 920 } });
    const seen = await runReport(database.sql, coordinator(other.id), "benchmark", { runde: "t-bench", kommune: "920" });
    const closure = seen.result.tables[0].rows.find((r) => r.label === "Andel straksafsluttet")!;
    expect(closure.national).toBe(1); // every visit was closed at once; 920 itself records no closure
  });

  it("decides the same with many municipalities, whichever few are counted first", async () => {
    // Thirteen others now, only four of them behind closure and forms: still hidden (an earlier version
    // looked at the first few municipalities first, which could not tell; now every approved one counts).
    for (let i = 0; i < 8; i++) await addMunicipality(930 + i, 2, 0);
    let { rows } = await benchmark(coordinator(own.id));
    expect(rows["Andel straksafsluttet"].national).toBe(TOO_FEW_MUNICIPALITIES);
    expect(rows["Andel med blanket"].national).toBe(TOO_FEW_MUNICIPALITIES);
    expect(rows.Selvbetjeningsgrad.national).toEqual(expect.any(Number));
    // A fifth behind closure and forms, among fourteen: shown, wherever it comes in the count.
    await addMunicipality(940, 0, 2);
    ({ rows } = await benchmark(coordinator(own.id)));
    expect(rows["Andel straksafsluttet"].national).toBe(1);
    expect(rows["Andel med blanket"].national).toBe(1);
  });
});
