import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import { normaliseName } from "@/lib/units/default-channels";
import { previousRound, readSetup, type SetupSnapshot, type SnapshotUnit, targetRound } from "@/lib/units/setup-snapshot";
import { beginSetupChange } from "@/lib/units/tree";

// "Start fra sidste runde": puts back the units, channels, tasks and options the municipality had
// when its last round ended (see setup-snapshot.ts for how that setup is kept), and, for the round
// being prepared, adds the tasks its package newly makes obligatory to the units that counted the
// last round's obligatory tasks. Units created since are left alone; nothing is ever deleted.

export interface StartPlan {
  from: { id: string; name: string; saved: boolean };
  to: { id: string; name: string; packageName: string | null } | null;
  unitsCreated: number;
  unitsReactivated: number;
  unitsMoved: number;
  unitsChanged: number;
  channelChanges: number;
  taskChanges: number;
  obligatoryAdded: number;
  skipped: string[];
}

interface Operations {
  plan: StartPlan;
  apply: (tx: Tx, municipalityId: string) => Promise<void>;
}

type Client = Tx;

function diff<T>(a: T[], b: T[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  return [...sa].filter((x) => !sb.has(x)).length + [...sb].filter((x) => !sa.has(x)).length;
}

async function buildOperations(tx: Client, municipalityId: string, now: Date): Promise<Operations | null> {
  const last = await previousRound(tx, municipalityId, now);
  if (!last) return null;
  const current = await readSetup(tx, municipalityId);
  const wanted: SetupSnapshot = last.snapshot ?? current;
  const existingTaskIds = new Set(
    (await tx.task.findMany({ where: { id: { in: wanted.units.flatMap((u) => u.taskIds) } }, select: { id: true } })).map((t) => t.id),
  );
  const target = await targetRound(tx, municipalityId, now);
  const next = target && target.id !== last.id ? target : null;

  const byId = new Map(current.units.map((u) => [u.id, u]));
  const result = new Map(current.units.map((u) => [u.id, { ...u }]));
  const plan: StartPlan = {
    from: { id: last.id, name: last.name, saved: last.snapshot !== null },
    to: next ? { id: next.id, name: next.name, packageName: next.package?.name ?? null } : null,
    unitsCreated: 0,
    unitsReactivated: 0,
    unitsMoved: 0,
    unitsChanged: 0,
    channelChanges: 0,
    taskChanges: 0,
    obligatoryAdded: 0,
    skipped: [],
  };
  const steps: ((tx: Tx) => Promise<unknown>)[] = [];

  // Parents before children, so a recreated unit's parent exists when it is created.
  const depth = (u: SnapshotUnit): number => {
    const parent = wanted.units.find((p) => p.id === u.parentId);
    return parent ? 1 + depth(parent) : 0;
  };
  const ordered = [...wanted.units].filter((u) => !u.archived).sort((a, b) => depth(a) - depth(b));
  const siblingsClash = (u: SnapshotUnit) =>
    [...result.values()].some((o) => o.id !== u.id && o.parentId === u.parentId && normaliseName(o.name) === normaliseName(u.name));

  for (const u of ordered) {
    const taskIds = u.taskIds.filter((id) => existingTaskIds.has(id));
    const now_ = byId.get(u.id);
    if (u.parentId && !result.has(u.parentId)) {
      plan.skipped.push(`${u.name}: den overordnede enhed findes ikke længere`);
      continue;
    }
    if (!now_) {
      if (siblingsClash(u)) {
        plan.skipped.push(`${u.name}: der findes allerede en enhed med det navn samme sted`);
        continue;
      }
      plan.unitsCreated++;
      result.set(u.id, { ...u, taskIds });
      steps.push((t) =>
        t.unit.create({
          data: {
            id: u.id,
            municipalityId,
            parentId: u.parentId,
            name: u.name,
            kind: u.kind,
            timeMeasurement: u.timeMeasurement,
            channels: { create: u.channels.map((channelCode, sortOrder) => ({ channelCode, sortOrder })) },
            tasks: { create: taskIds.map((taskId, sortOrder) => ({ taskId, sortOrder })) },
          },
        }),
      );
      continue;
    }
    const data: Prisma.UnitUncheckedUpdateInput = {};
    if (now_.archived) {
      plan.unitsReactivated++;
      data.archivedAt = null;
    }
    if (now_.parentId !== u.parentId) {
      if (siblingsClash(u)) plan.skipped.push(`${u.name}: ikke flyttet tilbage, da en anden enhed samme sted har navnet`);
      else {
        plan.unitsMoved++;
        data.parentId = u.parentId;
        result.set(u.id, { ...result.get(u.id)!, parentId: u.parentId });
      }
    }
    if (now_.kind !== u.kind) data.kind = u.kind;
    if (now_.timeMeasurement !== u.timeMeasurement) data.timeMeasurement = u.timeMeasurement;
    const channelDiff = diff(now_.channels, u.channels);
    const taskDiff = diff(now_.taskIds, taskIds);
    plan.channelChanges += channelDiff;
    plan.taskChanges += taskDiff;
    if (Object.keys(data).length || channelDiff || taskDiff) plan.unitsChanged++;
    if (Object.keys(data).length) steps.push((t) => t.unit.update({ where: { id: u.id, municipalityId }, data }));
    if (channelDiff) {
      steps.push(async (t) => {
        await t.unitChannel.deleteMany({ where: { unitId: u.id } });
        await t.unitChannel.createMany({ data: u.channels.map((channelCode, sortOrder) => ({ unitId: u.id, channelCode, sortOrder })) });
      });
    }
    if (taskDiff) {
      steps.push(async (t) => {
        await t.unitTask.deleteMany({ where: { unitId: u.id } });
        await t.unitTask.createMany({ data: taskIds.map((taskId, sortOrder) => ({ unitId: u.id, taskId, sortOrder })) });
      });
    }
    result.set(u.id, { ...result.get(u.id)!, archived: false, taskIds });
  }

  // Tasks that became obligatory with the next round's package, for the units that counted the last
  // round's obligatory tasks. Tasks obligatory in both are already there (or were deliberately left out).
  if (next?.packageId && next.packageId !== last.packageId) {
    const items = async (packageId: string | null) =>
      packageId
        ? (await tx.taskPackageItem.findMany({ where: { packageId, obligatory: true, removed: false }, select: { taskId: true } })).map(
            (i) => i.taskId,
          )
        : [];
    const lastObligatory = new Set(await items(last.packageId));
    const nextObligatory = (await items(next.packageId)).filter((id) => !lastObligatory.has(id));
    for (const unit of result.values()) {
      if (unit.archived || !unit.taskIds.some((id) => lastObligatory.has(id))) continue;
      const missing = nextObligatory.filter((id) => !unit.taskIds.includes(id));
      if (!missing.length) continue;
      plan.obligatoryAdded += missing.length;
      // After the unit's own tasks, so none of them changes key.
      steps.push(async (t) => {
        const last = (await t.unitTask.aggregate({ where: { unitId: unit.id }, _max: { sortOrder: true } }))._max.sortOrder ?? -1;
        await t.unitTask.createMany({
          data: missing.map((taskId, i) => ({ unitId: unit.id, taskId, sortOrder: last + 1 + i })),
          skipDuplicates: true,
        });
      });
    }
  }

  return {
    plan,
    apply: async (t) => {
      for (const step of steps) await step(t);
    },
  };
}

/** What "Start fra sidste runde" would do now (for the confirmation), or null without an earlier round. */
export async function planStartFromLastRound(prisma: AdminContext["prisma"], municipalityId: string, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => (await buildOperations(tx, municipalityId, now))?.plan ?? null);
}

export function planIsEmpty(plan: StartPlan): boolean {
  return (
    plan.unitsCreated +
      plan.unitsReactivated +
      plan.unitsMoved +
      plan.unitsChanged +
      plan.channelChanges +
      plan.taskChanges +
      plan.obligatoryAdded ===
    0
  );
}

export async function startFromLastRound(ctx: AdminContext, input: { municipalityId: string }): Promise<StartPlan> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const ops = await buildOperations(tx, input.municipalityId, nowOf(ctx));
    if (!ops) throw new UserFacingError("Kommunen har ikke talt i en tidligere runde, så der er ingen opsætning at starte fra.");
    const before = await readSetup(tx, input.municipalityId);
    await ops.apply(tx, input.municipalityId);
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "setup.start-from-last-round",
      entityType: "municipality",
      entityId: input.municipalityId,
      before: before as unknown as Prisma.InputJsonValue,
      after: ops.plan as unknown as Prisma.InputJsonValue,
    });
    return ops.plan;
  });
}
