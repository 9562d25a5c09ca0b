import "server-only";
import { type Access, canViewMunicipalityAdministration } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { AccessDeniedError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { unitOptions } from "@/lib/units/page-queries";
import { inspectToken } from "./link-tokens";
import type { Role } from "@/lib/generated/prisma/enums";

// Reads for the users pages. A user is listed when they have a membership in the municipality;
// `manageable` says whether this municipality's coordinator may change them (all their memberships
// are here, and they are a person, not a shared unit login).

export async function listMunicipalityUsers(prisma: PrismaClient, municipalityId: string, now: Date = new Date()) {
  const users = await prisma.user.findMany({
    where: { memberships: { some: { municipalityId } } },
    select: {
      id: true,
      name: true,
      email: true,
      kind: true,
      deactivatedAt: true,
      accounts: { where: { providerId: "credential" }, select: { id: true } },
      tokens: { where: { usedAt: null }, select: { purpose: true, expiresAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      memberships: { select: { role: true, municipalityId: true, unit: { select: { id: true, name: true } } } },
    },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return users.map((u) => {
    const pending = u.tokens[0];
    const status = u.deactivatedAt
      ? ("deactivated" as const)
      : u.accounts.length
        ? ("active" as const)
        : pending && pending.expiresAt > now
          ? ("invited" as const)
          : ("expired" as const);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      kind: u.kind,
      status,
      inviteExpiresAt: pending?.purpose === "ACTIVATION" ? pending.expiresAt : null,
      manageable: u.kind === "PERSON" && u.memberships.every((m) => m.municipalityId === municipalityId),
      roles: u.memberships
        .filter((m) => m.municipalityId === municipalityId)
        .map((m) => ({ role: m.role as Role, unitId: m.unit?.id ?? null, unitName: m.unit?.name ?? null })),
    };
  });
}
export type MunicipalityUser = Awaited<ReturnType<typeof listMunicipalityUsers>>[number];

export const USER_STATUS_LABELS: Record<MunicipalityUser["status"], string> = {
  active: "Aktiv",
  invited: "Inviteret – ikke aktiveret endnu",
  expired: "Invitation udløbet",
  deactivated: "Deaktiveret",
};

/** The users pages: the municipality's users and its units, for someone who may see its administration. */
export async function loadUsersPage(access: Access, municipalityId: string) {
  if (!canViewMunicipalityAdministration(access, municipalityId)) throw new AccessDeniedError();
  const [users, units] = await Promise.all([listMunicipalityUsers(db(), municipalityId), unitOptions(db(), municipalityId)]);
  return { users, units };
}

/** What an activation or reset link is worth now (public: the token itself is the key). */
export function inspectLinkToken(raw: string) {
  return inspectToken(db(), raw, new Date());
}
