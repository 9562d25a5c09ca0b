import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type GroupRole, groupsFromClaims, membershipsFromGroups } from "./group-roles";
import type { SsoRefusal } from "./messages";

// Who a verified ID token from a municipality's provider is in Spor. The provider vouches for the
// e-mail; Spor decides the rest from what it already holds: the person must exist (no account is
// created from a token), be active, be a person (not a unit's shared login), and every membership
// must be in the provider's municipality, so a user of municipality A is never signed in through
// B's provider, and KL's national users keep their passwords. One exception, where the municipality
// enables it (./group-roles.ts): an unknown person whose token lists a mapped group is created with
// the roles of their groups, in the provider's municipality only.

type SsoDecision =
  | { ok: true; userId: string; email: string; name: string }
  | { ok: false; reason: SsoRefusal; email: string | null; userId: string | null };

/** The e-mail in the configured claim, normalised, or null when there is no valid one. */
export function emailFromClaims(claims: Record<string, unknown>, emailClaim: string): string | null {
  const value = claims[emailClaim];
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return z.email().safeParse(email).success ? email : null;
}

export async function decideSsoSignIn(
  prisma: PrismaClient,
  municipalityId: string,
  claims: Record<string, unknown>,
  emailClaim: string,
  provisioning: { groupsClaim: string; groupRoles: GroupRole[] } | null = null,
): Promise<SsoDecision> {
  const email = emailFromClaims(claims, emailClaim);
  if (!email) return { ok: false, reason: "ingen-email", email: null, userId: null };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, kind: true, deactivatedAt: true, memberships: { select: { municipalityId: true } } },
  });
  if (!user && provisioning) {
    const memberships = membershipsFromGroups(groupsFromClaims(claims, provisioning.groupsClaim), provisioning.groupRoles);
    if (memberships.length) return provisionFromGroups(prisma, municipalityId, email, nameFromClaims(claims, email), memberships);
  }
  if (!user || user.kind !== "PERSON") return { ok: false, reason: "ukendt", email, userId: null };
  if (user.deactivatedAt) return { ok: false, reason: "deaktiveret", email, userId: user.id };
  return membershipsFit(user.memberships, municipalityId)
    ? { ok: true, userId: user.id, email, name: user.name }
    : { ok: false, reason: "anden-kommune", email, userId: user.id };
}

/** At least one membership, and all of them in the municipality (a national membership has none). */
export function membershipsFit(memberships: { municipalityId: string | null }[], municipalityId: string): boolean {
  return memberships.length > 0 && memberships.every((m) => m.municipalityId === municipalityId);
}

/** The person's name from the token ("name", else given and family name), else the e-mail's local part. */
function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ");
  return (name || email.split("@")[0]).slice(0, 200);
}

/**
 * Creates a person from their groups with the mapped memberships, in the provider's municipality,
 * audited as created by single sign-on. Two first sign-ins at once: the second finds the first's user.
 */
async function provisionFromGroups(
  prisma: PrismaClient,
  municipalityId: string,
  email: string,
  name: string,
  memberships: { role: GroupRole["role"]; unitId: string | null }[],
): Promise<SsoDecision> {
  const id = crypto.randomUUID();
  try {
    await prisma.$transaction(async (tx) => {
      // The mapping's units were checked when saved; a unit archived since then is left out.
      const units = new Set(
        (
          await tx.unit.findMany({
            where: { municipalityId, archivedAt: null, id: { in: memberships.flatMap((m) => (m.unitId ? [m.unitId] : [])) } },
            select: { id: true },
          })
        ).map((u) => u.id),
      );
      const kept = memberships.filter((m) => m.unitId === null || units.has(m.unitId));
      if (!kept.length) throw new NoMembershipLeft();
      await tx.user.create({ data: { id, email, name, kind: "PERSON", emailVerified: true } });
      await tx.membership.createMany({ data: kept.map((m) => ({ userId: id, role: m.role, municipalityId, unitId: m.unitId })) });
      await recordAudit(tx, {
        actorUserId: null,
        municipalityId,
        action: "user.create",
        entityType: "user",
        entityId: id,
        after: { email, roles: kept.map((m) => m.role), unitIds: kept.flatMap((m) => (m.unitId ? [m.unitId] : [])), by: "sso-grupper" },
      });
    });
  } catch (error) {
    if (error instanceof NoMembershipLeft) return { ok: false, reason: "ukendt", email, userId: null };
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true } });
    if (!existing) throw error;
    return { ok: true, userId: existing.id, email, name: existing.name };
  }
  return { ok: true, userId: id, email, name };
}

class NoMembershipLeft extends Error {}
