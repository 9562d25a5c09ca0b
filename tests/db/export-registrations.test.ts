import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { parseCsv } from "@/lib/exchange/csv";
import { EXPORT_COLUMNS, exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { commitImport, planImport } from "@/lib/exchange/import-rows";
import { parseLegacyExport } from "@/lib/exchange/legacy-format";
import { legacyToImportRow } from "@/lib/exchange/legacy-import";
import { seedDemoData } from "@/lib/seed/demo";
import { createTestDatabase } from "@/tests/helpers/test-db";

let database: SporDatabase;
let koege: string;
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const LEGACY = latin1(
  "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n" +
    "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;;21-10-2013 09:15:00;;;Tracetool;\r\n" +
    "Køge;259;koege_bs;23.05.10;PRSNLG;OPRET;HOLD;JA;21-10-2013 10:02:11;;;Tracetool;\r\n" +
    "Køge;259;koege_bs;15.20;WEB;;;;22-10-2013 00:00:00;;;DetDigitaleLandkort;\r\n",
);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
  await database.prisma.unit.updateMany({ where: { municipalityId: koege, name: "Borgerservice" }, data: { legacyLogin: "koege_bs" } });
});
afterAll(() => database.close());

describe("exports", () => {
  it("round-trips an old raw export: import, export in the old layout, the files agree row for row", async () => {
    const parsed = await parseLegacyExport(LEGACY);
    const plan = await planImport(database.prisma, koege, parsed.rows.map((r) => legacyToImportRow(r)));
    expect(plan.errors).toEqual([]);
    await commitImport(database.prisma, plan, { actorUserId: null, kind: "LEGACY_IMPORT", source: "LEGACY_IMPORT", fileName: "old.csv" });
    const filter = { municipalityIds: [koege], from: new Date("2013-10-01"), to: new Date("2013-11-01") };
    const out = await readAll(exportRegistrationsStream(filter, "legacy"));
    const lines = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1").split("\r\n");
    // Same rows; the data source of imported rows reads DetDigitaleLandkort/Tracetool by origin.
    const normalise = (line: string) => line.replace(/;(Tracetool|DetDigitaleLandkort);$/, ";");
    expect(lines(out).map(normalise)).toEqual(lines(LEGACY).map(normalise));
  });

  it("streams Spor's CSV with BOM, every field, unit path and task title; test registrations never", async () => {
    const unit = await database.prisma.unit.findFirstOrThrow({ where: { municipalityId: koege, name: "Borgerservice – Skranke" } });
    await database.prisma.registration.updateMany({ where: { unitId: unit.id }, data: { isTest: true } });
    const text = Buffer.from(await readAll(exportRegistrationsStream({ municipalityIds: [koege] }, "csv"))).toString("utf8");
    expect(text.startsWith("\ufeff")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0].slice(0, EXPORT_COLUMNS.length)).toEqual(EXPORT_COLUMNS);
    const body = rows.slice(1).filter((r) => r.length > 1);
    const expected = await database.prisma.registration.count({ where: { municipalityId: koege, isTest: false } });
    expect(body).toHaveLength(expected);
    expect(body.some((r) => r[2] === "Borgerservice – Skranke" || r[2].endsWith("/ Borgerservice – Skranke"))).toBe(false);
    const flytning = body.find((r) => r[3] === "23.05.10")!;
    expect(flytning[4]).toBeTruthy();
    expect(flytning[0]).toBe("259");
  });
});

describe("who may export what", () => {
  it("gives coordinators their own municipality only and national staff any or all", async () => {
    const { loadAccess } = await import("@/lib/auth/load-access");
    const { resolveExportFilter, exportQuerySchema } = await import("@/lib/exchange/export-filter");
    const userId = async (email: string) => (await database.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const coordinator = await loadAccess(database.prisma, await userId("koordinator@koege.test"));
    const national = await loadAccess(database.prisma, await userId("national@spor.test"));
    const registrant = await loadAccess(database.prisma, await userId("medarbejder@koege.test"));
    const q = (input: Record<string, unknown>) => exportQuerySchema.parse(input);

    await expect(resolveExportFilter(database.prisma, coordinator, q({ kommune: 101 }))).rejects.toThrow(/kan ikke eksportere/);
    expect((await resolveExportFilter(database.prisma, coordinator, q({}))).filter.municipalityIds).toEqual([koege]);
    expect((await resolveExportFilter(database.prisma, national, q({}))).filter.municipalityIds).toEqual([]);
    expect((await resolveExportFilter(database.prisma, national, q({ kommune: 259 }))).filter.municipalityIds).toEqual([koege]);
    await expect(resolveExportFilter(database.prisma, registrant, q({}))).rejects.toThrow();
    // A unit of another municipality is not accepted as a filter.
    const kbhUnit = await database.prisma.unit.findFirstOrThrow({ where: { municipality: { number: 101 } } });
    await expect(resolveExportFilter(database.prisma, coordinator, q({ enhed: [kbhUnit.id] }))).rejects.toThrow(/Ingen af de valgte enheder/);
  });
});
