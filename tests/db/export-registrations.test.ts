import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { parseCsv } from "@/lib/exchange/csv";
import { EXPORT_COLUMNS, exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport, planImport } from "@/lib/exchange/import-rows";
import { parseLegacyExport } from "@/lib/exchange/legacy-format";
import { legacyToImportRow } from "@/lib/exchange/legacy-import";
import { createTestDatabase } from "@/tests/helpers/test-db";

let database: SporDatabase;
let koege: string;
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const LEGACY = latin1(
  "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n" +
    // TraceTool wrote NEJ on every telephone row (the form was never asked there): Spor stores it as
    // not asked and writes NEJ back on Tracetool rows, so the file still round-trips.
    "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;NEJ;21-10-2013 09:15:00;;;Tracetool;\r\n" +
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
  database = await createTestDatabase({ demo: true });
  koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
  await database.prisma.unit.updateMany({ where: { municipalityId: koege, name: "Borgerservice" }, data: { legacyLogin: "koege_bs" } });
});
afterAll(() => database.close());

describe("exports", () => {
  it("round-trips an old raw export: import, export in the old layout, the files agree row for row", async () => {
    const parsed = await parseLegacyExport(LEGACY);
    const plan = await planImport(
      database.prisma,
      koege,
      parsed.rows.map((r) => legacyToImportRow(r)),
    );
    expect(plan.errors).toEqual([]);
    await commitImport(database.prisma, plan, { actorUserId: null, kind: "LEGACY_IMPORT", source: "LEGACY_IMPORT", fileName: "old.csv" });
    const filter = { municipalityIds: [koege], from: new Date("2013-10-01"), to: new Date("2013-11-01") };
    const out = await readAll(exportRegistrationsStream(filter, "legacy"));
    // The same bytes: every row, its Datakilde included, exactly as read.
    expect(Buffer.from(out).toString("latin1")).toBe(Buffer.from(LEGACY).toString("latin1"));
  });

  it("gives rows with the same time back in the file's order, across export pages", async () => {
    // 7,200 rows in 300 distinct minutes of November 2013 (24 rows a minute, told apart by channel,
    // task, type and source): more than one export page (5,000 rows), so the page boundary falls
    // inside a minute. Registration ids are random, so id order is not file order.
    const channels = ["TLFIND", "PRSNLG", "EMLIND", "WEB", "SLVBTJN", "DOKUD"];
    const tasks = ["23.05.10", "27.24.04", "15.20", "32.15.08"];
    const lines = ["Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;"];
    for (let minute = 0; minute < 300; minute++) {
      // In time order, as the old tool wrote its exports: 60 minutes a day from 09:00, five minutes apart.
      const m = minute % 60;
      const time = `0${4 + Math.floor(minute / 60)}-11-2013 ${String(9 + Math.floor(m / 10)).padStart(2, "0")}:${String((m % 10) * 5).padStart(2, "0")}:00`;
      for (let i = 0; i < 24; i++) {
        const source = i % 5 === 0 ? "DetDigitaleLandkort" : "Tracetool";
        const channel = channels[i % 6];
        // Blanket as the export writes it back: NEJ on a Tracetool row of a channel that never asks it.
        const form = source === "Tracetool" && (channel === "TLFIND" || channel === "WEB") ? "NEJ" : "";
        lines.push(`Køge;259;koege_bs;${tasks[(i + minute) % 4]};${channel};${i % 3 ? "INFO" : ""};;${form};${time};;;${source};`);
      }
    }
    const file = latin1(lines.map((l) => `${l}\r\n`).join(""));
    const planned = await planFileImport(database.prisma, koege, file, "legacy");
    expect(planned.plan.errors).toEqual([]);
    await commitImport(database.prisma, planned.plan, {
      actorUserId: null,
      fileName: "order.csv",
      ...fileImportOptions("legacy", planned, {}),
    });
    planned.plan.close();
    const filter = { municipalityIds: [koege], from: new Date("2013-11-03T23:00:00Z"), to: new Date("2013-11-08T23:00:00Z") };
    const out = Buffer.from(await readAll(exportRegistrationsStream(filter, "legacy"))).toString("latin1");
    expect(out.split("\r\n")).toHaveLength(7_202);
    expect(out).toBe(Buffer.from(file).toString("latin1"));
    // Stored with the file's lines.
    const stored = await database.prisma.registration.findMany({
      where: { fileLine: { in: [2, 7201] }, batch: { fileName: "order.csv" } },
      select: { fileLine: true, source: true },
    });
    expect(stored.sort((a, b) => a.fileLine! - b.fileLine!)).toEqual([
      { fileLine: 2, source: "LEGACY_LANDKORT" },
      { fileLine: 7201, source: "LEGACY_TRACETOOL" },
    ]);
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
    await expect(resolveExportFilter(database.prisma, coordinator, q({ enhed: [kbhUnit.id] }))).rejects.toThrow(
      /Ingen af de valgte enheder/,
    );
  });
});
