import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { loadCountingCalendar } from "@/lib/counting/in-counting-week";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BatchKind, RegistrationSource } from "@/lib/generated/prisma/enums";
import { DuplicateImportError, findEarlierImport } from "./content-hash";
import {
  answerColumns,
  createImportQuestions,
  type ImportQuestionPlan,
  removeUnusedImportQuestions,
  type ResolvedQuestion,
} from "./import-questions";
import {
  type AnswerColumns,
  clearStaging,
  INSERT_CHUNK,
  insertAnswers,
  insertRegistrations,
  MOVE_CHUNK,
  moveStagedRegistrations,
  type RegistrationColumns,
} from "./insert-rows";
import { createMissing } from "./import-setup";
import type { ImportPlan, ImportRow } from "./import-types";
import {
  type ChunkContext,
  hourFlags,
  type ImportContext,
  MUNICIPALITY_LEVEL_LOGIN,
  plainCalendar,
  planRows,
  RegistrationChunker,
  taskNumbersOf,
} from "./plan-rows";
import crypto from "node:crypto";
import { joinRoundWeeks, type RoundJoin } from "./round-join";
import { metrics, timed } from "@/lib/server/metrics.mjs";

export { MUNICIPALITY_LEVEL_LOGIN };
export type { ImportPlan, ImportRow } from "./import-types";

/**
 * Resolves units and tasks for rows of one municipality, reporting every row that does not fit
 * (planRows, with what the database knows).
 */
export async function planImport(
  prisma: PrismaClient,
  municipalityId: string,
  rows: ImportRow[],
  options: { createMissingUnits?: boolean } = {},
): Promise<ImportPlan> {
  const context = await loadImportContext(prisma, municipalityId, taskNumbersOf(rows));
  return planRows(municipalityId, rows, context, options);
}

/** The municipality's number, its active units by name, old login and id, and the known tasks among `taskNumbers`. */
export async function loadImportContext(
  prisma: PrismaClient,
  municipalityId: string,
  taskNumbers: string[],
): Promise<ImportContext & { unitNames: Map<string, string> }> {
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { number: true } });
  const units = await prisma.unit.findMany({
    where: { municipalityId, archivedAt: null },
    select: { id: true, name: true, legacyLogin: true },
  });
  const unitIdByKey = new Map<string, string>();
  for (const u of units) {
    unitIdByKey.set(u.name.toLowerCase(), u.id);
    if (u.legacyLogin) unitIdByKey.set(u.legacyLogin.toLowerCase(), u.id);
    unitIdByKey.set(u.id, u.id);
  }
  const tasks = await prisma.task.findMany({ where: { number: { in: taskNumbers } }, select: { id: true, number: true } });
  return {
    municipalityNumber: municipality.number,
    unitIdByKey,
    taskIdByNumber: new Map(tasks.map((t) => [t.number, t.id])),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
  };
}

/** With skipExistingIds: every row had been stored meanwhile, so no batch was made. */
export class NothingWrittenError extends Error {
  constructor() {
    super("Every row was already stored.");
    this.name = "NothingWrittenError";
  }
}

export interface ImportOptions {
  actorUserId: string | null;
  kind: BatchKind;
  source: RegistrationSource;
  fileName: string | null;
  /** The API token that sent the rows (kind API). */
  apiTokenId?: string | null;
  /**
   * Skip rows whose id is already stored (ON CONFLICT DO NOTHING) instead of failing: the API's
   * idempotency when two identical requests race. The batch then counts only the rows it wrote.
   */
  skipExistingIds?: boolean;
  /** The unit's test mode, for a mass registration into one unit; imports are never test data. */
  isTest?: boolean;
  /** What the batch holds, added to its audit event (a mass registration's unit and choices). */
  auditDetails?: Record<string, string | number | boolean | null>;
  /** The client's address for the audit event, when a request caused the import. */
  ip?: string | null;
  /** The one unit a mass registration writes to, so the audit log can be filtered by it. */
  auditUnitId?: string;
  /** Store each row's line so exports keep the file's order (file imports). */
  keepFileLines?: boolean;
  /** The rows' content hash (content-hash.ts); a batch with the same content is refused unless allowDuplicate. */
  contentHash?: string | null;
  allowDuplicate?: boolean;
  /** National rounds to join with these weeks before the rows are written (the preview's offer). */
  joinRounds?: RoundJoin[];
}

/**
 * A plan as the commit reads it: the counts, and the rows chunk by chunk as insert columns. A plan in
 * memory (planImport) is one; a file's plan is held by the import worker (file-import.ts), which
 * builds each chunk off the request thread.
 */
