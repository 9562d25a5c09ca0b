import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { isoWeekOf, localParts } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BatchKind, RegistrationSource, TimePrecision } from "@/lib/generated/prisma/enums";
import { channelAsksForm, taskLevelOfNumber } from "@/lib/reference/codes";
import { yielder } from "./csv-reader";
import { commitImportQuestions, type ImportQuestionPlan, removeUnusedImportQuestions } from "./import-questions";
import { insertRegistrations } from "./insert-rows";

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
  /** Whether start and end are a measured contact time; imports default to not measured. */
  measuredTime?: boolean;
  /** How much of occurredAt is real; default: a date only when the Danish time is exactly 00:00:00, else a time. */
  timePrecision?: TimePrecision;
  id?: string;
  /** Extra-question answers by the question column's header (old raw exports). */
  answers?: Record<string, string>;
}

/** The legacy login of the municipality-level unit that takes rows without a unit. */
export const MUNICIPALITY_LEVEL_LOGIN = "(kommune)";

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
}

/**
 * Writes a plan as one batch, all or nothing: if any row has an error, nothing is written.
 * Counting-week flags follow the municipality's weeks and local periods.
 */
export async function commitImport(prisma: PrismaClient, plan: ImportPlan, options: ImportOptions) {
  if (plan.errors.length) throw new UserFacingError(`Filen har ${plan.errors.length} fejl; intet er gemt.`);
  if (plan.rows.length === 0) throw new UserFacingError("Der er ingen rækker at gemme.");
  const [weeks, periods] = await Promise.all([
    prisma.municipalityCountingWeek.findMany({ where: { municipalityId: plan.municipalityId }, select: { isoYear: true, isoWeek: true } }),
    prisma.localCountingPeriod.findMany({ where: { municipalityId: plan.municipalityId }, select: { startsOn: true, endsOn: true } }),
  ]);
  const weekKeys = new Set(weeks.map((w) => `${w.isoYear}-${w.isoWeek}`));
  const inCounting = (at: Date, week: { isoYear: number; isoWeek: number }) =>
    weekKeys.has(`${week.isoYear}-${week.isoWeek}`) ||
    periods.some((p) => at.getTime() >= p.startsOn.getTime() && at.getTime() < p.endsOn.getTime() + 24 * 3600_000);

  return prisma.$transaction(
    async (tx) => {
      for (const number of plan.newTaskNumbers) {
        const level = taskLevelOfNumber(number) ?? "EMNE";
        await tx.task.upsert({
          where: { number },
          create: { number, title: `Opgave ${number} (fra import)`, level, source: "LEGACY" },
          update: {},
        });
      }
      const unitIds = new Map<string, string>();
      for (const login of plan.newUnits) {
        const unit = await tx.unit.create({
          data: {
            municipalityId: plan.municipalityId,
            name: login === MUNICIPALITY_LEVEL_LOGIN ? "Hele kommunen (uden enhed)" : login,
            legacyLogin: login,
          },
          select: { id: true },
        });
        unitIds.set(login, unit.id);
        await recordAudit(tx, {
          actorUserId: options.actorUserId,
          municipalityId: plan.municipalityId,
          unitId: unit.id,
          action: "unit.create",
          entityType: "unit",
          entityId: unit.id,
          after: { name: login, legacyLogin: login, reason: "import" },
        });
      }
      const created = await tx.task.findMany({ where: { number: { in: plan.newTaskNumbers } }, select: { id: true, number: true } });
      const newIds = new Map(created.map((t) => [t.number, t.id]));
      const batch = await tx.importBatch.create({
        data: {
          municipalityId: plan.municipalityId,
          createdById: options.actorUserId,
          kind: options.kind,
          fileName: options.fileName,
          apiTokenId: options.apiTokenId ?? null,
          rowCount: plan.rows.length,
          totalQuantity: plan.rows.reduce((sum, r) => sum + r.quantity, 0),
        },
        select: { id: true, rowCount: true, totalQuantity: true },
      });
      // Copenhagen's offset is whole hours, so every instant in one UTC hour has the same local date:
      // one (slow) Intl lookup per hour instead of per row.
      const weeks = new Map<number, ReturnType<typeof isoWeekOf>>();
      const weekOf = (at: Date) => {
        const hour = Math.floor(at.getTime() / 3600_000);
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
            taskId: r.taskId ?? newIds.get(r.taskNumber)!,
            channelCode: r.channelCode,
            contactTypeCode: r.contactTypeCode,
            closureCode: r.closureCode,
            // A question that was not asked is not an answer, whatever the file says (TraceTool wrote
            // NEJ on every telephone row): stored as not asked. docs/method.md, "Bases".
            form: channelAsksForm(r.channelCode) ? r.form : null,
            quantity: r.quantity,
            occurredAt: r.occurredAt,
            isoYear: week.isoYear,
            isoWeek: week.isoWeek,
            startedAt: r.startedAt ?? null,
            endedAt: r.endedAt ?? null,
            measuredTime: r.measuredTime ?? false,
            timePrecision: r.timePrecision ?? precisionOf(r.occurredAt),
            inCountingWeek: inCounting(r.occurredAt, week),
          };
        });
        written += await insertRegistrations(
          tx,
          { id: batch.id, municipalityId: plan.municipalityId, source: options.source, isTest: options.isTest ?? false },
          chunk,
          { skipExistingIds: options.skipExistingIds },
        );
      }
      const data = plan.rows;
      // Everything was written meanwhile by a request just like this one: leave no empty batch.
      if (written === 0) throw new NothingWrittenError();
      if (written !== data.length) {
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
          ...options.auditDetails,
        },
      });
      return batch;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * Imported rows without a stated precision: a row at exactly 00:00:00 Danish time (uploaded counts,
 * Det Digitale Landkort's rows, a date without a time) has only a date; any other has a time of day.
 */
export function precisionOf(occurredAt: Date): TimePrecision {
  if (occurredAt.getTime() % 1000 !== 0) return "TIME";
  const t = localParts(occurredAt);
  return t.hour === 0 && t.minute === 0 && t.second === 0 ? "DATE" : "TIME";
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
