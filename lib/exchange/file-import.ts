import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findEarlierImport, importContentHash } from "./content-hash";
import { earlierImportText } from "./content-hash-text";
import type { CsvSource } from "./csv-reader";
import { type ImportOptions, type ImportPlan, type ImportRow, planImport } from "./import-rows";
import { planImportQuestions } from "./import-questions";
import { analyseImportWeeks, roundJoins } from "./import-weeks";
import { describeImportWeeks } from "./import-weeks-text";
import { parseLegacyExport } from "./legacy-format";
import { legacyToImportRow } from "./legacy-import";
import { parseUpload } from "./upload-rows";
import { questionHeading, summarisePlan, type UploadSummary } from "./upload-summary";

export type ImportFileKind = "csv" | "legacy";

/**
 * An uploaded file read and checked against the municipality, the same way for the web page, the
 * CLI and the benchmark: every error of the file with its line number, and the preview's summary —
 * with the counting weeks the rows fall in (and the rounds that would take in rows outside them)
 * and an earlier import of the same rows. Nothing is written; commitImport(plan, fileImportOptions)
 * writes it all or nothing. Throws FileFormatError for a file that cannot be read at all.
 */
export async function planFileImport(
  prisma: PrismaClient,
  municipalityId: string,
  /** The file's bytes, or its chunks as they arrive (an upload streams straight from the request). */
  source: CsvSource,
  kind: ImportFileKind,
  options: { createMissingUnits?: boolean; now?: Date } = {},
): Promise<{ plan: ImportPlan; summary: UploadSummary; contentHash: string }> {
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
  const contentHash = importContentHash(plan.rows);
  const [units, weeks, earlierImport] = await Promise.all([
    prisma.unit.findMany({ where: { municipalityId }, select: { id: true, name: true } }),
    analyseImportWeeks(prisma, municipalityId, plan.rows),
    findEarlierImport(prisma, municipalityId, contentHash),
  ]);
  const summary = { ...summarisePlan(plan, new Map(units.map((u) => [u.id, u.name])), sources), weeks, earlierImport };
  return { plan, summary, contentHash };
}

/**
 * The import options a file import adds to commitImport's: its source and batch kind, the file's
 * line of every row, the content hash, and — when the coordinator chose so — joining the rounds the
 * preview offered and importing the same rows again.
 */
export function fileImportOptions(
  kind: ImportFileKind,
  planned: { summary: UploadSummary; contentHash: string },
  choices: { joinRounds?: boolean; allowDuplicate?: boolean },
): Pick<ImportOptions, "kind" | "source" | "keepFileLines" | "contentHash" | "allowDuplicate" | "joinRounds"> {
  return {
    // An old raw export's rows carry their own source (Datakilde); LEGACY_IMPORT is the batch's kind.
    kind: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
    source: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
    keepFileLines: true,
    contentHash: planned.contentHash,
    allowDuplicate: choices.allowDuplicate === true,
    joinRounds: choices.joinRounds && planned.summary.weeks ? roundJoins(planned.summary.weeks) : [],
  };
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
  if (summary.weeks?.weeks.length) {
    const weeks = describeImportWeeks(summary.weeks);
    lines.push(weeks.covers);
    for (const line of [weeks.outside, ...weeks.rounds, weeks.uncovered]) if (line) lines.push(line);
  }
  if (summary.earlierImport) lines.push(earlierImportText(summary.earlierImport));
  if (summary.newUnits.length) lines.push(`Enheder, der oprettes: ${summary.newUnits.join(", ")}`);
  if (summary.newTaskNumbers.length) lines.push(`Opgavenumre, der oprettes som de står: ${summary.newTaskNumbers.join(", ")}`);
  for (const q of summary.questions ?? []) lines.push(`${questionHeading(q)}: ${list(q.options.map((o) => [o.label + (o.isNew ? " (ny)" : ""), o.answers]))}`);
  return lines;
}
