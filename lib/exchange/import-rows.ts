import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { countingWeekFlagger, loadCountingCalendar, utcHourOf } from "@/lib/counting/in-counting-week";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BatchKind, RegistrationSource } from "@/lib/generated/prisma/enums";
import { DuplicateImportError, findEarlierImport } from "./content-hash";
import { yielder } from "./csv-reader";
import { commitImportQuestions, type ImportQuestionPlan, removeUnusedImportQuestions } from "./import-questions";
import { createMissing, MUNICIPALITY_LEVEL_LOGIN } from "./import-setup";
import { insertRegistrations } from "./insert-rows";
import { joinRoundWeeks, type RoundJoin } from "./round-join";

/** A row ready for the database, from any import (upload, legacy export, API, mass registration). */
export interface ImportRow {
  line: number;
  municipalityNumber: number;
  /** Unit name or old TraceTool login; empty = the municipality-level unit. */
  unit: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  occurredAt: Date;
  quantity: number;
  startedAt?: Date | null;
  endedAt?: Date | null;
  id?: string;
  /** Extra-question answers by the question column's header (old raw exports). */
  answers?: Record<string, string>;
  /** The row's own source (an old raw export's Datakilde); otherwise the import's. */
  source?: RegistrationSource;
}

export { MUNICIPALITY_LEVEL_LOGIN };

export interface ImportPlan {
  municipalityId: string;
  /** unitId null: the row goes to `newUnit`, a unit created when the plan is committed. */
  rows: (ImportRow & { unitId: string | null; newUnit?: string; taskId: string | null })[];
  /** Units to create on commit (old logins not found, and the municipality-level unit). */
  newUnits: string[];
  errors: { line: number; message: string }[];
  /** Task numbers not known in Spor yet; they are created (source LEGACY) and listed in the preview. */
  newTaskNumbers: string[];
  /** Extra-question columns and their answers (see import-questions.ts); absent for uploads. */
  questions?: ImportQuestionPlan[];
}

/**
 * Resolves units and tasks for rows of one municipality, reporting every row that does not fit.
 * Units are matched by name, old login or id among the municipality's active units — never another's.
 */
export async function planImport(
  prisma: PrismaClient,
  municipalityId: string,
  rows: ImportRow[],
  options: { createMissingUnits?: boolean } = {},
): Promise<ImportPlan> {
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { number: true } });
  const units = await prisma.unit.findMany({
    where: { municipalityId, archivedAt: null },
    select: { id: true, name: true, legacyLogin: true, parentId: true },
  });
  const byKey = new Map<string, string>();
  for (const u of units) {
    byKey.set(u.name.toLowerCase(), u.id);
    if (u.legacyLogin) byKey.set(u.legacyLogin.toLowerCase(), u.id);
    byKey.set(u.id, u.id);
  }
  const numbers = [...new Set(rows.map((r) => r.taskNumber))];
  const tasks = await prisma.task.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true } });
  const taskIds = new Map(tasks.map((t) => [t.number, t.id]));
  const errors: ImportPlan["errors"] = [];
  const planned: ImportPlan["rows"] = [];
  const newUnits = new Set<string>();
  const pause = yielder();
  for (const row of rows) {
    await pause();
    if (row.municipalityNumber !== municipality.number) {
      errors.push({ line: row.line, message: `Rækken er til kommune ${row.municipalityNumber}, ikke ${municipality.number}.` });
      continue;
    }
    // Rows without a unit go to the municipality-level unit (created on commit if missing).
    const key = row.unit || MUNICIPALITY_LEVEL_LOGIN;
    const unitId = byKey.get(key.toLowerCase());
    if (!unitId && row.unit && !options.createMissingUnits) {
      errors.push({ line: row.line, message: `Enheden "${row.unit}" findes ikke i kommunen.` });
      continue;
    }
    if (!unitId) {
      newUnits.add(key);
      planned.push(Object.assign(row, { unitId: null, newUnit: key, taskId: taskIds.get(row.taskNumber) ?? null }));
      continue;
    }
    // The row itself becomes the planned row (no copy: an upload has up to 200,000 of them).
    planned.push(Object.assign(row, { unitId, taskId: taskIds.get(row.taskNumber) ?? null }));
  }
  const newTaskNumbers = numbers.filter((n) => !taskIds.has(n)).sort();
  return { municipalityId, rows: planned, errors, newTaskNumbers, newUnits: [...newUnits].sort() };
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
  /** Store each row's line (`line`) so exports keep the file's order (file imports). */
  keepFileLines?: boolean;
  /** The rows' content hash (content-hash.ts); a batch with the same content is refused unless allowDuplicate. */
  contentHash?: string | null;
  allowDuplicate?: boolean;
  /** National rounds to join with these weeks before the rows are written (the preview's offer). */
  joinRounds?: RoundJoin[];
}

