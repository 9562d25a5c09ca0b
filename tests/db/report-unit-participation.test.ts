import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";

// Counted by hand from ROWS in report-fixture.ts, round t-2026-43 in municipality A (901): rows 1, 2
// and 11 in A Borgerservice, 3–4 in A Telefon, 5–8 in A Teknik (9 is a test, 10 outside the weeks).

let database: SporDatabase;
let f: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  // A unit that never registered, and an archived one that must not be listed.
  const a = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 901 } });
  await database.prisma.unit.create({ data: { municipalityId: a.id, name: "A Stille" } });
  await database.prisma.unit.create({ data: { municipalityId: a.id, name: "A Nedlagt", archivedAt: new Date() } });
});
afterAll(() => database.close());

const run = async (access: Fixture["access"][keyof Fixture["access"]], params: Record<string, string> = {}) =>
  (await runReport(database.sql, access, "enheder", { runde: "t-2026-43", kommune: "901", ...params })).result;

describe("Enhedernes deltagelse", () => {
  it("lists every active unit, silent ones first, with registrations, days and the latest hour", async () => {
    const result = await run(f.access.coordA);
    expect(result.tables[0].rows).toEqual([
      { label: "A Stille", registrations: 0, contacts: 0, days: 0, latest: "Ingen" },
      { label: "A Borgerservice", registrations: 3, contacts: 42, days: 2, latest: "3. nov. kl. 08" },
      { label: "A Teknik", registrations: 4, contacts: 16, days: 2, latest: "26. okt. kl. 11" },
      { label: "A Telefon", registrations: 2, contacts: 15, days: 1, latest: "21. okt. kl. 09" },
    ]);
    expect(result.notes[0]).toBe("1 enhed har ingen registreringer i perioden. Tjek, at de tæller – eller at de ikke skal.");
  });

  it("counts outside-week registrations only when asked, and never test registrations", async () => {
    const rows = (await run(f.access.coordA, { udenfor: "1" })).tables[0].rows;
    // Row 10 (50, outside) joins A Borgerservice; row 9 (100, test) never does.
    expect(rows.find((r) => r.label === "A Borgerservice")).toMatchObject({ registrations: 4, contacts: 92 });
  });

  it("shows a unit lead only their units, and a coordinator of another municipality nothing of A", async () => {
    const lead = (await run(f.access.leadA1)).tables[0].rows.map((r) => r.label);
    expect(lead.sort()).toEqual(["A Borgerservice", "A Telefon"]);
    await expect(run(f.access.coordB)).rejects.toThrow();
  });
});
