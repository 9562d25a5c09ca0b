import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { IMPORTS_BUSY_MESSAGE } from "@/lib/exchange/import-job";
import { commitImport } from "@/lib/exchange/import-rows";
import { channelAsksForm } from "@/lib/reference/codes";
import { adminTestDatabase } from "@/tests/helpers/admin";

// A file's rows reach the database without passing the request thread (lib/exchange/insert-rows.ts,
// "File imports through the staging table"): the import worker writes them into import_staging on
// its own connection, and the import's transaction moves them into registration with INSERT … SELECT.
// The request thread's own way of writing rows — asking the worker for each chunk's columns and
// sending them as parameters (CommitSource.registrations) — is not used for a file any more. Both
// ways must write the same registrations: units and tasks the import creates, the counting-week flag
// by the Copenhagen date, ISO weeks, precision, source and file lines.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let koege: string;
let coordinator: string;

beforeAll(async () => {
  t = await adminTestDatabase();
  koege = t.municipalityId(259);
  coordinator = t.userId("koordinator@koege.test");
  // Køge counts ISO week 43 of 2026 only (Monday 19 October to Sunday 25 October).
  await t.prisma.municipalityCountingWeek.deleteMany({ where: { municipalityId: koege } });
  await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: koege, isoYear: 2026, isoWeek: 43 } });
});
afterAll(async () => {
  delete process.env.SPOR_IMPORT_STAGING;
  delete process.env.SPOR_IMPORT_WORKERS;
  await t.database.close();
});

const NOW = new Date("2026-12-01T12:00:00Z");