export interface CommitSource {
  municipalityId: string;
  newUnits: string[];
  newTaskNumbers: string[];
  questions?: ImportQuestionPlan[];
  errorCount: number;
  rowCount: number;
  totalQuantity: number;
  /** Rows [from, to) as insert columns; each row gets its registration id here. */
  registrations(from: number, to: number, context: ChunkContext): Promise<RegistrationColumns>;
  /** The answers of rows [from, to), after their registrations were built. */
  answers(from: number, to: number, questions: ResolvedQuestion[]): Promise<AnswerColumns>;
  /**
   * Writes every row into import_staging under `stagingId`, off the request thread (a file's plan:
   * the import worker on its own connection), before the transaction; null when it cannot, and the
   * rows then go chunk by chunk through registrations().
   */
  stage?(
    stagingId: string,
    options: { source: RegistrationSource; keepFileLines: boolean },
  ): Promise<{ rows: number; hours: number[] } | null>;
}

/** A plan in memory as a commit source. */
export function memorySource(plan: ImportPlan): CommitSource {
  let chunker: RegistrationChunker | undefined;
  return {
    ...plan,
    errorCount: plan.errors.length,
    rowCount: plan.rows.length,
    totalQuantity: plan.rows.reduce((sum, r) => sum + r.quantity, 0),
    registrations: async (from, to, context) => (chunker ??= new RegistrationChunker(context)).columns(plan.rows, from, to),
    answers: async (from, to, questions) => answerColumns(plan.rows, questions, from, to),
  };
}

/**
 * Writes a plan as one batch, all or nothing: if any row has an error, nothing is written, and the
 * rows go in chunks of INSERT_CHUNK inside one transaction. Joins the rounds asked for first; then
 * every row's counting-week flag follows the municipality's weeks and local periods as they stand in
 * the same transaction (inCountingWeek, on the Copenhagen date). The same rows as an earlier batch
 * are refused unless allowDuplicate.
 */
export async function commitImport(prisma: PrismaClient, plan: ImportPlan | CommitSource, options: ImportOptions) {
  const source = "rows" in plan ? memorySource(plan) : plan;
  if (source.errorCount) throw new UserFacingError(`Filen har ${source.errorCount} fejl; intet er gemt.`);
  if (source.rowCount === 0) throw new UserFacingError("Der er ingen rækker at gemme.");
  // A file's rows are staged first, outside the transaction, by the import worker; the transaction
  // then moves them with a few INSERT … SELECT (insert-rows.ts). The staged rows go in every case.
  if (source.stage && options.contentHash && !options.allowDuplicate) {
    // Refused before 200,000 rows are staged for nothing (checked again in the transaction).
    const earlier = await findEarlierImport(prisma, source.municipalityId, options.contentHash);
    if (earlier) throw new DuplicateImportError(earlier);
  }
  // spor_import_duration_seconds (staging included) and spor_registrations_stored_total by source.
  return timed(
    metrics().importSeconds,
    { kind: options.kind },
    async () => {
      const stagingId = crypto.randomUUID();
      const staged = source.stage
        ? await source.stage(stagingId, { source: options.source, keepFileLines: options.keepFileLines ?? false })
        : null;
      try {
        const batch = await writeBatch(prisma, source, options, staged && { stagingId, ...staged });
        metrics().registrations.inc({ source: options.source }, batch.rowCount);
        return batch;
      } finally {
        if (staged) await clearStaging(prisma, stagingId);
      }
    },
    true,
  );
}

