import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserFacingError } from "@/lib/errors";
import { addDays, instantAt, parseIsoDate } from "@/lib/counting/iso-week";
import { auditExport, exportRegistrationsStream, type ExportFormat } from "@/lib/exchange/export-registrations";
import { describeSummary, fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { weekList } from "@/lib/exchange/import-weeks-text";
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

/**
 * `spor import csv|legacy FILE --municipality N [--preview] [--join-round] [--allow-duplicate]
 * [--timed-units LOGIN,…]` (the last for legacy only): the same validation, preview, batch and audit
 * as the web.
 */
export async function runImport(
  kind: "csv" | "legacy",
  file: string,
  values: {
    municipality?: string;
    "create-units"?: boolean;
    preview?: boolean;
    "join-round"?: boolean;
    "allow-duplicate"?: boolean;
    "timed-units"?: readonly string[];
  },
): Promise<number> {
  if (!fs.existsSync(file)) throw new UserFacingError(`Filen findes ikke: ${file}`);
  return withCliDatabase(async (db) => {
    const id = await municipalityId(db.prisma, values.municipality);
    const planned = await planFileImport(db.prisma, id, fs.createReadStream(file), kind, {
      createMissingUnits: Boolean(values["create-units"]),
      timedUnits: values["timed-units"],
    }).catch((error: unknown) => {
      throw error instanceof FileFormatError ? new UserFacingError(error.message) : error;
    });
    const { plan, summary } = planned;
    try {
      if (plan.errorCount) {
        printErrors(plan.errors, plan.errorCount);
        console.error(`Filen har ${plan.errorCount} fejl. Intet er gemt.`);
        return 1;
      }
      // The preview, before anything is written.
      for (const line of describeSummary(summary)) console.log(line);
      const offers = (summary.weeks?.rounds ?? []).filter((r) => r.joinWeeks.length);
      if (values.preview) {
        if (plan.newUnits.length) console.log(`Nye enheder ville blive oprettet: ${plan.newUnits.join(", ")}`);
        if (plan.newTaskNumbers.length) console.log(`Nye opgavenumre ville blive oprettet: ${plan.newTaskNumbers.join(", ")}`);
        if (offers.length) console.log("Tilføj --join-round for at deltage i runden med de uger, data dækker.");
        if (summary.earlierImport) console.log("Tilføj --allow-duplicate, hvis filen skal indlæses igen.");
        console.log("Forhåndsvisning: intet er gemt. Kør uden --preview for at indlæse.");
        return 0;
      }
      if (summary.earlierImport && !values["allow-duplicate"]) {
        console.error("Fejl: Filen er indlæst før. Intet er gemt. Tilføj --allow-duplicate, hvis den skal indlæses igen.");
        return 1;
      }
      const batch = await commitImport(db.prisma, plan, {
        actorUserId: null,
        fileName: file.split("/").pop() ?? file,
        ...fileImportOptions(kind, planned, { joinRounds: values["join-round"], allowDuplicate: values["allow-duplicate"] }),
      });
      if (values["join-round"])
        for (const r of offers) console.log(`Kommunen deltager nu i runden «${r.name}» med ${weekList(r.joinWeeks)}.`);
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
export async function runExport(values: {
  municipality?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}): Promise<number> {
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
