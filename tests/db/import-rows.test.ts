import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { commitImport, planImport, undoBatch } from "@/lib/exchange/import-rows";
import { parseUpload } from "@/lib/exchange/upload-rows";
import { createTestDatabase } from "@/tests/helpers/test-db";

let database: SporDatabase;
let koege: string;
let kbh: string;
const NOW = new Date("2026-11-22T12:00:00Z");
const file = (rows: string[]) =>
  new TextEncoder().encode(["kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal", ...rows].join("\r\n") + "\r\n");
const options = { actorUserId: null, kind: "UPLOAD" as const, source: "UPLOAD" as const, fileName: "test.csv" };

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
  kbh = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 101 } })).id;
});
afterAll(() => database.close());

const batchRows = (batchId: string) =>
  database.prisma.registration.findMany({
    where: { batchId },
    select: { quantity: true, channelCode: true, source: true, unitId: true, userId: true },
  });

describe("CSV upload into the database", () => {
  it("writes one batch with every row, and creates unknown task numbers", async () => {
    const parsed = await parseUpload(
      file(["259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;2026-10-19;412", "259;Jobcenter;15.20;WEB;;;;2026-10-19 10:00;1800"]),
      NOW,
    );
    const plan = await planImport(database.prisma, koege, parsed.rows);
    expect(plan.errors).toEqual([]);
    expect(plan.newTaskNumbers).toEqual(["15.20"]);
    const batch = await commitImport(database.prisma, plan, options);
    expect(batch).toMatchObject({ rowCount: 2, totalQuantity: 2212 });
    const rows = await batchRows(batch.id);
    expect(rows.map((r) => r.quantity).sort((a, b) => a - b)).toEqual([412, 1800]);
    expect(rows.every((r) => r.source === "UPLOAD" && r.userId === null)).toBe(true);
    expect(await database.prisma.task.findUnique({ where: { number: "15.20" }, select: { level: true, source: true } })).toEqual({
      level: "GRUPPE",
      source: "LEGACY",
    });
  });

  it("writes nothing when any row is wrong, and names the rows", async () => {
    const before = await database.prisma.registration.count();
    const parsed = await parseUpload(
      file([
        "259;Borgerservice;23.05.10;WEB;;;;2026-10-19;5",
        "259;Ukendt enhed;23.05.10;WEB;;;;2026-10-19;5",
        "101;Skranke;23.05.10;WEB;;;;2026-10-19;5",
      ]),
      NOW,
    );
    const plan = await planImport(database.prisma, koege, parsed.rows);
    expect(plan.errors).toEqual([
      { line: 3, message: 'Enheden "Ukendt enhed" findes ikke i kommunen.' },
      { line: 4, message: "Rækken er til kommune 101, ikke 259." },
    ]);
    await expect(commitImport(database.prisma, plan, options)).rejects.toThrow(/2 fejl; intet er gemt/);
    expect(await database.prisma.registration.count()).toBe(before);
  });

  it("never matches a unit of another municipality", async () => {
    const parsed = await parseUpload(file(["101;Jobcenter;23.05.10;WEB;;;;2026-10-19;5"]), NOW);
    const plan = await planImport(database.prisma, kbh, parsed.rows);
    const kbhJobcenter = await database.prisma.unit.findFirstOrThrow({ where: { municipalityId: kbh, name: "Jobcenter" } });
    expect(plan.rows[0].unitId).toBe(kbhJobcenter.id);
  });

  it("undoes a batch in one action, audit-logged; another municipality cannot undo it", async () => {
    const plan = await planImport(
      database.prisma,
      koege,
      (await parseUpload(file(["259;Borgerservice;23.05.10;WEB;;;;2026-10-20;7"]), NOW)).rows,
    );
    const batch = await commitImport(database.prisma, plan, options);
    await expect(undoBatch(database.prisma, null, kbh, batch.id)).rejects.toThrow(/findes ikke/);
    expect(await batchRows(batch.id)).toHaveLength(1);
    expect(await undoBatch(database.prisma, null, koege, batch.id)).toEqual({ deleted: 1, removedQuestions: 0 });
    expect(await batchRows(batch.id)).toHaveLength(0);
    expect((await database.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).undoneAt).not.toBeNull();
    await expect(undoBatch(database.prisma, null, koege, batch.id)).rejects.toThrow(/allerede fortrudt/);
    const actions = await database.prisma.auditEvent.findMany({
      where: { entityId: batch.id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["batch.create", "batch.undo"]);
  });
});

describe("units in imports", () => {
  it("puts rows without a unit in a municipality-level unit, and creates missing old logins only when asked", async () => {
    const legacy = (unit: string, line: number) => ({
      line,
      municipalityNumber: 259,
      unit,
      taskNumber: "23.05.10",
      channelCode: "TLFIND",
      contactTypeCode: null,
      closureCode: null,
      form: null,
      occurredAt: new Date("2026-10-19T08:00:00Z"),
      quantity: 1,
    });
    const refused = await planImport(database.prisma, koege, [legacy("koege_gammel", 2)]);
    expect(refused.errors).toEqual([{ line: 2, message: 'Enheden "koege_gammel" findes ikke i kommunen.' }]);

    const plan = await planImport(database.prisma, koege, [legacy("", 2), legacy("koege_gammel", 3), legacy("koege_gammel", 4)], {
      createMissingUnits: true,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.newUnits).toEqual(["(kommune)", "koege_gammel"]);
    const batch = await commitImport(database.prisma, plan, { ...options, kind: "LEGACY_IMPORT", source: "LEGACY_IMPORT" });
    const units = await database.prisma.unit.findMany({
      where: { municipalityId: koege, legacyLogin: { in: ["(kommune)", "koege_gammel"] } },
      select: { id: true, name: true, legacyLogin: true, _count: { select: { registrations: { where: { batchId: batch.id } } } } },
      orderBy: { legacyLogin: "asc" },
    });
    expect(units.map((u) => [u.name, u._count.registrations])).toEqual([
      ["Hele kommunen (uden enhed)", 1],
      ["koege_gammel", 2],
    ]);
    // A second import reuses the units instead of creating them again.
    const again = await planImport(database.prisma, koege, [legacy("", 2), legacy("koege_gammel", 3)]);
    expect(again.newUnits).toEqual([]);
    expect(again.errors).toEqual([]);
  });
});