/** Rows on both sides of week 43's first midnight in Copenhagen (22:00 UTC on Sunday), a unit and a task number that do not exist yet. */
function file(rows: number, tag: string): Uint8Array {
  const lines = ["kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal"];
  const times = ["2026-10-18 23:30", "2026-10-19 00:30", "2026-10-25 23:59", "2026-10-26 00:00", "2026-10-20"];
  const units = ["Borgerservice", "Jobcenter", `Ny enhed ${tag}`];
  const tasks = ["23.05.10", "88.77.66", "27.24.04"];
  const channels = ["WEB", "SLVBTJN", "TLFIND"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `259;${units[i % 3]};${tasks[i % 3]};${channels[(i >> 1) % 3]};INFO;STRAKS;${i % 4 === 0 ? "JA" : ""};${times[i % 5]};${1 + (i % 7)}`,
    );
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

/** Imports a file as the upload does; counts the chunks the request thread was asked to send as parameters. */
async function importFile(bytes: Uint8Array, fileName: string, actorUserId = coordinator) {
  const planned = await planFileImport(t.prisma, koege, bytes, "csv", { createMissingUnits: true, now: NOW });
  let chunksHere = 0;
  const registrations = planned.plan.registrations;
  planned.plan.registrations = (...args) => (chunksHere++, registrations(...args));
  try {
    const batch = await commitImport(t.prisma, planned.plan, {
      actorUserId,
      ip: null,
      fileName,
      ...fileImportOptions("csv", planned, { allowDuplicate: true }),
    });
    return { batch, chunksHere };
  } finally {
    planned.plan.close();
  }
}

/** The batch's registrations as the reports and exports read them, in the file's order. */
async function rowsOf(batchId: string) {
  const rows = await t.prisma.registration.findMany({
    where: { batchId },
    orderBy: { fileLine: "asc" },
    select: {
      unit: { select: { name: true } },
      task: { select: { number: true } },
      channelCode: true,
      contactTypeCode: true,
      closureCode: true,
      form: true,
      quantity: true,
      occurredAt: true,
      isoYear: true,
      isoWeek: true,
      inCountingWeek: true,
      timePrecision: true,
      source: true,
      fileLine: true,
      userId: true,
      isTest: true,
    },
  });
  return rows.map((r) => ({ ...r, unit: r.unit.name.replace(/ (staged|direct)$/, ""), task: r.task.number }));
}

const staged = async () => (await t.database.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM import_staging"))[0].n;

describe("file imports through the staging table", () => {
  it(
    "writes a file without the request thread building a single insert chunk, the same registrations as the chunked way",
    { timeout: 300_000 },
    async () => {
      const rows = 6_001; // three chunks of the worker's, the last of one row
      const viaStaging = await importFile(file(rows, "staged"), "staged.csv");
      expect(viaStaging.chunksHere).toBe(0);
      expect(viaStaging.batch.rowCount).toBe(rows);

      process.env.SPOR_IMPORT_STAGING = "0";
      try {
        const direct = await importFile(file(rows, "direct"), "direct.csv");
        expect(direct.chunksHere).toBeGreaterThan(1);
        const [a, b] = [await rowsOf(viaStaging.batch.id), await rowsOf(direct.batch.id)];
        expect(a).toHaveLength(rows);
        expect(a).toEqual(b);
      } finally {
        delete process.env.SPOR_IMPORT_STAGING;
      }

      const written = await rowsOf(viaStaging.batch.id);
      // The counting-week flag follows the Copenhagen date: Sunday 23:30 before week 43 is outside,
      // Monday 00:30 inside, the last minute of week 43 inside, the Monday after outside.
      expect(written.slice(0, 5).map((r) => [r.occurredAt.toISOString(), r.inCountingWeek])).toEqual([
        ["2026-10-18T21:30:00.000Z", false],
        ["2026-10-18T22:30:00.000Z", true],
        ["2026-10-25T22:59:00.000Z", true],
        ["2026-10-25T23:00:00.000Z", false],
        ["2026-10-19T22:00:00.000Z", true],
      ]);
      expect(written.slice(0, 3).map((r) => [r.unit, r.task, r.fileLine, r.source])).toEqual([
        ["Borgerservice", "23.05.10", 2, "UPLOAD"],
        ["Jobcenter", "88.77.66", 3, "UPLOAD"],
        ["Ny enhed", "27.24.04", 4, "UPLOAD"],
      ]);
      // Telephone and web rows were not asked about a form (docs/method.md, "Bases"); self-service rows keep theirs.
      expect(written.filter((r) => !channelAsksForm(r.channelCode)).every((r) => r.form === null)).toBe(true);
      expect(written.some((r) => r.channelCode === "SLVBTJN" && r.form === true)).toBe(true);
      expect(written.find((r) => r.occurredAt.toISOString() === "2026-10-19T22:00:00.000Z")?.timePrecision).toBe("DATE");
      expect(await staged()).toBe(0);
    },
  );

  it("writes nothing, and leaves nothing staged, when the transaction fails after the rows were staged", { timeout: 300_000 }, async () => {
    const before = { registrations: await t.prisma.registration.count(), batches: await t.prisma.importBatch.count() };
    // The batch names an actor that does not exist: the transaction fails on its first insert.
    await expect(importFile(file(3_000, "failed"), "failed.csv", "no-such-user")).rejects.toThrow();
    expect(await t.prisma.registration.count()).toBe(before.registrations);
    expect(await t.prisma.importBatch.count()).toBe(before.batches);
    expect(await t.prisma.unit.count({ where: { name: "Ny enhed failed" } })).toBe(0);
    expect(await staged()).toBe(0);
  });

  it("reads no more files at once than SPOR_IMPORT_WORKERS, and refuses the next in Danish with 503", { timeout: 120_000 }, async () => {
    process.env.SPOR_IMPORT_WORKERS = "1";
    try {
      const first = await planFileImport(t.prisma, koege, file(10, "cap"), "csv", { createMissingUnits: true, now: NOW });
      const refused = planFileImport(t.prisma, koege, file(10, "cap"), "csv", { createMissingUnits: true, now: NOW });
      await expect(refused).rejects.toMatchObject({ message: IMPORTS_BUSY_MESSAGE, status: 503 });
      first.plan.close();
      const next = await planFileImport(t.prisma, koege, file(10, "cap"), "csv", { createMissingUnits: true, now: NOW });
      expect(next.plan.rowCount).toBe(10);
      next.plan.close();
    } finally {
      delete process.env.SPOR_IMPORT_WORKERS;
    }
  });
});
