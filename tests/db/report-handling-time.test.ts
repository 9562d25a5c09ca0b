import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";

// The report fixture has no timed registrations; this gives some of them start and end (A's rows
// in round t-2026-43) and computes the figures by hand.

let database: SporDatabase;
let f: Fixture;
const minutes = (n: number) => n * 60_000;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  const p = database.prisma;
  const timed = async (unit: string, channel: string, quantity: number, durations: number[]) => {
    const rows = await p.registration.findMany({
      where: { unitId: unit, channelCode: channel, quantity },
      select: { id: true, occurredAt: true },
      orderBy: { id: "asc" },
    });
    for (const [i, row] of rows.entries()) {
      if (durations[i] === undefined) continue;
      await p.registration.update({
        where: { id: row.id },
        data: { startedAt: new Date(row.occurredAt.getTime() - minutes(durations[i])), endedAt: row.occurredAt },
      });
    }
  };
  await timed(f.unit.a1a, "TLFIND", 5, [4]); // row 3: Opgave ét, Telefon ind, 4 min
  await timed(f.unit.a1a, "TLFIND", 10, [6]); // row 4: Opgave ét, Telefon ind, 6 min
  await timed(f.unit.a2, "TLFIND", 4, [3]); // row 5: Opgave to, Telefon ind, 3 min
  await timed(f.unit.a1, "PRSNLG", 100, [30]); // row 9: a test registration, never counted
});
afterAll(() => database.close());

const run = async (access: Fixture["access"][keyof Fixture["access"]], params: Record<string, string> = {}) =>
  (await runReport(database.sql, access, "tidsforbrug", { runde: "t-2026-43", kommune: "901", ...params })).result;

describe("Tidsforbrug", () => {
  it("averages, medians and totals the timed registrations per task and per channel", async () => {
    const result = await run(f.access.coordA);
    const byTask = result.tables.find((t) => t.id === "pr-opgave")!.rows;
    expect(byTask).toEqual([
      { code: "90.01.01", label: "Opgave ét", timed: 2, average: 5, median: 5, total: 10 / 60 },
      { code: "90.01.02", label: "Opgave to", timed: 1, average: 3, median: 3, total: 3 / 60 },
    ]);
    const byChannel = result.tables.find((t) => t.id === "pr-kanal")!.rows;
    expect(byChannel).toEqual([{ code: "TLFIND", label: "Telefon, indgående", timed: 3, average: 13 / 3, median: 4, total: 13 / 60 }]);
  });

  it("is limited to a unit lead's units and says so when nothing was timed", async () => {
    const lead = (await run(f.access.leadA1)).tables.find((t) => t.id === "pr-opgave")!.rows;
    expect(lead).toEqual([{ code: "90.01.01", label: "Opgave ét", timed: 2, average: 5, median: 5, total: 10 / 60 }]);
    const other = await run(f.access.coordB, { kommune: "902" });
    expect(other.tables[0].rows).toEqual([]);
    expect(other.notes[0]).toMatch(/Ingen tidsmålte registreringer/);
  });
});
