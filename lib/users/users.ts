import "server-only";
import crypto from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { type Access, canAdministerMunicipality, isNational } from "@/lib/auth/access";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import { endSessions } from "@/lib/units/tree";
import { issueToken } from "@/lib/users/link-tokens";
import type { AssignableRole, InviteInput, UpdateAccessInput, UserRef } from "@/lib/users/schemas";

// Users of a municipality: invitations with single-use links, roles and units, new links,
// deactivation. A coordinator manages only people whose every membership is in their municipality,
// never national staff nor someone who also works in another municipality.

export interface IssuedLink {
  userId: string;
  name: string;
  email: string;
  token: string;
  purpose: TokenPurpose;
  expiresAt: Date;
}

/** People whose memberships are all in this municipality (and who have at least one there). */
export function managedUserWhere(municipalityId: string, userId: string): Prisma.UserWhereInput {
  return {
    id: userId,
    kind: "PERSON",
    memberships: { some: { municipalityId } },
    NOT: { memberships: { some: { OR: [{ municipalityId: null }, { municipalityId: { not: municipalityId } }] } } },
  };
}

async function loadManagedUser(tx: Tx, municipalityId: string, userId: string) {
  const user = await tx.user.findFirst({
    where: managedUserWhere(municipalityId, userId),
    select: {
      id: true,
      name: true,
      email: true,
      deactivatedAt: true,
      accounts: { where: { providerId: "credential" }, select: { id: true } },
      memberships: { select: { role: true, unitId: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user) throw new UserFacingError("Brugeren findes ikke i kommunen, eller du kan ikke ændre den.", 404);
  return user;
}

/** The units must be active units of this municipality. */
async function assertUnits(tx: Tx, municipalityId: string, unitIds: string[]): Promise<string[]> {
  const unique = [...new Set(unitIds)];
  if (!unique.length) return [];
  const units = await tx.unit.findMany({ where: { id: { in: unique }, municipalityId, archivedAt: null }, select: { id: true } });
  if (units.length !== unique.length) throw new UserFacingError("En af de valgte enheder findes ikke i kommunen eller er arkiveret.");
  return unique;
}

export function membershipRows(userId: string, municipalityId: string, role: AssignableRole, unitIds: string[]) {
  return role === "COORDINATOR"
    ? [{ userId, role, municipalityId, unitId: null }]
    : unitIds.map((unitId) => ({ userId, role, municipalityId, unitId }));
}

/** Refuses an e-mail already in use; the message does not say in which municipality. */
export async function assertEmailFree(tx: Tx, municipalityId: string, email: string): Promise<void> {
  const existing = await tx.user.findUnique({
    where: { email },
    select: { memberships: { where: { municipalityId }, select: { id: true }, take: 1 } },
  });
  if (!existing) return;
  if (existing.memberships.length) {
    throw new UserFacingError(`${email} er allerede bruger i kommunen. Ret brugerens roller på brugerens side.`);
  }
  throw new UserFacingError(`${email} bruges allerede af en bruger i Spor. Kontakt KL, hvis brugeren skal skifte kommune.`);
}

/** Creates a person without a password plus a single-use activation link, inside a transaction. */
export async function createInvitedUser(
  ctx: AdminContext,
  tx: Tx,
  input: { municipalityId: string; name: string; email: string; role: AssignableRole; unitIds: string[] },
): Promise<IssuedLink> {
  await assertEmailFree(tx, input.municipalityId, input.email);
  const unitIds = await assertUnits(tx, input.municipalityId, input.unitIds);
  const id = crypto.randomUUID();
  await tx.user.create({ data: { id, email: input.email, name: input.name, kind: "PERSON", emailVerified: false } });
  await tx.membership.createMany({ data: membershipRows(id, input.municipalityId, input.role, unitIds) });
  const { raw, expiresAt } = await issueToken(tx, { userId: id, purpose: "ACTIVATION", createdById: ctx.actorId, now: nowOf(ctx) });
  await recordAudit(tx, {
    actorUserId: ctx.actorId,
    ip: ctx.ip,
    municipalityId: input.municipalityId,
    unitId: unitIds.length === 1 ? unitIds[0] : null,
    action: "user.invite",
    entityType: "user",
    entityId: id,
    after: { name: input.name, email: input.email, role: input.role, unitIds },
  });
  return { userId: id, name: input.name, email: input.email, token: raw, purpose: "ACTIVATION", expiresAt };
}

export async function inviteUser(ctx: AdminContext, input: InviteInput): Promise<IssuedLink> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, (tx) => createInvitedUser(ctx, tx, input));
}

export async function updateUserAccess(ctx: AdminContext, input: UpdateAccessInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  if (input.userId === ctx.actorId) {
    throw new UserFacingError("Du kan ikke ændre din egen rolle. Bed en anden tovholder om at gøre det.");
  }
  await adminTransaction(ctx, async (tx) => {
    const user = await loadManagedUser(tx, input.municipalityId, input.userId);
    // Demoting a peer coordinator would let the demoter reset their password next (a reset for a
    // registrant or unit lead is the coordinators' call), so an activated coordinator keeps the role.
    // A coordinator who leaves the role is deactivated, which a peer may do.
    const activeCoordinator = user.memberships.some((m) => m.role === "COORDINATOR") && user.accounts.length > 0;
    if (activeCoordinator && input.role !== "COORDINATOR") {
      throw new UserFacingError(
        "En aktiveret tovholders rolle kan ikke ændres af en anden tovholder. Deaktivér brugeren i stedet, hvis personen ikke længere skal være tovholder.",
        403,
      );
    }
    const unitIds = await assertUnits(tx, input.municipalityId, input.unitIds);
    await tx.membership.deleteMany({ where: { userId: user.id, municipalityId: input.municipalityId } });
    await tx.membership.createMany({ data: membershipRows(user.id, input.municipalityId, input.role, unitIds) });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "user.access",
      entityType: "user",
      entityId: user.id,
      before: { memberships: user.memberships },
      after: { role: input.role, unitIds },
    });
  });
}

