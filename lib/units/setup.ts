import { recordAudit } from "@/lib/audit/audit";
import { localDateOnly } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import { FEJL_TASK } from "@/lib/reference/codes";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import type { ChannelsInput, CopyFromUnitInput, PackageTasksInput, TaskIdsInput, UnitOptionsInput } from "@/lib/units/schemas";
import { defaultChannelsFor } from "@/lib/units/default-channels";
import { beginSetupChange, loadUnit } from "@/lib/units/tree";

// What a unit counts: its channels and tasks, and its options (time measurement, test mode).

type UnitInput = { municipalityId: string; unitId: string };

async function unitChannelCodes(tx: Tx, unitId: string): Promise<string[]> {
  const rows = await tx.unitChannel.findMany({ where: { unitId }, select: { channelCode: true }, orderBy: { channelCode: "asc" } });
  return rows.map((r) => r.channelCode);
}

async function unitTaskNumbers(tx: Tx, unitId: string, taskIds?: string[]): Promise<string[]> {
  const rows = await tx.task.findMany({
    where: taskIds ? { id: { in: taskIds } } : { units: { some: { unitId } } },
    select: { number: true },
    orderBy: { number: "asc" },
  });
  return rows.map((r) => r.number);
}

/**
 * Sets which channels the unit has. Channels it keeps keep their place (and so their keys on the
 * registration screen); new ones go last, in the order given.
 */
async function writeChannels(tx: Tx, unitId: string, codes: string[]) {
  const unique = [...new Set(codes)];
  const known = await tx.channel.findMany({ where: { code: { in: unique } }, select: { code: true } });
  if (known.length !== unique.length) throw new UserFacingError("En af de valgte kanaler findes ikke.");
  const existing = await tx.unitChannel.findMany({ where: { unitId }, select: { channelCode: true, sortOrder: true } });
  const have = new Set(existing.map((c) => c.channelCode));
  await tx.unitChannel.deleteMany({ where: { unitId, channelCode: { notIn: unique } } });
  const next = Math.max(-1, ...existing.map((c) => c.sortOrder)) + 1;
  const added = unique.filter((code) => !have.has(code));
  if (added.length)
    await tx.unitChannel.createMany({ data: added.map((channelCode, i) => ({ unitId, channelCode, sortOrder: next + i })) });
}

/** Tasks a unit may count: KLE emner and grupper (and the special task) in force today. */
async function assertCountableTasks(tx: Tx, taskIds: string[], now: Date) {
  const tasks = await tx.task.findMany({
    where: { id: { in: taskIds } },
    select: { id: true, number: true, level: true, validTo: true },
  });
  if (tasks.length !== new Set(taskIds).size) throw new UserFacingError("En af de valgte opgaver findes ikke.");
  const bad = tasks.find((t) => t.level === "HOVEDGRUPPE");
  if (bad) throw new UserFacingError(`${bad.number} er en hovedgruppe. Vælg en gruppe (xx.xx) eller et emne (xx.xx.xx).`);
  const today = localDateOnly(now);
  const expired = tasks.find((t) => t.validTo && t.validTo.getTime() < today.getTime());
  if (expired) throw new UserFacingError(`${expired.number} er udgået af KLE og kan ikke vælges.`);
}

/** Adds tasks after the unit's last one, so no task it has changes key. */
async function addTasks(tx: Tx, unitId: string, taskIds: string[]): Promise<string[]> {
  const rows = await tx.unitTask.findMany({ where: { unitId }, select: { taskId: true, sortOrder: true } });
  const existing = new Set(rows.map((r) => r.taskId));
  const added = [...new Set(taskIds)].filter((id) => !existing.has(id));
  const next = Math.max(-1, ...rows.map((r) => r.sortOrder)) + 1;
  if (added.length) await tx.unitTask.createMany({ data: added.map((taskId, i) => ({ unitId, taskId, sortOrder: next + i })) });
  return added;
}

function audit(ctx: AdminContext, tx: Tx, unit: UnitInput, action: string, before: object, after: object) {
  return recordAudit(tx, {
    actorUserId: ctx.actorId,
    ip: ctx.ip,
    municipalityId: unit.municipalityId,
    unitId: unit.unitId,
    action,
    entityType: "unit",
    entityId: unit.unitId,
    before: before as never,
    after: after as never,
  });
}

export async function setUnitChannels(ctx: AdminContext, input: ChannelsInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const before = await unitChannelCodes(tx, unit.id);
    await writeChannels(tx, unit.id, input.channelCodes);
    const after = await unitChannelCodes(tx, unit.id);
    if (before.join() !== after.join()) await audit(ctx, tx, input, "unit.channels", { channels: before }, { channels: after });
  });
}

export async function addUnitTasks(ctx: AdminContext, input: TaskIdsInput): Promise<{ added: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    await assertCountableTasks(tx, input.taskIds, nowOf(ctx));
    const added = await addTasks(tx, unit.id, input.taskIds);
    if (added.length) await audit(ctx, tx, input, "unit.tasks.add", {}, { added: await unitTaskNumbers(tx, unit.id, added) });
    return { added: added.length };
  });
}

