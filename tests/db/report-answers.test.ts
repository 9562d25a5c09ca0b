import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";

// Answers added by hand to the report fixture's registrations (round t-2026-43, municipality A):
// "Over 65?" Ja on row 3 (TLFIND, 5) and row 4 (TLFIND, 10), Nej on row 2 (PRSNLG, 5); row 9 (a test)
// and row 10 (outside the weeks) answer Ja but never count unless asked. Municipality B answers too.

let database: SporDatabase;
let f: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  const p = database.prisma;
  const a = await p.municipality.findUniqueOrThrow({ where: { number: 901 } });
  const b = await p.municipality.findUniqueOrThrow({ where: { number: 902 } });
  const question = async (municipalityId: string, text: string) => {
    const q = await p.extraQuestion.create({ data: { municipalityId, text } });
    const ja = await p.extraQuestionOption.create({ data: { questionId: q.id, label: "Ja", sortOrder: 0 } });
    const nej = await p.extraQuestionOption.create({ data: { questionId: q.id, label: "Nej", sortOrder: 1 } });
    return { id: q.id, ja: ja.id, nej: nej.id };
  };
  const qa = await question(a.id, "Over 65?");
  const qb = await question(b.id, "Andebys spørgsmål");
  const answer = async (where: { unitId: string; channelCode: string; quantity: number }, q: { id: string }, optionId: string) => {
    const reg = await p.registration.findFirstOrThrow({ where, select: { id: true } });
    await p.registrationAnswer.create({ data: { registrationId: reg.id, questionId: q.id, optionId } });
  };
  await answer({ unitId: f.unit.a1a, channelCode: "TLFIND", quantity: 5 }, qa, qa.ja);
  await answer({ unitId: f.unit.a1a, channelCode: "TLFIND", quantity: 10 }, qa, qa.ja);
  await answer({ unitId: f.unit.a1, channelCode: "PRSNLG", quantity: 5 }, qa, qa.nej);
  await answer({ unitId: f.unit.a1, channelCode: "PRSNLG", quantity: 100 }, qa, qa.ja); // test row
  await answer({ unitId: f.unit.a1, channelCode: "TLFIND", quantity: 50 }, qa, qa.ja); // outside the weeks
  await answer({ unitId: f.unit.b1, channelCode: "SLVBTJN", quantity: 8 }, qb, qb.nej);
});
afterAll(() => database.close());

const run = async (access: Fixture["access"][keyof Fixture["access"]], params: Record<string, string> = {}) =>
  (await runReport(database.sql, access, "svar", { runde: "t-2026-43", kommune: "901", ...params })).result;

describe("Ekstra spørgsmål", () => {
  it("counts contacts per answer and per channel, never test registrations, and only the municipality's questions", async () => {
    const result = await run(f.access.coordA);
    expect(result.tables.map((t) => t.title)).toEqual(["Over 65?", "Over 65? – pr. kanal"]);
    expect(result.tables[0].rows).toEqual([
      { label: "Ja", contacts: 15, share: 0.75, answered: 20 },
      { label: "Nej", contacts: 5, share: 0.25, answered: 20 },
    ]);
    expect(result.tables[0].total).toMatchObject({ contacts: 20 });
    const perChannel = result.tables[1].rows.map((r) => [r.label, r.total]);
    expect(perChannel).toEqual([
      ["Personligt fremmøde, indgående", 5],
      ["Telefon, indgående", 15],
    ]);
  });

  it("takes outside-week answers only when asked, and limits a unit lead to their units", async () => {
    expect((await run(f.access.coordA, { udenfor: "1" })).tables[0].rows[0]).toMatchObject({ label: "Ja", contacts: 65 });
    const lead = await run(f.access.leadA1);
    expect(lead.tables[0].total).toMatchObject({ contacts: 20 }); // A Borgerservice and A Telefon hold all of A's answers
    const b = await run(f.access.coordB, { kommune: "902" });
    expect(b.tables.map((t) => t.title)).toEqual(["Andebys spørgsmål", "Andebys spørgsmål – pr. kanal"]);
    await expect(run(f.access.coordB)).rejects.toThrow();
    const none = await run(f.access.coordA, { runde: "t-2026-17" });
    expect(none.tables.map((t) => [t.id, t.rows.length])).toEqual([["spoergsmaal", 0]]);
    expect(none.notes[0]).toMatch(/Ingen svar på ekstra spørgsmål/);
  });
});
