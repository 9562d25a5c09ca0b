import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { parseCsv } from "@/lib/exchange/csv";
import { EXPORT_COLUMNS, exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { planFileImport as openPlan } from "@/lib/exchange/file-import";
import { commitImport, undoBatch } from "@/lib/exchange/import-rows";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Extra-question columns of an old raw export: questions, options and answers on import, the same
// columns on export, and undo removing what the import created and nothing else uses.

let database: SporDatabase;
let koege: string;
let kbh: string;
const FIXTURE = new Uint8Array(fs.readFileSync("tests/fixtures/legacy-questions.csv"));
const AGE = "Er borgeren over eller under 65 år?";
const HEARD = "Hvordan hørte du om løsningen?";
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const options = { actorUserId: null, kind: "LEGACY_IMPORT" as const, source: "LEGACY_IMPORT" as const, fileName: "old.csv" };
const OCTOBER_2013 = { from: new Date("2013-10-01"), to: new Date("2013-11-01") };

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const questionsOf = (municipalityId: string) =>
  database.prisma.extraQuestion.findMany({
    where: { municipalityId },
    select: { text: true, options: { select: { label: true }, orderBy: { sortOrder: "asc" } }, _count: { select: { answers: true } } },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
  kbh = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 101 } })).id;
  await database.prisma.unit.updateMany({ where: { municipalityId: koege, name: "Borgerservice" }, data: { legacyLogin: "koege_bs" } });
  // Køge starts without questions of its own (the demo asks one on the counter).
  await database.prisma.extraQuestion.deleteMany({ where: { municipalityId: koege } });
  // The same text in another municipality must not be reused for Køge.
  await database.prisma.extraQuestion.create({
    data: { municipalityId: kbh, text: AGE, options: { create: [{ label: "Over" }, { label: "Under" }] } },
  });
});
afterAll(() => database.close());

// A plan holds one of the process's import slots (SPOR_IMPORT_WORKERS) until it is closed, as the
// upload route and the CLI do when they are done with it; so does this file, after each test.
const openPlans: { close(): void }[] = [];
afterEach(() => openPlans.splice(0).forEach((plan) => plan.close()));
const planFileImport: typeof openPlan = async (...args) => {
  const planned = await openPlan(...args);
  openPlans.push(planned.plan);
  return planned;
};

