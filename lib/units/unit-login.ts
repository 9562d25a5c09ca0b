import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import { type AdminContext, adminTransaction, assertAdminister, nowOf, type Tx } from "@/lib/actions/context";
import type { UnitLoginInput } from "@/lib/units/schemas";
import { endSessions, loadUnit } from "@/lib/units/tree";

// A shared unit login for a counter PC: a user of kind UNIT_LOGIN with registrant rights in one
// unit only. Its login name (e-mail form, since sign-in is by e-mail) is chosen by the coordinator;
// its password is always generated (never typed or predictable) and shown to the coordinator once.

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: easy to read off a note

/** 16 random characters in four groups, about 79 bits: "k7mq-3xpt-9hwa-e2rc". */
export function generateUnitPassword(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

async function findUnitLogin(tx: Tx, municipalityId: string, unitId: string) {
  return tx.user.findFirst({
    where: { kind: "UNIT_LOGIN", memberships: { some: { unitId, municipalityId } } },
    select: { id: true, email: true, deactivatedAt: true, accounts: { where: { providerId: "credential" }, select: { id: true } } },
  });
}

async function setPassword(tx: Tx, userId: string, accountId: string | undefined, password: string) {
  const hash = await hashPassword(password);
  if (accountId) await tx.account.update({ where: { id: accountId }, data: { password: hash } });
  else await tx.account.create({ data: { id: crypto.randomUUID(), userId, accountId: userId, providerId: "credential", password: hash } });
  await endSessions(tx, [userId]);
}

/**
 * Creates the unit's shared login, or changes its login name, or switches it on again. Returns a
 * new password when one was made (on creation and when switched on again), else null.
 */
export async function saveUnitLogin(ctx: AdminContext, input: UnitLoginInput): Promise<{ password: string | null }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    if (unit.archivedAt) throw new UserFacingError("Enheden er arkiveret og kan ikke have et fælles login.");
    const existing = await findUnitLogin(tx, input.municipalityId, unit.id);
    const taken = await tx.user.findUnique({ where: { email: input.login }, select: { id: true } });
    if (taken && taken.id !== existing?.id) throw new UserFacingError(`Login-navnet ${input.login} er allerede i brug.`);

    if (!existing) {
      const id = crypto.randomUUID();
      const password = generateUnitPassword();
      await tx.user.create({
        data: { id, email: input.login, name: `Fælles login – ${unit.name}`, kind: "UNIT_LOGIN", emailVerified: true },
      });
      await tx.membership.create({ data: { userId: id, role: "REGISTRANT", municipalityId: input.municipalityId, unitId: unit.id } });
      await setPassword(tx, id, undefined, password);
      await audit(ctx, tx, input, "unit.login.create", {}, { login: input.login });
      return { password };
    }
    const reactivate = existing.deactivatedAt !== null;
    if (existing.email === input.login && !reactivate) return { password: null };
    await tx.user.update({ where: { id: existing.id }, data: { email: input.login, deactivatedAt: null } });
    let password: string | null = null;
    if (reactivate) {
      password = generateUnitPassword();
      await setPassword(tx, existing.id, existing.accounts[0]?.id, password);
    }
    await audit(
      ctx,
      tx,
      input,
      reactivate ? "unit.login.enable" : "unit.login.rename",
      { login: existing.email, active: !reactivate },
      { login: input.login, active: true },
    );
    return { password };
  });
}

/** A new password for the shared login; the old one and every session on it stop working at once. */
export async function renewUnitLoginPassword(
  ctx: AdminContext,
  input: { municipalityId: string; unitId: string },
): Promise<{ password: string }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const login = await findUnitLogin(tx, input.municipalityId, unit.id);
    if (!login || login.deactivatedAt) throw new UserFacingError("Enheden har intet aktivt fælles login.");
    const password = generateUnitPassword();
    await setPassword(tx, login.id, login.accounts[0]?.id, password);
    await audit(ctx, tx, input, "unit.login.password", {}, { login: login.email });
    return { password };
  });
}

export async function disableUnitLogin(ctx: AdminContext, input: { municipalityId: string; unitId: string }): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const unit = await loadUnit(tx, input.municipalityId, input.unitId);
    const login = await findUnitLogin(tx, input.municipalityId, unit.id);
    if (!login || login.deactivatedAt) throw new UserFacingError("Enheden har intet aktivt fælles login.");
    await tx.user.update({ where: { id: login.id }, data: { deactivatedAt: nowOf(ctx) } });
    await endSessions(tx, [login.id]);
    await audit(ctx, tx, input, "unit.login.disable", { login: login.email, active: true }, { login: login.email, active: false });
  });
}

function audit(
  ctx: AdminContext,
  tx: Tx,
  input: { municipalityId: string; unitId: string },
  action: string,
  before: object,
  after: object,
) {
  return recordAudit(tx, {
    actorUserId: ctx.actorId,
    ip: ctx.ip,
    municipalityId: input.municipalityId,
    unitId: input.unitId,
    action,
    entityType: "unit",
    entityId: input.unitId,
    before: before as never,
    after: after as never,
  });
}
