import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import { FEJL_TASK } from "@/lib/reference/codes";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import { previousRound } from "@/lib/units/setup-snapshot";
import { beginSetupChange, loadUnit } from "@/lib/units/tree";
import type { MoveChannelInput, MoveTaskInput, SortByLastRoundInput } from "@/lib/units/schemas";

// The order of a unit's tasks and channels. The registration screen gives keys in this order
// (lib/registrations/keys.ts): 1–9, then letters. It is stored and changes only here, when the
// coordinator moves a task or channel or asks for the order of the last round's use once.

type Ids = { municipalityId: string; unitId: string };

/** The unit's tasks in their order (Fejlhenvendelse, which always has key 0, last). */
export async function orderedUnitTasks(tx: Pick<Tx, "unitTask">, unitId: string) {
  const rows = await tx.unitTask.findMany({
    where: { unitId },
    select: { taskId: true, sortOrder: true, task: { select: { number: true } } },
    orderBy: [{ sortOrder: "asc" }, { task: { number: "asc" } }],
  });
  return [...rows.filter((r) => r.task.number !== FEJL_TASK.number), ...rows.filter((r) => r.task.number === FEJL_TASK.number)];
}

/** The unit's channels in their order: inbound, then outbound (the screen's two groups). */
export async function orderedUnitChannels(tx: Pick<Tx, "unitChannel">, unitId: string) {
  const rows = await tx.unitChannel.findMany({
    where: { unitId },
    select: { channelCode: true, channel: { select: { direction: true } } },
    orderBy: [{ sortOrder: "asc" }, { channel: { sortOrder: "asc" } }],
  });
  return [...rows.filter((r) => r.channel.direction === "IN"), ...rows.filter((r) => r.channel.direction === "OUT")];
}

async function writeTaskOrder(tx: Tx, unitId: string, taskIds: string[]) {
  for (const [sortOrder, taskId] of taskIds.entries()) {
    await tx.unitTask.update({ where: { unitId_taskId: { unitId, taskId } }, data: { sortOrder } });
  }
}

async function writeChannelOrder(tx: Tx, unitId: string, codes: string[]) {
  for (const [sortOrder, channelCode] of codes.entries()) {
    await tx.unitChannel.update({ where: { unitId_channelCode: { unitId, channelCode } }, data: { sortOrder } });
  }
}

function audit(ctx: AdminContext, tx: Tx, ids: Ids, action: string, before: string[], after: string[]) {
  return recordAudit(tx, {
    actorUserId: ctx.actorId,
    ip: ctx.ip,
    municipalityId: ids.municipalityId,
    unitId: ids.unitId,
    action,
    entityType: "unit",
    entityId: ids.unitId,
    before: { order: before },
    after: { order: after },
  });
}

function swap<T>(list: T[], index: number, direction: "up" | "down"): T[] | null {
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= list.length) return null;
  const next = [...list];
  [next[index], next[other]] = [next[other], next[index]];
  return next;
}

async function taskNumbers(tx: Tx, taskIds: string[]): Promise<string[]> {
  const rows = await tx.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, number: true } });
  const byId = new Map(rows.map((r) => [r.id, r.number]));
  return taskIds.map((id) => byId.get(id) ?? id);
}

/** Moves one task a place up or down (Fejlhenvendelse has key 0 and no place). */
export async function moveUnitTask(ctx: AdminContext, input: MoveTaskInput): Promise<{ moved: boolean }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const ordered = (await orderedUnitTasks(tx, unit.id)).filter((r) => r.task.number !== FEJL_TASK.number).map((r) => r.taskId);
    const index = ordered.indexOf(input.taskId);
    if (index < 0) throw new UserFacingError("Opgaven tælles ikke i enheden.");
    const next = swap(ordered, index, input.direction);
    if (!next) return { moved: false };
    await writeTaskOrder(tx, unit.id, next);
    await audit(ctx, tx, input, "unit.tasks.order", await taskNumbers(tx, ordered), await taskNumbers(tx, next));
    return { moved: true };
  });
}