describe("extra-question columns of an old raw export", () => {
  let batchId: string;

  it("previews the questions with their answer counts before anything is written", async () => {
    const { plan, summary } = await planFileImport(database.prisma, koege, FIXTURE, "legacy");
    expect(plan.errors).toEqual([]);
    expect(summary.questions).toEqual([
      {
        text: AGE,
        isNew: true,
        answers: 3,
        options: [
          { label: "Over", answers: 2, isNew: true },
          { label: "Under", answers: 1, isNew: true },
        ],
      },
      {
        text: HEARD,
        isNew: true,
        answers: 4,
        options: [
          { label: "Avis", answers: 2, isNew: true },
          { label: "Læst på nettet", answers: 1, isNew: true },
          { label: "Fra én på rådhuset", answers: 1, isNew: true },
        ],
      },
    ]);
    // Planning wrote nothing.
    expect(await questionsOf(koege)).toEqual([]);
  });

  it("imports the columns as questions of the municipality with one answer per answered row", async () => {
    const { plan } = await planFileImport(database.prisma, koege, FIXTURE, "legacy");
    batchId = (await commitImport(database.prisma, plan, options)).id;
    expect(await questionsOf(koege)).toEqual([
      { text: AGE, options: [{ label: "Over" }, { label: "Under" }], _count: { answers: 3 } },
      { text: HEARD, options: [{ label: "Avis" }, { label: "Læst på nettet" }, { label: "Fra én på rådhuset" }], _count: { answers: 4 } },
    ]);
    const answer = await database.prisma.registrationAnswer.findFirstOrThrow({
      where: { question: { text: HEARD, municipalityId: koege }, option: { label: "Fra én på rådhuset" } },
      select: { registration: { select: { batchId: true, task: { select: { number: true } } } } },
    });
    expect(answer.registration).toEqual({ batchId, task: { number: "27.24.04" } });
    // København's question with the same text was left alone.
    expect((await questionsOf(kbh))[0]._count.answers).toBe(0);
  });

  it("round-trips: the old layout is written back with the question columns, row for row", async () => {
    const out = await readAll(exportRegistrationsStream({ municipalityIds: [koege], ...OCTOBER_2013 }, "legacy"));
    // Every row comes back as it was read, its Datakilde (Tracetool or DetDigitaleLandkort) included —
    // but Blanket on telephone rows: stored as not asked whatever the file said (NEJ or empty), and
    // written back as NEJ on every Tracetool row, as TraceTool wrote it (docs/formats.md).
    const lines = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1").split("\r\n");
    const asTraceToolWrote = (line: string) =>
      line.includes(";Tracetool;") ? line.replace(/^((?:[^;]*;){4}TLF(?:IND|UD);[^;]*;[^;]*;)[^;]*;/, "$1NEJ;") : line;
    expect(lines(out)).toEqual(lines(FIXTURE).map(asTraceToolWrote));
    expect(
      lines(out)
        .filter((l) => l.includes(";TLFIND;"))
        .every((l) => l.includes(";NEJ;")),
    ).toBe(true);
  });

  it("writes the questions as columns of Spor's CSV export too", async () => {
    const text = (await readAll(exportRegistrationsStream({ municipalityIds: [koege], ...OCTOBER_2013 }, "csv"))).toString("utf8");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...EXPORT_COLUMNS, AGE, HEARD]);
    const byTime = new Map(rows.map((r) => [`${r[11]} ${r[12]}`, r.slice(EXPORT_COLUMNS.length)]));
    expect(byTime.get("2013-10-21 09:15:00")).toEqual(["Over", "Avis"]);
    expect(byTime.get("2013-10-23 11:00:00")).toEqual(["Over", "Fra én på rådhuset"]);
    expect(byTime.get("2013-10-22 00:00:00")).toEqual(["", ""]);
    expect(byTime.get("2013-10-24 14:30:00")).toEqual(["", "Avis"]);
  });

  it("reuses the municipality's question with the same text and adds only new options", async () => {
    const second = latin1(
      `Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;${AGE.toUpperCase()};\r\n` +
        "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:00:00;;;Tracetool;Over;\r\n" +
        "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:05:00;;;Tracetool;Ved ikke;\r\n",
    );
    const { plan, summary } = await planFileImport(database.prisma, koege, second, "legacy");
    expect(summary.questions).toEqual([
      {
        text: AGE,
        isNew: false,
        answers: 2,
        options: [
          { label: "Over", answers: 1, isNew: false },
          { label: "Ved ikke", answers: 1, isNew: true },
        ],
      },
    ]);
    const secondBatch = (await commitImport(database.prisma, plan, { ...options, fileName: "second.csv" })).id;
    expect((await questionsOf(koege))[0]).toEqual({
      text: AGE,
      options: [{ label: "Over" }, { label: "Under" }, { label: "Ved ikke" }],
      _count: { answers: 5 },
    });

    // Undoing the second batch removes its answers and the option it added, not the question.
    expect(await undoBatch(database.prisma, null, koege, secondBatch)).toEqual({ deleted: 2, removedQuestions: 0 });
    expect((await questionsOf(koege))[0]).toEqual({ text: AGE, options: [{ label: "Over" }, { label: "Under" }], _count: { answers: 3 } });
  });

  it("undoing the first batch removes its answers and the questions nothing else uses", async () => {
    const heard = await database.prisma.extraQuestion.findFirstOrThrow({ where: { municipalityId: koege, text: HEARD } });
    // A coordinator has taken HEARD into use in a unit: it stays, with its options.
    const unit = await database.prisma.unit.findFirstOrThrow({ where: { municipalityId: koege, name: "Borgerservice" } });
    await database.prisma.extraQuestionUnit.create({ data: { questionId: heard.id, unitId: unit.id } });
    expect(await undoBatch(database.prisma, null, koege, batchId)).toEqual({ deleted: 5, removedQuestions: 1 });
    expect(await questionsOf(koege)).toEqual([
      { text: HEARD, options: [{ label: "Avis" }, { label: "Læst på nettet" }, { label: "Fra én på rådhuset" }], _count: { answers: 0 } },
    ]);
    const undo = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: batchId, action: "batch.undo" } });
    expect(undo.before).toMatchObject({ registrations: 5, removedQuestions: 1, removedOptions: 2 });
  });

  it("writes nothing — no registration, question or option — when a row at the end is wrong", async () => {
    const before = {
      registrations: await database.prisma.registration.count(),
      questions: await database.prisma.extraQuestion.count(),
      options: await database.prisma.extraQuestionOption.count(),
    };
    const bad = latin1(
      `Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;Ny kolonne;Ny kolonne;\r\n` +
        "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:00:00;;;Tracetool;a;b;\r\n" +
        `Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:05:00;;;Tracetool;${"x".repeat(101)};b;\r\n`,
    );
    const { plan } = await planFileImport(database.prisma, koege, bad, "legacy");
    expect(plan.errors).toEqual([{ line: 1, message: 'Spørgsmålet "Ny kolonne" står i to kolonner.' }]);
    await expect(commitImport(database.prisma, plan, options)).rejects.toThrow(/intet er gemt/);

    const longAnswer = latin1(
      `Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;Ny kolonne;\r\n` +
        "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:00:00;;;Tracetool;a;\r\n" +
        `Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;25-10-2013 09:05:00;;;Tracetool;${"x".repeat(101)};\r\n`,
    );
    const second = await planFileImport(database.prisma, koege, longAnswer, "legacy");
    expect(second.plan.errors).toEqual([{ line: 3, message: `Svaret "${"x".repeat(40)}…" på "Ny kolonne" er over 100 tegn.` }]);
    await expect(commitImport(database.prisma, second.plan, options)).rejects.toThrow(/intet er gemt/);
    expect({
      registrations: await database.prisma.registration.count(),
      questions: await database.prisma.extraQuestion.count(),
      options: await database.prisma.extraQuestionOption.count(),
    }).toEqual(before);
  });
});
