import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { type AdminContext, assertAdminister } from "@/lib/actions/context";
import { consecutiveIsoWeeks, isoWeekKey } from "@/lib/counting/iso-week";
import { ProblemListError } from "@/lib/actions/form-state";
import { UserFacingError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { SelfServiceFigure, SelfServiceSource } from "@/lib/generated/prisma/enums";

// A coordinator's own self-service counts, keyed in a task × week grid from the statistics module of
// the self-service solution or case system, or from the counter script on borger.dk
// (docs/coordinators.md). Saving the grid is one batch (kind SELF_SERVICE_GRID), undoable under Data;
// saving again replaces the round's earlier grid (its batch is undone in the same transaction). An
// empty cell is no figure; 0 is a figure.

export const GRID_SOURCES = {
  STATISTICS_MODULE: "statistikmodul",
  COUNTER_SCRIPT: "tællerscript",
} as const satisfies Partial<Record<SelfServiceSource, string>>;
export type GridSource = keyof typeof GRID_SOURCES;

const MAX_CELL = 10_000_000;

export interface GridInput {
  municipalityId: string;
  roundId: string;
  source: GridSource;
  solution: string | null;
  /** Field name `c_<taskId>_<weekKey>` → the text typed. */
  cells: Record<string, string>;
}

/** The round's weeks and package tasks (Fejlhenvendelse is not a task with applications). */
export async function gridFrame(prisma: AdminContext["prisma"], roundId: string) {
  const round = await prisma.countingRound.findUnique({
    where: { id: roundId },
    select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true, packageId: true },
  });
  if (!round) throw new UserFacingError("Runden findes ikke.", 404);
  const weeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  const items = round.packageId
    ? await prisma.taskPackageItem.findMany({
        where: { packageId: round.packageId, removed: false, task: { number: { not: "FEJL" } } },
        select: { taskId: true, title: true, task: { select: { number: true } } },
        orderBy: [{ sortOrder: "asc" }, { task: { number: "asc" } }],
      })
    : [];
  return {
    round,
    weeks,
    tasks: items.map((i) => ({ id: i.taskId, number: i.task.number, title: i.title })),
  };
}

/** Saves the grid as one batch, replacing the round's earlier grid; audit-logged. */
export async function saveSelfServiceGrid(ctx: AdminContext, input: GridInput) {
  assertAdminister(ctx, input.municipalityId);
  const { round, weeks, tasks } = await gridFrame(ctx.prisma, input.roundId);
  const weekKeys = new Set(weeks.map(isoWeekKey));
  const taskIds = new Map(tasks.map((t) => [t.id, t]));
  const rows: { taskId: string; isoYear: number; isoWeek: number; count: number }[] = [];
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(input.cells)) {
    const text = raw.trim().replace(/\./g, "");
    if (text === "") continue;
    // A cell's field name is c_<task id>_<iso year and week, e.g. 202618> (the grid component's naming).
    const [prefix, taskId, key] = name.split("_");
    const task = prefix === "c" && isId(taskId) && /^\d{6}$/.test(key ?? "") ? taskIds.get(taskId) : undefined;
    if (!task || !weekKeys.has(Number(key)))
      throw new UserFacingError("Skemaet passer ikke til rundens opgaver og uger. Hent siden igen.", 422);
    const count = Number(text);
    if (!Number.isInteger(count) || count < 0 || count > MAX_CELL) {
      problems.push(`${task.number} ${task.title}, uge ${Number(key) % 100}: "${raw.trim()}" skal være et helt tal fra 0.`);
      continue;
    }
    rows.push({ taskId: task.id, isoYear: Math.floor(Number(key) / 100), isoWeek: Number(key) % 100, count });
  }
  if (problems.length) throw new ProblemListError(`Skemaet har ${problems.length} fejl. Intet er gemt.`, problems);
  const total = rows.reduce((s, r) => s + r.count, 0);
  return ctx.prisma.$transaction(async (tx) => {
    const earlier = await tx.importBatch.findMany({
      where: {
        municipalityId: input.municipalityId,
        kind: "SELF_SERVICE_GRID",
        undoneAt: null,
        selfServiceCounts: { some: { OR: weeks.map((w) => ({ isoYear: w.isoYear, isoWeek: w.isoWeek })) } },
      },
      select: { id: true },
    });
    if (earlier.length) {
      await tx.selfServiceCount.deleteMany({ where: { batchId: { in: earlier.map((b) => b.id) } } });
      await tx.importBatch.updateMany({ where: { id: { in: earlier.map((b) => b.id) } }, data: { undoneAt: new Date() } });
    }
    const batch = await tx.importBatch.create({
      data: {
        municipalityId: input.municipalityId,
        createdById: ctx.actorId,
        kind: "SELF_SERVICE_GRID",
        fileName: `${round.name}: ${GRID_SOURCES[input.source]}${input.solution ? ` (${input.solution})` : ""}`.slice(0, 200),
        rowCount: rows.length,
        totalQuantity: total,
      },
      select: { id: true },
    });
    await tx.selfServiceCount.createMany({
      data: rows.map((r) => ({
        ...r,
        municipalityId: input.municipalityId,
        source: input.source,
        solution: input.solution,
        batchId: batch.id,
      })),
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "selfservice.grid.save",
      entityType: "import_batch",
      entityId: batch.id,
      before: earlier.length ? { replacedBatches: earlier.map((b) => b.id) } : undefined,
      after: { roundId: round.id, source: input.source, solution: input.solution, rowCount: rows.length, totalQuantity: total },
    });
    return { batchId: batch.id, rows: rows.length, total, replaced: earlier.length > 0, roundName: round.name };
  });
}

/** The coordinator chooses, for one task, which figure counts where both exist; audit-logged. */
export async function setSelfServiceChoice(
  ctx: AdminContext,
  input: { municipalityId: string; taskId: string; choice: SelfServiceFigure },
): Promise<{ taskNumber: string }> {
  assertAdminister(ctx, input.municipalityId);
  const task = await ctx.prisma.task.findUnique({ where: { id: input.taskId }, select: { number: true } });
  if (!task) throw new UserFacingError("Opgaven findes ikke.", 404);
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.selfServiceChoice.findUnique({
      where: { municipalityId_taskId: { municipalityId: input.municipalityId, taskId: input.taskId } },
      select: { choice: true },
    });
    await tx.selfServiceChoice.upsert({
      where: { municipalityId_taskId: { municipalityId: input.municipalityId, taskId: input.taskId } },
      create: { municipalityId: input.municipalityId, taskId: input.taskId, choice: input.choice, chosenById: ctx.actorId },
      update: { choice: input.choice, chosenById: ctx.actorId, chosenAt: new Date() },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "selfservice.choice",
      entityType: "task",
      entityId: input.taskId,
      before: { choice: before?.choice ?? "OWN" },
      after: { choice: input.choice },
    });
  });
  return { taskNumber: task.number };
}
