import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import { FEJL_TASK } from "@/lib/reference/codes";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import { defaultChannelsFor, normaliseName } from "@/lib/units/default-channels";
import type { CreateUnitInput, MoveUnitInput, UpdateUnitInput } from "@/lib/units/schemas";
import { captureEndedRoundSnapshots } from "@/lib/units/setup-snapshot";

// The unit tree: create, rename, move, archive, reactivate and delete. Every query carries the
// municipality id next to the unit id, so another municipality's unit is simply "not found".

const NOT_FOUND = "Enheden findes ikke i kommunen.";

export async function loadUnit(tx: Pick<Tx, "unit">, municipalityId: string, unitId: string) {
  const unit = await tx.unit.findFirst({
    where: { id: unitId, municipalityId },
    select: { id: true, name: true, parentId: true, kind: true, archivedAt: true, timeMeasurement: true, testMode: true },
  });
  if (!unit) throw new UserFacingError(NOT_FOUND, 404);
  return unit;
}

/** Begins a change to a municipality's setup: scope check, then the setup of ended rounds is saved. */
export async function beginSetupChange(ctx: AdminContext, tx: Tx, municipalityId: string): Promise<void> {
  assertAdminister(ctx, municipalityId);
  await captureEndedRoundSnapshots(tx, municipalityId, nowOf(ctx));
}

async function assertFreeName(tx: Tx, municipalityId: string, parentId: string | null, name: string, exceptId?: string) {
  const siblings = await tx.unit.findMany({
    where: { municipalityId, parentId },
    select: { id: true, name: true, archivedAt: true },
  });
  const clash = siblings.find((s) => s.id !== exceptId && normaliseName(s.name) === normaliseName(name));
  if (!clash) return;
  const parent = parentId ? await loadUnit(tx, municipalityId, parentId) : null;
  const where = parent ? `under "${parent.name}"` : "på øverste niveau";
  const archived = clash.archivedAt ? " Den er arkiveret – genaktivér den i stedet for at oprette en ny." : "";
  throw new UserFacingError(`Der findes allerede en enhed med navnet "${clash.name}" ${where}.${archived}`);
}

async function activeParent(tx: Tx, municipalityId: string, parentId: string | null) {
  if (!parentId) return null;
  const parent = await tx.unit.findFirst({ where: { id: parentId, municipalityId }, select: { id: true, name: true, archivedAt: true } });
  if (!parent) throw new UserFacingError("Den overordnede enhed findes ikke i kommunen.");
  if (parent.archivedAt) throw new UserFacingError(`"${parent.name}" er arkiveret og kan ikke have aktive underenheder.`);
  return parent;
}

export async function createUnit(ctx: AdminContext, input: CreateUnitInput): Promise<{ id: string }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    await activeParent(tx, input.municipalityId, input.parentId);
    await assertFreeName(tx, input.municipalityId, input.parentId, input.name);
    const id = crypto.randomUUID();
    const kind = input.kind;
    const channels = defaultChannelsFor(kind);
    const fejl = await tx.task.findUnique({ where: { number: FEJL_TASK.number }, select: { id: true } });
    await tx.unit.create({
      data: {
        id,
        municipalityId: input.municipalityId,
        parentId: input.parentId,
        name: input.name,
        kind,
        channels: { create: channels.map((channelCode, sortOrder) => ({ channelCode, sortOrder })) },
        tasks: fejl ? { create: [{ taskId: fejl.id }] } : undefined,
      },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: id,
      action: "unit.create",
      entityType: "unit",
      entityId: id,
      after: { name: input.name, parentId: input.parentId, kind, channels },
    });
    return { id };
  });
}

export async function updateUnit(ctx: AdminContext, input: UpdateUnitInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (unit.name === input.name && unit.kind === input.kind) return;
    await assertFreeName(tx, input.municipalityId, unit.parentId, input.name, unit.id);
    await tx.unit.update({ where: { id: unit.id, municipalityId: input.municipalityId }, data: { name: input.name, kind: input.kind } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: unit.id,
      action: "unit.update",
      entityType: "unit",
      entityId: unit.id,
      before: { name: unit.name, kind: unit.kind },
      after: { name: input.name, kind: input.kind },
    });
  });
}

/** The ids of a unit and every unit below it. */
export async function subtreeIds(tx: Pick<Tx, "unit">, municipalityId: string, rootId: string): Promise<string[]> {
  const all = await tx.unit.findMany({ where: { municipalityId }, select: { id: true, parentId: true } });
  const children = new Map<string, string[]>();
  for (const u of all) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export async function moveUnit(ctx: AdminContext, input: MoveUnitInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (unit.parentId === input.parentId) return;
    if (input.parentId && (await subtreeIds(tx, input.municipalityId, unit.id)).includes(input.parentId)) {
      throw new UserFacingError("En enhed kan ikke flyttes ind under sig selv eller en af sine egne underenheder.");
    }
    const parent = await activeParent(tx, input.municipalityId, input.parentId);
    if (parent && unit.archivedAt === null && parent.archivedAt) throw new UserFacingError("Vælg en aktiv overordnet enhed.");
    await assertFreeName(tx, input.municipalityId, input.parentId, unit.name, unit.id);
    await tx.unit.update({ where: { id: unit.id, municipalityId: input.municipalityId }, data: { parentId: input.parentId } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: unit.id,
      action: "unit.move",
      entityType: "unit",
      entityId: unit.id,
      before: { parentId: unit.parentId },
      after: { parentId: input.parentId },
    });
  });
}

