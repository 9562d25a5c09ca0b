import "server-only";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findEarlierImport } from "./content-hash";
import { earlierImportText } from "./content-hash-text";
import type { CsvSource } from "./csv-reader";
import { type ImportQuestionPlan, loadExistingQuestions } from "./import-questions";
import { ImportJob } from "./import-job";
import { type CommitSource, type ImportOptions, loadImportContext } from "./import-rows";
import type { AnswerColumns, RegistrationColumns } from "./insert-rows";
import { loadWeeksContext, roundJoins } from "./import-weeks";
import { describeImportWeeks } from "./import-weeks-text";
import type { ImportFileKind, PlanResult, StageResult } from "./import-worker";
import { bulkTargetOf } from "@/lib/database/bulk";
import { questionHeading, type UploadSummary } from "./upload-summary";

export type { ImportFileKind };

/** The errors a plan keeps with their lines (the web shows 500, the command line 200; the count is always whole). */
const MAX_ERRORS_KEPT = 1_000;

/** A file's plan: its rows stay in the import worker until they are written (commitImport) or the plan is closed. */
export interface FileImportPlan extends CommitSource {
  /** The first errors by line (at most MAX_ERRORS_KEPT); errorCount counts them all. */
  errors: { line: number; message: string }[];
  questions: ImportQuestionPlan[];
  /** The rows' content (content-hash.ts): the same rows a second time are refused unless confirmed. */
  contentHash: string;
  /** Lets the worker go; call it when the plan has been written or is not wanted. */
  close(): void;
}

/**
 * An uploaded file read and checked against the municipality, the same way for the web page, the
 * CLI and the benchmark: every error of the file with its line number, and the preview's summary —
 * with the counting weeks the rows fall in (and the rounds that would take in rows outside them) and
 * an earlier import of the same rows.
 * Reading, checking and planning the rows run in the import worker (import-worker.ts); this thread
 * only passes the bytes on and asks the database what the rows refer to. Nothing is written;
 * commitImport(plan) writes it all or nothing. Throws FileFormatError for a file that cannot be read
 * at all.
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
): Promise<{ plan: FileImportPlan; summary: UploadSummary }> {
  if (kind !== "legacy" && options.timedUnits?.length)
    throw new UserFacingError("Tidsmåling kan kun angives for gamle rådataudtræk (legacy).");
  const job = await ImportJob.open(kind, options.now ?? new Date());
  try {
    const read = await job.read(source);
    const [context, existingQuestions, weeks] = await Promise.all([
      loadImportContext(prisma, municipalityId, read.taskNumbers),
      read.questionColumns.length ? loadExistingQuestions(prisma, municipalityId) : [],
      loadWeeksContext(prisma, municipalityId),
    ]);
    const planned = (await job.request({
      op: "plan",
      municipalityId,
      context,
      createMissingUnits: Boolean(options.createMissingUnits),
      existingQuestions,
      maxErrors: MAX_ERRORS_KEPT,
      weeks,
      timedUnits: [...(options.timedUnits ?? [])],
    })) as PlanResult;
    const { summary: planSummary, unknownTimedUnits, ...counts } = planned;
    if (unknownTimedUnits.length) {
      throw new UserFacingError(`Enheder med tidsmåling findes ikke med start- og sluttid i filen: ${unknownTimedUnits.join(", ")}.`);
    }
    const summary: UploadSummary = { ...planSummary, earlierImport: await findEarlierImport(prisma, municipalityId, planned.contentHash) };
    const plan: FileImportPlan = {
      ...counts,
      municipalityId,
      registrations: async (from, to, chunkContext) =>
        (await job.request({ op: "registrations", from, to, context: chunkContext })) as RegistrationColumns,
      answers: async (from, to, questions) => (await job.request({ op: "answers", from, to, questions })) as AnswerColumns,
      // The worker writes the rows into import_staging itself, when the database lets a thread do so.
      stage: async (stagingId, stageOptions) => {
        const target = bulkTargetOf(prisma);
        if (!target) return null;
        return (await job.request(
          { op: "stage", target, stagingId, ...stageOptions },
          target.kind === "port" ? [target.port] : [],
        )) as StageResult;
      },
      close: () => job.close(),
    };
    return { plan, summary };
  } catch (error) {
    job.close();
    throw error;
  }
}

/**
 * The import options a file import adds to commitImport's: its source and batch kind, the file's
 * line of every row, the content hash, and — when the coordinator chose so — joining the rounds the
 * preview offered and importing the same rows again.
 */
export function fileImportOptions(
  kind: ImportFileKind,
  planned: { plan: { contentHash: string }; summary: UploadSummary },
  choices: { joinRounds?: boolean; allowDuplicate?: boolean },
): Pick<ImportOptions, "kind" | "source" | "keepFileLines" | "contentHash" | "allowDuplicate" | "joinRounds"> {
  return {
    // An old raw export's rows carry their own source (Datakilde); LEGACY_IMPORT is the batch's kind.
    kind: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
    source: kind === "legacy" ? "LEGACY_IMPORT" : "UPLOAD",
    keepFileLines: true,
    contentHash: planned.plan.contentHash,
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
  if (summary.timedUnits?.length) {
    const measured = summary.timedUnits.filter((t) => t.measured);
    lines.push(
      measured.length
        ? `Tidsmåling (tæller i Tidsforbrug): ${list(measured.map((t) => [t.login, t.rows]))}`
        : `Tidsmåling: ingen enhed (start- og sluttid gemmes, men tæller ikke i Tidsforbrug; angiv --timed-units for enheder, der målte tid: ${summary.timedUnits.map((t) => t.login).join(", ")})`,
    );
  }
  for (const q of summary.questions ?? [])
    lines.push(`${questionHeading(q)}: ${list(q.options.map((o) => [o.label + (o.isNew ? " (ny)" : ""), o.answers]))}`);
  return lines;
}
