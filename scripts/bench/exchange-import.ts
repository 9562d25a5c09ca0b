// Importing a large CSV upload (Spor's template) through the same functions the /data page and
// `npx spor import csv` run: planFileImport (read, validate every row, resolve units and tasks) and
// commitImport (one batch, all or nothing). Then the same file with one bad row at the very end,
// which must leave nothing written.
import { setDatabase } from "@/lib/db";
import { migrate } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { seedDemoData } from "@/lib/seed/demo";
import { seedReferenceData } from "@/lib/seed/reference";

export interface ImportBenchResult {
  label: string;
  rows: number;
  bytes: number;
  planSeconds: number;
  commitSeconds: number;
  written: number;
  badSeconds: number;
  badErrors: { line: number; message: string }[];
  writtenByBad: number;
}

const UNITS = ["Borgerservice", "Borgerservice – Skranke", "Borgerservice – Telefon", "Jobcenter"];
const TASKS = ["23.05.10", "23.05.12", "27.24.04", "32.15.08", "15.20"];
const CHANNELS = ["WEB", "SLVBTJN", "TLFIND", "PRSNLG", "EMLIND"];

/** Spor's template, `rows` rows for Køge (259) in October 2026; `badLast` makes the last row's channel unknown. */
export function uploadFile(rows: number, badLast = false): Uint8Array {
  const lines = ["kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal"];
  for (let i = 0; i < rows; i++) {
    const day = 19 + (i % 5);
    const channel = badLast && i === rows - 1 ? "FAX" : CHANNELS[i % CHANNELS.length];
    lines.push(
      `259;${UNITS[i % UNITS.length]};${TASKS[i % TASKS.length]};${channel};INFO;STRAKS;;2026-10-${day} ${String(8 + (i % 8)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")};${1 + (i % 3)}`,
    );
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

async function open(mode: "server" | "embedded", serverUrl: string): Promise<[SporDatabase, string, () => Promise<void>]> {
  if (mode === "embedded") {
    const database = openDatabase({ kind: "memory" });
    return [database, "embedded PostgreSQL (PGlite, in memory)", () => database.close()];
  }
  const scratch = await createScratchDatabase(serverUrl, "spor_bench_import");
  const database = openDatabase({ kind: "server", url: scratch.url });
  return [database, `PostgreSQL server (${new URL(serverUrl).host})`, async () => (await database.close(), await scratch.drop())];
}

export async function benchImport(mode: "server" | "embedded", serverUrl: string, rows: number): Promise<ImportBenchResult> {
  const [database, label, close] = await open(mode, serverUrl);
  setDatabase(database);
  try {
    await migrate(database.sql);
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    const koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 }, select: { id: true } })).id;
    const count = () => database.prisma.registration.count({ where: { municipalityId: koege } });
    const now = new Date("2026-11-22T12:00:00Z");

    const good = uploadFile(rows);
    const before = await count();
    let started = performance.now();
    const planned = await planFileImport(database.prisma, koege, good, "csv", { now });
    const { plan } = planned;
    const planSeconds = (performance.now() - started) / 1000;
    if (plan.errors.length) throw new Error(`the generated file has errors: ${JSON.stringify(plan.errors.slice(0, 3))}`);
    started = performance.now();
    // As the Data page writes it: file lines, content hash (fileImportOptions).
    await commitImport(database.prisma, plan, { actorUserId: null, fileName: "bench.csv", ...fileImportOptions("csv", planned, {}) });
    const commitSeconds = (performance.now() - started) / 1000;
    const written = (await count()) - before;

    const afterGood = await count();
    started = performance.now();
    const bad = await planFileImport(database.prisma, koege, uploadFile(rows, true), "csv", { now });
    await commitImport(database.prisma, bad.plan, { actorUserId: null, fileName: "bad.csv", ...fileImportOptions("csv", bad, {}) }).then(
      () => {
        throw new Error("the file with a bad last row was imported");
      },
      () => undefined,
    );
    const badSeconds = (performance.now() - started) / 1000;
    return {
      label,
      rows,
      bytes: good.length,
      planSeconds,
      commitSeconds,
      written,
      badSeconds,
      badErrors: bad.plan.errors,
      writtenByBad: (await count()) - afterGood,
    };
  } finally {
    setDatabase(undefined);
    await close();
  }
}