/** Ends the sessions of a set of users at once (their session rows are the sessions). */
/** Ends the users' sessions; returns how many there were. */
export async function endSessions(tx: Pick<Tx, "session">, userIds: string[]): Promise<number> {
  if (!userIds.length) return 0;
  return (await tx.session.deleteMany({ where: { userId: { in: userIds } } })).count;
}

/** Archives a unit and the units below it. Their registrations stay, and stay in the reports. */
export async function archiveUnit(ctx: AdminContext, input: { municipalityId: string; unitId: string }): Promise<{ archived: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (unit.archivedAt) throw new UserFacingError(`"${unit.name}" er allerede arkiveret.`);
    const ids = await subtreeIds(tx, input.municipalityId, unit.id);
    const now = nowOf(ctx);
    const { count } = await tx.unit.updateMany({
      where: { id: { in: ids }, municipalityId: input.municipalityId, archivedAt: null },
      data: { archivedAt: now },
    });
    // A shared counter-PC login of an archived unit stops working at once.
    const logins = await tx.user.findMany({
      where: {
        kind: "UNIT_LOGIN",
        deactivatedAt: null,
        memberships: { some: { unitId: { in: ids }, municipalityId: input.municipalityId } },
      },
      select: { id: true },
    });
    if (logins.length) {
      await tx.user.updateMany({ where: { id: { in: logins.map((l) => l.id) } }, data: { deactivatedAt: now } });
      await endSessions(
        tx,
        logins.map((l) => l.id),
      );
    }
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: unit.id,
      action: "unit.archive",
      entityType: "unit",
      entityId: unit.id,
      before: { archived: false },
      after: { archived: true, unitIds: ids, unitLoginsDeactivated: logins.length },
    });
    return { archived: count };
  });
}

export async function reactivateUnit(ctx: AdminContext, input: { municipalityId: string; unitId: string }): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (!unit.archivedAt) throw new UserFacingError(`"${unit.name}" er ikke arkiveret.`);
    if (unit.parentId) {
      const parent = await loadUnit(tx, input.municipalityId, unit.parentId);
      if (parent.archivedAt) throw new UserFacingError(`Genaktivér først den overordnede enhed "${parent.name}", eller flyt enheden.`);
    }
    await tx.unit.update({ where: { id: unit.id, municipalityId: input.municipalityId }, data: { archivedAt: null } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: unit.id,
      action: "unit.reactivate",
      entityType: "unit",
      entityId: unit.id,
      before: { archived: true },
      after: { archived: false },
    });
  });
}

/** Deletes a unit that never had a registration and has no units below it; otherwise refuses. */
export async function deleteUnit(ctx: AdminContext, input: { municipalityId: string; unitId: string }): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    await beginSetupChange(ctx, tx, input.municipalityId);
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const registrations = await tx.registration.count({ where: { unitId: unit.id, municipalityId: input.municipalityId } });
    if (registrations > 0) {
      throw new UserFacingError(
        `"${unit.name}" har ${registrations} registreringer og kan ikke slettes. Arkivér enheden i stedet – så bliver dens tal i rapporterne.`,
      );
    }
    const children = await tx.unit.count({ where: { parentId: unit.id, municipalityId: input.municipalityId } });
    if (children > 0) throw new UserFacingError(`"${unit.name}" har underenheder. Flyt eller slet dem først.`);
    const people = await tx.membership.count({
      where: { unitId: unit.id, municipalityId: input.municipalityId, user: { kind: "PERSON" } },
    });
    if (people > 0) {
      throw new UserFacingError(`"${unit.name}" har ${people} brugere tilknyttet. Giv dem en anden enhed under Brugere først.`);
    }
    const logins = await tx.user.findMany({
      where: { kind: "UNIT_LOGIN", memberships: { some: { unitId: unit.id, municipalityId: input.municipalityId } } },
      select: { id: true },
    });
    await tx.membership.deleteMany({ where: { unitId: unit.id, municipalityId: input.municipalityId } });
    if (logins.length) await tx.user.deleteMany({ where: { id: { in: logins.map((l) => l.id) }, kind: "UNIT_LOGIN" } });
    await tx.unit.delete({ where: { id: unit.id, municipalityId: input.municipalityId } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      unitId: unit.id,
      action: "unit.delete",
      entityType: "unit",
      entityId: unit.id,
      before: { name: unit.name, parentId: unit.parentId, kind: unit.kind },
    });
  });
}
