import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CsvSource } from "./csv-reader";
import { type ImportPlan, type ImportRow, planImport } from "./import-rows";
import { planImportQuestions } from "./import-questions";
import { type LegacyRow, parseLegacyExport } from "./legacy-format";
import { UserFacingError } from "@/lib/errors";
import { legacyToImportRow, legacyUnitKey, timedUnits } from "./legacy-import";
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
  options: {
    createMissingUnits?: boolean;
    now?: Date;
    /** Old raw exports: the unit logins whose start and end were measured (legacy-import.ts); default none. */
    timedUnits?: readonly string[];
  } = {},
): Promise<{ plan: ImportPlan; summary: UploadSummary }> {
  let rows: ImportRow[];
  let parseErrors: { line: number; message: string }[];
  let sources: Map<number, string> | undefined;
  let questionColumns: string[] = [];
  let timed: UploadSummary["timedUnits"];
  if (kind === "legacy") {
    const parsed = await parseLegacyExport(source);
    const chosen = timedUnits(options.timedUnits);
    timed = timedCandidates(parsed.rows, chosen);
    const unknown = [...chosen].filter((login) => !timed!.some((t) => t.login.toLowerCase() === login));
    if (unknown.length) {
      throw new UserFacingError(`Enheder med tidsmåling findes ikke med start- og sluttid i filen: ${unknown.join(", ")}.`);
    }
    rows = parsed.rows.map((r) => legacyToImportRow(r, chosen));
    parseErrors = parsed.errors;
    sources = new Map(parsed.rows.map((r) => [r.line, r.dataSource]));
    questionColumns = parsed.questions;
  } else {
    if (options.timedUnits?.length) throw new UserFacingError("Tidsmåling kan kun angives for gamle rådataudtræk (legacy).");
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
  const summary = summarisePlan(plan, new Map(units.map((u) => [u.id, u.name])), sources);
  if (timed) summary.timedUnits = timed;
  return { plan, summary };
}

/** The units of an old raw export with start and end times, and whether the coordinator said they measured time. */
function timedCandidates(rows: readonly LegacyRow[], chosen: ReadonlySet<string>): NonNullable<UploadSummary["timedUnits"]> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (!r.startedAt || !r.endedAt) continue;
    const key = legacyUnitKey(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "da"))
    .map(([login, withTimes]) => ({ login, rows: withTimes, measured: chosen.has(login.toLowerCase()) }));
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
  if (summary.timedUnits?.length) {
    const measured = summary.timedUnits.filter((t) => t.measured);
    lines.push(
      measured.length
        ? `Tidsmåling (tæller i Tidsforbrug): ${list(measured.map((t) => [t.login, t.rows]))}`
        : `Tidsmåling: ingen enhed (start- og sluttid gemmes, men tæller ikke i Tidsforbrug; angiv --timed-units for enheder, der målte tid: ${summary.timedUnits.map((t) => t.login).join(", ")})`,
    );
  }
  for (const q of summary.questions ?? []) lines.push(`${questionHeading(q)}: ${list(q.options.map((o) => [o.label + (o.isNew ? " (ny)" : ""), o.answers]))}`);
  return lines;
}
