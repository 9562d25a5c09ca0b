import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CsvSource } from "./csv-reader";
import { type ImportPlan, type ImportRow, planImport } from "./import-rows";
import { planImportQuestions } from "./import-questions";
import { parseLegacyExport } from "./legacy-format";
import { legacyToImportRow } from "./legacy-import";
import { parseUpload } from "./upload-rows";
import { questionHeading, summarisePlan, type UploadSummary } from "./upload-summary";

export type ImportFileKind = "csv" | "legacy";

/**
 * An uploaded file read and checked against the municipality, the same way for the web page, the
 * CLI and the benchmark: every error of the file with its line number, and the preview's summary.
 * Nothing is written; commitImport(plan) writes it all or nothing. Throws FileFormatError for a file
 * that cannot be read at all.
 */
export async function planFileImport(
  prisma: PrismaClient,
  municipalityId: string,
  /** The file's bytes, or its chunks as they arrive (an upload streams straight from the request). */
  source: CsvSource,
  kind: ImportFileKind,
  options: { createMissingUnits?: boolean; now?: Date } = {},
): Promise<{ plan: ImportPlan; summary: UploadSummary }> {
  let rows: ImportRow[];
  let parseErrors: { line: number; message: string }[];
  let sources: Map<number, string> | undefined;
  let questionColumns: string[] = [];
  if (kind === "legacy") {
    const parsed = await parseLegacyExport(source);
    rows = parsed.rows.map(legacyToImportRow);
    parseErrors = parsed.errors;
    sources = new Map(parsed.rows.map((r) => [r.line, r.dataSource]));
    questionColumns = parsed.questions;
  } else {
    const parsed = await parseUpload(source, options.now);
    rows = parsed.rows;
    parseErrors = parsed.errors;
  }
  const plan = await planImport(prisma, municipalityId, rows, { createMissingUnits: options.createMissingUnits });
  if (questionColumns.length) {
    const questions = await planImportQuestions(prisma, municipalityId, questionColumns, plan.rows);
    plan.questions = questions.questions;
    plan.errors.push(...questions.errors);
  }
  plan.errors = [...parseErrors, ...plan.errors].sort((a, b) => a.line - b.line);
  const units = await prisma.unit.findMany({ where: { municipalityId }, select: { id: true, name: true } });
  return { plan, summary: summarisePlan(plan, new Map(units.map((u) => [u.id, u.name])), sources) };
}

/** The preview as plain text lines, for the command line. */
export function describeSummary(summary: UploadSummary): string[] {
  const list = (items: [string, number][]) => items.map(([label, n]) => `${label}: ${n}`).join(", ");
  const lines = [
    `Rækker: ${summary.rows}, henvendelser: ${summary.totalQuantity}`,
    `Pr. enhed: ${list(summary.byUnit.map((u) => [u.name, u.quantity]))}`,
    `Pr. kanal: ${list(summary.byChannel.map((c) => [c.code, c.quantity]))}`,
    `Pr. datakilde: ${list(summary.bySource.map((s) => [s.source, s.quantity]))}`,
  ];
  if (summary.newUnits.length) lines.push(`Enheder, der oprettes: ${summary.newUnits.join(", ")}`);
  if (summary.newTaskNumbers.length) lines.push(`Opgavenumre, der oprettes som de står: ${summary.newTaskNumbers.join(", ")}`);
  for (const q of summary.questions ?? []) lines.push(`${questionHeading(q)}: ${list(q.options.map((o) => [o.label + (o.isNew ? " (ny)" : ""), o.answers]))}`);
  return lines;
}