/**
 * Whether the actor may issue a link for this person. A link shown on screen lets whoever sees it set
 * the password, so it is a way into the account:
 *  - a password reset for a coordinator: only KL (national), never a peer coordinator;
 *  - links for registrants and unit leads: the coordinators of their municipality;
 *  - a new activation link for a coordinator who never activated (no account to take over yet): the
 *    municipality's coordinators or KL.
 */
export function mayIssueLink(access: Access, municipalityId: string, target: { isCoordinator: boolean; purpose: TokenPurpose }): boolean {
  const coordinator = canAdministerMunicipality(access, municipalityId);
  if (!target.isCoordinator) return coordinator;
  if (target.purpose === "PASSWORD_RESET") return isNational(access);
  return coordinator || isNational(access);
}

/** A new activation link (not yet activated) or password-reset link; older unused links stop working. */
export async function issueUserLink(ctx: AdminContext, input: UserRef): Promise<IssuedLink> {
  if (!canAdministerMunicipality(ctx.access, input.municipalityId) && !isNational(ctx.access)) throw new AccessDeniedError();
  return adminTransaction(ctx, async (tx) => {
    const user = await loadManagedUser(tx, input.municipalityId, input.userId);
    const purpose: TokenPurpose = user.accounts.length ? "PASSWORD_RESET" : "ACTIVATION";
    const isCoordinator = user.memberships.some((m) => m.role === "COORDINATOR");
    if (!mayIssueLink(ctx.access, input.municipalityId, { isCoordinator, purpose })) throw new AccessDeniedError();
    if (user.deactivatedAt) throw new UserFacingError("Brugeren er deaktiveret. Genaktivér brugeren først.");
    const { raw, expiresAt } = await issueToken(tx, { userId: user.id, purpose, createdById: ctx.actorId, now: nowOf(ctx) });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: purpose === "ACTIVATION" ? "user.link.activation" : "user.link.reset",
      entityType: "user",
      entityId: user.id,
      after: { role: isCoordinator ? "COORDINATOR" : (user.memberships[0]?.role ?? null), expiresAt: expiresAt.toISOString() },
    });
    return { userId: user.id, name: user.name, email: user.email, token: raw, purpose, expiresAt };
  });
}

/** Deactivates a user: their sessions end at once and their unused links stop working. */
export async function deactivateUser(ctx: AdminContext, input: UserRef): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  if (input.userId === ctx.actorId) throw new UserFacingError("Du kan ikke deaktivere dig selv.");
  await adminTransaction(ctx, async (tx) => {
    const user = await loadManagedUser(tx, input.municipalityId, input.userId);
    if (user.deactivatedAt) throw new UserFacingError(`${user.name} er allerede deaktiveret.`);
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: nowOf(ctx) } });
    const sessions = await endSessions(tx, [user.id]);
    await tx.userToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "user.deactivate",
      entityType: "user",
      entityId: user.id,
      before: { active: true },
      after: { active: false },
    });
    if (sessions) {
      await recordAudit(tx, {
        actorUserId: ctx.actorId,
        ip: ctx.ip ?? null,
        municipalityId: input.municipalityId,
        action: "session.revoke",
        entityType: "user",
        entityId: user.id,
        after: { reason: "deactivated", sessions },
      });
    }
  });
}

export async function reactivateUser(ctx: AdminContext, input: UserRef): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const user = await loadManagedUser(tx, input.municipalityId, input.userId);
    if (!user.deactivatedAt) throw new UserFacingError(`${user.name} er ikke deaktiveret.`);
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: null } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "user.reactivate",
      entityType: "user",
      entityId: user.id,
      before: { active: false },
      after: { active: true },
    });
  });
}