/**
 * Writes a plan as one batch, all or nothing: if any row has an error, nothing is written. Joins the
 * rounds asked for first; then every row's counting-week flag follows the municipality's weeks and
 * local periods as they stand in the same transaction (inCountingWeek, on the Copenhagen date).
 */
export async function commitImport(prisma: PrismaClient, plan: ImportPlan, options: ImportOptions) {
  if (plan.errors.length) throw new UserFacingError(`Filen har ${plan.errors.length} fejl; intet er gemt.`);
  if (plan.rows.length === 0) throw new UserFacingError("Der er ingen rækker at gemme.");

  return prisma.$transaction(
    async (tx) => {
      if (options.contentHash && !options.allowDuplicate) {
        const earlier = await findEarlierImport(tx, plan.municipalityId, options.contentHash);
        if (earlier) throw new DuplicateImportError(earlier);
      }
      for (const join of options.joinRounds ?? []) await joinRoundWeeks(tx, plan.municipalityId, join, options);
      const inside = countingWeekFlagger(await loadCountingCalendar(tx, plan.municipalityId));
      const { unitIds, taskIds } = await createMissing(tx, plan, options);
      const batch = await tx.importBatch.create({
        data: {
          municipalityId: plan.municipalityId,
          createdById: options.actorUserId,
          kind: options.kind,
          fileName: options.fileName,
          apiTokenId: options.apiTokenId ?? null,
          contentHash: options.contentHash ?? null,
          rowCount: plan.rows.length,
          totalQuantity: plan.rows.reduce((sum, r) => sum + r.quantity, 0),
        },
        select: { id: true, rowCount: true, totalQuantity: true },
      });
      // Copenhagen's offset is whole hours, so every instant in one UTC hour has the same local date:
      // one (slow) Intl lookup per hour instead of per row.
      const weeks = new Map<number, ReturnType<typeof isoWeekOf>>();
      const weekOf = (at: Date) => {
        const hour = utcHourOf(at);
        let week = weeks.get(hour);
        if (!week) weeks.set(hour, (week = isoWeekOf(at)));
        return week;
      };
      // Written in chunks, each built just before it is sent, so a large file is never held twice.
      const CHUNK = 10_000;
      let written = 0;
      for (let i = 0; i < plan.rows.length; i += CHUNK) {
        const chunk = plan.rows.slice(i, i + CHUNK).map((r) => {
          const week = weekOf(r.occurredAt);
          r.id ??= crypto.randomUUID();
          return {
            id: r.id,
            unitId: r.unitId ?? unitIds.get(r.newUnit!)!,
            taskId: r.taskId ?? taskIds.get(r.taskNumber)!,
            channelCode: r.channelCode,
            contactTypeCode: r.contactTypeCode,
            closureCode: r.closureCode,
            form: r.form,
            quantity: r.quantity,
            occurredAt: r.occurredAt,
            isoYear: week.isoYear,
            isoWeek: week.isoWeek,
            startedAt: r.startedAt ?? null,
            endedAt: r.endedAt ?? null,
            inCountingWeek: inside(r.occurredAt),
            source: r.source ?? options.source,
            fileLine: options.keepFileLines ? r.line : null,
          };
        });
        written += await insertRegistrations(
          tx,
          { id: batch.id, municipalityId: plan.municipalityId, isTest: options.isTest ?? false },
          chunk,
          { skipExistingIds: options.skipExistingIds },
        );
      }
      // Everything was written meanwhile by a request just like this one: leave no empty batch.
      if (written === 0) throw new NothingWrittenError();
      if (written !== plan.rows.length) {
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
      if (plan.questions?.length) {
        const rows = plan.rows.map((r) => ({ id: r.id!, answers: r.answers }));
        await commitImportQuestions(tx, plan.municipalityId, batch.id, plan.questions, rows);
      }
      await recordAudit(tx, {
        actorUserId: options.actorUserId,
        ip: options.ip ?? null,
        municipalityId: plan.municipalityId,
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
export async function undoBatch(prisma: PrismaClient, actorUserId: string | null, municipalityId: string, batchId: string, ip: string | null = null) {
  return prisma.$transaction(async (tx) => {
    const batch = await tx.importBatch.findFirst({
      where: { id: batchId, municipalityId, undoneAt: null },
      select: { id: true, kind: true, fileName: true, rowCount: true, totalQuantity: true },
    });
    if (!batch) throw new UserFacingError("Indlæsningen findes ikke, eller den er allerede fortrudt.", 404);
    const { count } = await tx.registration.deleteMany({ where: { batchId, municipalityId } });
    const removed = await removeUnusedImportQuestions(tx, batch.id);
    await tx.importBatch.update({ where: { id: batch.id }, data: { undoneAt: new Date() } });
    await recordAudit(tx, {
      actorUserId,
      ip,
      municipalityId,
      action: "batch.undo",
      entityType: "import_batch",
      entityId: batch.id,
      before: { ...batch, registrations: count, removedQuestions: removed.questions, removedOptions: removed.options },
    });
    return { deleted: count, removedQuestions: removed.questions };
  });
}