async function writeBatch(
  prisma: PrismaClient,
  source: CommitSource,
  options: ImportOptions,
  staged: { stagingId: string; rows: number; hours: number[] } | null,
) {
  return prisma.$transaction(
    async (tx) => {
      if (options.contentHash && !options.allowDuplicate) {
        const earlier = await findEarlierImport(tx, source.municipalityId, options.contentHash);
        if (earlier) throw new DuplicateImportError(earlier);
      }
      for (const join of options.joinRounds ?? []) await joinRoundWeeks(tx, source.municipalityId, join, options);
      const { newUnitIds, newTaskIds } = await createMissing(tx, source, options.actorUserId);
      const batch = await tx.importBatch.create({
        data: {
          municipalityId: source.municipalityId,
          createdById: options.actorUserId,
          kind: options.kind,
          fileName: options.fileName,
          apiTokenId: options.apiTokenId ?? null,
          contentHash: options.contentHash ?? null,
          rowCount: source.rowCount,
          totalQuantity: source.totalQuantity,
        },
        select: { id: true, rowCount: true, totalQuantity: true },
      });
      const context: ChunkContext = {
        newUnitIds,
        newTaskIds,
        calendar: plainCalendar(await loadCountingCalendar(tx, source.municipalityId)),
        source: options.source,
        keepFileLines: options.keepFileLines ?? false,
      };
      const target = { id: batch.id, municipalityId: source.municipalityId, isTest: options.isTest ?? false };
      let written = 0;
      if (staged) {
        // Staged rows: moved with their new units and tasks and the flag of their hour, a few statements in all.
        if (staged.rows !== source.rowCount) throw new Error(`Staged ${staged.rows} rows of ${source.rowCount}.`);
        const resolved = { newUnitIds, newTaskIds, hours: staged.hours, flags: hourFlags(staged.hours, context.calendar) };
        for (let from = 0; from < staged.rows; from += MOVE_CHUNK) {
          written += await moveStagedRegistrations(tx, target, staged.stagingId, { from, to: from + MOVE_CHUNK }, resolved);
        }
        if (written !== staged.rows) throw new Error(`Moved ${written} staged rows of ${staged.rows}.`);
      }
      // Chunk by chunk, the next one built (in the worker, for a file) while this one is written.
      const chunk = (from: number) => {
        if (from >= source.rowCount) return null;
        const built = source.registrations(from, from + INSERT_CHUNK, context);
        built.catch(() => {}); // awaited below; not an unhandled rejection while the previous chunk is written
        return built;
      };
      let next = staged ? null : chunk(0);
      for (let from = 0; next; from += INSERT_CHUNK) {
        const columns = await next;
        next = chunk(from + INSERT_CHUNK);
        written += await insertRegistrations(tx, target, columns, { skipExistingIds: options.skipExistingIds });
      }
      // Everything was written meanwhile by a request just like this one: leave no empty batch.
      if (written === 0) throw new NothingWrittenError();
      if (written !== source.rowCount) {
        const totals = await tx.registration.aggregate({ where: { batchId: batch.id }, _count: true, _sum: { quantity: true } });
        Object.assign(
          batch,
          await tx.importBatch.update({
            where: { id: batch.id },
            data: { rowCount: totals._count, totalQuantity: totals._sum.quantity ?? 0 },
            select: { id: true, rowCount: true, totalQuantity: true },
          }),
        );
      }
      if (source.questions?.length) {
        const questions = await createImportQuestions(tx, source.municipalityId, batch.id, source.questions);
        for (let from = 0; questions.length && from < source.rowCount; from += INSERT_CHUNK) {
          await insertAnswers(tx, await source.answers(from, from + INSERT_CHUNK, questions));
        }
      }
      await recordAudit(tx, {
        actorUserId: options.actorUserId,
        ip: options.ip ?? null,
        municipalityId: source.municipalityId,
        unitId: options.auditUnitId ?? null,
        action: "batch.create",
        entityType: "import_batch",
        entityId: batch.id,
        after: {
          kind: options.kind,
          fileName: options.fileName,
          rowCount: batch.rowCount,
          totalQuantity: batch.totalQuantity,
          ...(options.allowDuplicate && options.contentHash ? { confirmedDuplicate: true } : {}),
          ...options.auditDetails,
        },
      });
      return batch;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Undoes a batch of the given municipality: its registrations are deleted, the batch is kept as undone. */
export async function undoBatch(
  prisma: PrismaClient,
  actorUserId: string | null,
  municipalityId: string,
  batchId: string,
  ip: string | null = null,
) {
  return prisma.$transaction(async (tx) => {
    const batch = await tx.importBatch.findFirst({
      where: { id: batchId, municipalityId, undoneAt: null },
      select: { id: true, kind: true, fileName: true, rowCount: true, totalQuantity: true },
    });
    if (!batch) throw new UserFacingError("Indlæsningen findes ikke, eller den er allerede fortrudt.", 404);
    const { count } = await tx.registration.deleteMany({ where: { batchId, municipalityId } });
    // A reference-count batch (lib/coverage) holds reference counts instead of registrations.
    const references = await tx.referenceCount.deleteMany({ where: { batchId, municipalityId } });
    // A self-service batch (lib/self-service: KL's vendor file, a coordinator's grid) holds self-service counts.
    const selfService = await tx.selfServiceCount.deleteMany({ where: { batchId, municipalityId } });
    const removed = await removeUnusedImportQuestions(tx, batch.id);
    await tx.importBatch.update({ where: { id: batch.id }, data: { undoneAt: new Date() } });
    await recordAudit(tx, {
      actorUserId,
      ip,
      municipalityId,
      action: "batch.undo",
      entityType: "import_batch",
      entityId: batch.id,
      before: {
        ...batch,
        registrations: count,
        referenceCounts: references.count,
        selfServiceCounts: selfService.count,
        removedQuestions: removed.questions,
        removedOptions: removed.options,
      },
    });
    return { deleted: count + references.count + selfService.count, removedQuestions: removed.questions };
  });
}