/** "Alle obligatoriske opgaver med ét klik": every obligatory task of a package (not those that left it). */
export async function addObligatoryPackageTasks(ctx: AdminContext, input: PackageTasksInput): Promise<{ added: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const pkg = await tx.taskPackage.findUnique({
      where: { id: input.packageId },
      select: { name: true, items: { where: { obligatory: true, removed: false }, select: { taskId: true } } },
    });
    if (!pkg) throw new UserFacingError("Opgavepakken findes ikke.");
    const added = await addTasks(
      tx,
      unit.id,
      pkg.items.map((i) => i.taskId),
    );
    if (added.length) {
      await audit(ctx, tx, input, "unit.tasks.add", {}, { package: pkg.name, added: await unitTaskNumbers(tx, unit.id, added) });
    }
    return { added: added.length };
  });
}

export async function removeUnitTasks(ctx: AdminContext, input: TaskIdsInput): Promise<{ removed: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const fejl = await tx.task.findUnique({ where: { number: FEJL_TASK.number }, select: { id: true } });
    if (fejl && input.taskIds.includes(fejl.id)) {
      throw new UserFacingError("Fejlhenvendelse tælles i alle enheder og kan ikke fjernes.");
    }
    const numbers = await unitTaskNumbers(tx, unit.id, input.taskIds);
    const { count } = await tx.unitTask.deleteMany({ where: { unitId: unit.id, taskId: { in: input.taskIds } } });
    if (count) await audit(ctx, tx, input, "unit.tasks.remove", { removed: numbers }, {});
    return { removed: count };
  });
}

/** Copies channels and/or tasks from another unit of the same municipality. */
export async function copyFromUnit(ctx: AdminContext, input: CopyFromUnitInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const source = await loadUnit(tx, input.municipalityId, input.sourceUnitId);
    const before = { channels: await unitChannelCodes(tx, unit.id), tasks: await unitTaskNumbers(tx, unit.id) };
    if (input.channels) {
      const codes = (
        await tx.unitChannel.findMany({
          where: { unitId: source.id },
          select: { channelCode: true },
          orderBy: [{ sortOrder: "asc" }, { channelCode: "asc" }],
        })
      ).map((c) => c.channelCode);
      // Replacing copies the other unit's order too.
      if (input.mode === "replace") await tx.unitChannel.deleteMany({ where: { unitId: unit.id } });
      await writeChannels(tx, unit.id, input.mode === "add" ? [...before.channels, ...codes] : codes);
    }
    if (input.tasks) {
      const sourceTasks = (
        await tx.unitTask.findMany({
          where: { unitId: source.id },
          select: { taskId: true },
          orderBy: [{ sortOrder: "asc" }, { taskId: "asc" }],
        })
      ).map((t) => t.taskId);
      if (input.mode === "replace") {
        const fejl = await tx.task.findUnique({ where: { number: FEJL_TASK.number }, select: { id: true } });
        const keep = fejl ? [fejl.id] : [];
        await tx.unitTask.deleteMany({ where: { unitId: unit.id, taskId: { notIn: keep } } });
      }
      await addTasks(tx, unit.id, sourceTasks);
    }
    const after = { channels: await unitChannelCodes(tx, unit.id), tasks: await unitTaskNumbers(tx, unit.id) };
    await audit(ctx, tx, input, "unit.copy", before, { ...after, from: source.name, mode: input.mode });
  });
}

export async function setUnitOptions(ctx: AdminContext, input: UnitOptionsInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (unit.timeMeasurement === input.timeMeasurement && unit.testMode === input.testMode) return;
    await tx.unit.update({
      where: { id: unit.id, municipalityId: input.municipalityId },
      data: { timeMeasurement: input.timeMeasurement, testMode: input.testMode },
    });
    await audit(
      ctx,
      tx,
      input,
      "unit.options",
      { timeMeasurement: unit.timeMeasurement, testMode: unit.testMode },
      { timeMeasurement: input.timeMeasurement, testMode: input.testMode },
    );
  });
}

/** Deletes the unit's test registrations (prøvetælling) in one go; real registrations are untouched. */
export async function deleteTestRegistrations(ctx: AdminContext, input: UnitInput): Promise<{ deleted: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const { count } = await tx.registration.deleteMany({
      where: { unitId: unit.id, municipalityId: input.municipalityId, isTest: true },
    });
    if (count === 0) throw new UserFacingError("Enheden har ingen testregistreringer.");
    await audit(ctx, tx, input, "unit.test-registrations.delete", { testRegistrations: count }, { testRegistrations: 0 });
    return { deleted: count };
  });
}

/** Puts the unit's channels back to the defaults for its kind of unit. */
export async function resetUnitChannels(ctx: AdminContext, input: UnitInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  const unit = await loadUnit(ctx.prisma, input.municipalityId, input.unitId);
  await setUnitChannels(ctx, { ...input, channelCodes: defaultChannelsFor(unit.kind) });
}
