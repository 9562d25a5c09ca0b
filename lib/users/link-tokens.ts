import "server-only";
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { recordAudit } from "@/lib/audit/audit";
import { assertPasswordAllowed } from "@/lib/auth/password-inputs";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/actions/context";

// Single-use links for activating an invited account and for setting a new password. The link
// holds 256 random bits; the database holds only their SHA-256, so a leaked database (or backup)
// cannot be turned into working links. A link works once, until it expires, and only while the
// user is active; issuing a new link for a user voids the older unused ones.

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  ACTIVATION: 7 * 24 * 60 * 60 * 1000,
  PASSWORD_RESET: 48 * 60 * 60 * 1000,
};

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

export function activationPath(raw: string): string {
  return `/aktiver/${raw}`;
}

export async function issueToken(
  tx: Pick<Tx, "userToken">,
  input: { userId: string; purpose: TokenPurpose; createdById: string | null; now: Date },
): Promise<{ raw: string; expiresAt: Date }> {
  await tx.userToken.deleteMany({ where: { userId: input.userId, usedAt: null } });
  const raw = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]);
  await tx.userToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(raw),
      expiresAt,
      createdById: input.createdById,
      createdAt: input.now,
    },
  });
  return { raw, expiresAt };
}

export type TokenState =
  | { state: "valid"; purpose: TokenPurpose; user: { id: string; name: string; email: string } }
  | { state: "invalid" | "used" | "expired" | "deactivated" };

export const TOKEN_MESSAGES: Record<Exclude<TokenState["state"], "valid">, string> = {
  invalid: "Linket er ugyldigt eller er erstattet af et nyere link. Bed din tovholder om et nyt.",
  used: "Linket er allerede brugt. Et link virker kun én gang. Log ind med din adgangskode, eller bed din tovholder om et nyt link.",
  expired: "Linket er udløbet. Bed din tovholder om et nyt.",
  deactivated: "Brugeren er deaktiveret. Kontakt din tovholder.",
};

export async function inspectToken(prisma: Pick<PrismaClient, "userToken">, raw: string, now: Date): Promise<TokenState> {
  if (!TOKEN_FORMAT.test(raw)) return { state: "invalid" };
  const token = await prisma.userToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: {
      purpose: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, name: true, email: true, kind: true, deactivatedAt: true } },
    },
  });
  if (!token || token.user.kind !== "PERSON") return { state: "invalid" };
  if (token.usedAt) return { state: "used" };
  if (token.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (token.user.deactivatedAt) return { state: "deactivated" };
  return { state: "valid", purpose: token.purpose, user: { id: token.user.id, name: token.user.name, email: token.user.email } };
}

/**
 * Uses a link: checks the new password against the rule for this person (lib/auth/password-policy.ts),
 * sets it (creating the credential on activation), marks the link used in the same transaction (a
 * second use, even a simultaneous one, finds it used), and ends the user's sessions. The audit event
 * is the user's own (they chose the password) and names who issued the link.
 */
export async function redeemToken(
  prisma: PrismaClient,
  input: { raw: string; password: string; ip?: string | null },
  now: Date = new Date(),
): Promise<{ userId: string; email: string; purpose: TokenPurpose }> {
  const before = await inspectToken(prisma, input.raw, now);
  if (before.state !== "valid") throw new UserFacingError(TOKEN_MESSAGES[before.state]);
  await assertPasswordAllowed(prisma, before.user.id, input.password);
  const hash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const status = await inspectToken(tx, input.raw, now);
    if (status.state !== "valid") throw new UserFacingError(TOKEN_MESSAGES[status.state]);
    const token = await tx.userToken.findUnique({ where: { tokenHash: hashToken(input.raw) }, select: { id: true, createdById: true } });
    const { count } = await tx.userToken.updateMany({
      where: { tokenHash: hashToken(input.raw), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) throw new UserFacingError(TOKEN_MESSAGES.used);
    const userId = status.user.id;
    const account = await tx.account.findFirst({ where: { userId, providerId: "credential" }, select: { id: true } });
    if (account) await tx.account.update({ where: { id: account.id }, data: { password: hash } });
    else {
      await tx.account.create({ data: { id: crypto.randomUUID(), userId, accountId: userId, providerId: "credential", password: hash } });
    }
    await tx.user.update({ where: { id: userId }, data: { emailVerified: true } });
    const { count: sessions } = await tx.session.deleteMany({ where: { userId } });
    const membership = await tx.membership.findFirst({ where: { userId }, select: { municipalityId: true } });
    const municipalityId = membership?.municipalityId ?? null;
    await recordAudit(tx, {
      actorUserId: userId,
      ip: input.ip ?? null,
      municipalityId,
      action: status.purpose === "ACTIVATION" ? "user.activate" : "user.password-reset",
      entityType: "user",
      entityId: userId,
      after: { issuedBy: token?.createdById ?? null, tokenId: token?.id ?? null },
    });
    if (sessions) {
      await recordAudit(tx, {
        actorUserId: userId,
        ip: input.ip ?? null,
        municipalityId,
        action: "session.revoke",
        entityType: "user",
        entityId: userId,
        after: { reason: status.purpose === "ACTIVATION" ? "activation" : "password-reset", sessions },
      });
    }
    return { userId, email: status.user.email, purpose: status.purpose };
  });
}