/** Moves one channel a place up or down among the unit's channels of the same direction. */
export async function moveUnitChannel(ctx: AdminContext, input: MoveChannelInput): Promise<{ moved: boolean }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const rows = await orderedUnitChannels(tx, unit.id);
    const moving = rows.find((r) => r.channelCode === input.channelCode);
    if (!moving) throw new UserFacingError("Kanalen er ikke valgt i enheden.");
    const group = rows.filter((r) => r.channel.direction === moving.channel.direction).map((r) => r.channelCode);
    const next = swap(group, group.indexOf(input.channelCode), input.direction);
    if (!next) return { moved: false };
    const before = rows.map((r) => r.channelCode);
    const codes = (d: "IN" | "OUT") => rows.filter((r) => r.channel.direction === d).map((r) => r.channelCode);
    const all = moving.channel.direction === "IN" ? [...next, ...codes("OUT")] : [...codes("IN"), ...next];
    await writeChannelOrder(tx, unit.id, all);
    await audit(ctx, tx, input, "unit.channels.order", before, all);
    return { moved: true };
  });
}

/**
 * "Sortér efter sidste rundes brug": orders the unit's tasks (or channels) once by how much the unit
 * registered on them in the last round the municipality counted that has ended — on the registration
 * screen first (those are the keys' users), then from every source — keeping the current order
 * between equals. Written once: later registrations never move a key.
 */
export async function sortByLastRound(ctx: AdminContext, input: SortByLastRoundInput): Promise<{ round: string | null; changed: boolean }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const last = await previousRound(tx, input.municipalityId, nowOf(ctx));
    if (!last) return { round: null, changed: false };
    const column = input.what === "tasks" ? Prisma.sql`r."task_id"::text` : Prisma.sql`r."channel_code"`;
    const uses = await tx.$queryRaw<{ key: string; screen: bigint; total: bigint }[]>`
      SELECT ${column} AS key,
             COALESCE(SUM(r."quantity") FILTER (WHERE r."source" IN ('MANUAL', 'UNIT_LOGIN')), 0) AS screen,
             SUM(r."quantity") AS total
      FROM "registration" r
      JOIN "municipality_counting_week" w
        ON w."municipality_id" = r."municipality_id" AND w."iso_year" = r."iso_year" AND w."iso_week" = r."iso_week"
      WHERE r."unit_id" = ${unit.id}::uuid AND r."municipality_id" = ${input.municipalityId}::uuid
        AND r."is_test" = false AND w."round_id" = ${last.id}::uuid
      GROUP BY 1`;
    const use = new Map(uses.map((u) => [u.key, u]));
    const byUse = (a: string, b: string) => {
      const ua = use.get(a);
      const ub = use.get(b);
      return Number(ub?.screen ?? 0n) - Number(ua?.screen ?? 0n) || Number(ub?.total ?? 0n) - Number(ua?.total ?? 0n);
    };
    if (input.what === "tasks") {
      const rows = await orderedUnitTasks(tx, unit.id);
      const before = rows.map((r) => r.taskId);
      const fejl = rows.filter((r) => r.task.number === FEJL_TASK.number).map((r) => r.taskId);
      const sorted = [...before.filter((id) => !fejl.includes(id))].sort(byUse); // stable: equals keep their order
      const after = [...sorted, ...fejl];
      const changed = after.join() !== before.join();
      if (changed) {
        await writeTaskOrder(tx, unit.id, after);
        await audit(ctx, tx, input, "unit.tasks.order", await taskNumbers(tx, before), await taskNumbers(tx, after));
      }
      return { round: last.name, changed };
    }
    const rows = await orderedUnitChannels(tx, unit.id);
    const before = rows.map((r) => r.channelCode);
    const group = (d: "IN" | "OUT") =>
      rows
        .filter((r) => r.channel.direction === d)
        .map((r) => r.channelCode)
        .sort(byUse);
    const after = [...group("IN"), ...group("OUT")];
    const changed = after.join() !== before.join();
    if (changed) {
      await writeChannelOrder(tx, unit.id, after);
      await audit(ctx, tx, input, "unit.channels.order", before, after);
    }
    return { round: last.name, changed };
  });
}
