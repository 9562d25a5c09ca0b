import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserFacingError } from "@/lib/errors";
import { addDays, instantAt, parseIsoDate } from "@/lib/counting/iso-week";
import { auditExport, exportRegistrationsStream, type ExportFormat } from "@/lib/exchange/export-registrations";
import { describeSummary, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { FileFormatError } from "@/lib/exchange/text-file";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withCliDatabase } from "./open-cli-database";

async function municipalityId(prisma: PrismaClient, number: string | undefined): Promise<string> {
  const n = Number(number);
  if (!Number.isInteger(n) || n <= 0) throw new UserFacingError("Angiv --municipality (kommunenummer).");
  const m = await prisma.municipality.findUnique({ where: { number: n }, select: { id: true } });
  if (!m) throw new UserFacingError(`Kommune nummer ${n} findes ikke i Spor.`);
  return m.id;
}

function printErrors(errors: { line: number; message: string }[], count = errors.length) {
  for (const e of errors.slice(0, 200)) console.error(`Linje ${e.line}: ${e.message}`);
  if (count > 200) console.error(`… og ${count - 200} fejl mere.`);
}

/** `spor import csv|legacy FILE --municipality N`: the same validation, batch and audit as the web. */
export async function runImport(
  kind: "csv" | "legacy",
  file: string,
  values: { municipality?: string; "create-units"?: boolean; preview?: boolean; "timed-units"?: string },
): Promise<number> {
  if (!fs.existsSync(file)) throw new UserFacingError(`Filen findes ikke: ${file}`);
  return withCliDatabase(async (db) => {
    const id = await municipalityId(db.prisma, values.municipality);
    const { plan, summary } = await planFileImport(db.prisma, id, fs.createReadStream(file), kind, {
      createMissingUnits: Boolean(values["create-units"]),
      timedUnits: values["timed-units"]?.split(","),
    }).catch(
      (error: unknown) => {
        throw error instanceof FileFormatError ? new UserFacingError(error.message) : error;
      },
    );
    try {
      if (plan.errorCount) {
        printErrors(plan.errors, plan.errorCount);
        console.error(`Filen har ${plan.errorCount} fejl. Intet er gemt.`);
        return 1;
      }
      // The preview, before anything is written.
      for (const line of describeSummary(summary)) console.log(line);
      if (values.preview) {
        if (plan.newUnits.length) console.log(`Nye enheder ville blive oprettet: ${plan.newUnits.join(", ")}`);
        if (plan.newTaskNumbers.length) console.log(`Nye opgavenumre ville blive oprettet: ${plan.newTaskNumbers.join(", ")}`);
        console.log("Forhåndsvisning: intet er gemt. Kør uden --preview for at indlæse.");
        return 0;
      }
      const batch = await commitImport(db.prisma, plan, {
        actorUserId: null,
        kind: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
        source: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
        fileName: file.split("/").pop() ?? file,
      });
      if (plan.newUnits.length) console.log(`Nye enheder oprettet: ${plan.newUnits.join(", ")}`);
      if (plan.newTaskNumbers.length) console.log(`Nye opgavenumre oprettet: ${plan.newTaskNumbers.join(", ")}`);
      console.log(`Indlæst: ${batch.rowCount} rækker, ${batch.totalQuantity} henvendelser (batch ${batch.id}).`);
      return 0;
    } finally {
      plan.close();
    }
  });
}

/** `spor export registrations [--municipality N] [--from D --to D] [--format csv|legacy] [--out FILE]` */
export async function runExport(values: { municipality?: string; from?: string; to?: string; format?: string; out?: string }): Promise<number> {
  const format = (values.format ?? "csv") as ExportFormat;
  if (format !== "csv" && format !== "legacy") throw new UserFacingError("--format skal være csv eller legacy.");
  const date = (v: string | undefined) => {
    if (!v) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UserFacingError(`Datoen "${v}" skal skrives åååå-mm-dd.`);
    return parseIsoDate(v);
  };
  return withCliDatabase(async (db) => {
    const municipalityIds = values.municipality ? [await municipalityId(db.prisma, values.municipality)] : [];
    const from = date(values.from);
    const to = date(values.to);
    const filter = { municipalityIds, from: from && instantAt(from, 0), to: to && instantAt(addDays(to, 1), 0) };
    await auditExport(db.prisma, null, filter, format);
    const source = Readable.fromWeb(exportRegistrationsStream(filter, format) as import("node:stream/web").ReadableStream);
    await pipeline(source, values.out ? fs.createWriteStream(values.out) : process.stdout);
    if (values.out) console.error(`Skrevet til ${values.out}.`);
    return 0;
  });
}
