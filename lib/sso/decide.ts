import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SsoRefusal } from "./messages";

// Who a verified ID token from a municipality's provider is in Spor. The provider vouches for the
// e-mail; Spor decides the rest from what it already holds: the person must exist (no account is
// created from a token), be active, be a person (not a unit's shared login), and every membership
// must be in the provider's municipality, so a user of municipality A is never signed in through
// B's provider, and KL's national users keep their passwords.

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
): Promise<SsoDecision> {
  const email = emailFromClaims(claims, emailClaim);
  if (!email) return { ok: false, reason: "ingen-email", email: null, userId: null };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, kind: true, deactivatedAt: true, memberships: { select: { municipalityId: true } } },
  });
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
