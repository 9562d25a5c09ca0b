import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cvrSchema } from "@/lib/sso/saml-attributes";

// A municipality's CVR number: KOMBIT's Context Handler names the municipality of the person signing
// in by it (lib/sso/saml.ts), so a municipality can be signed in to through KOMBIT only once KL (the
// national page) or the operator (`npx spor saml cvr`) has recorded it. Audited.

/** Sets (or, with null, removes) the municipality's CVR number; the old and new value are audited. */
export async function setMunicipalityCvr(
  prisma: PrismaClient,
  actor: { userId: string | null; ip?: string | null },
  municipalityId: string,
  cvr: string | null,
): Promise<{ name: string; cvr: string | null }> {
  let value: string | null = null;
  if (cvr !== null && cvr.trim() !== "") {
    const parsed = cvrSchema.safeParse(cvr);
    if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Et CVR-nummer er otte cifre.");
    value = parsed.data;
  }
  return prisma.$transaction(async (tx) => {
    const municipality = await tx.municipality.findUnique({ where: { id: municipalityId }, select: { name: true, cvr: true } });
    if (!municipality) throw new UserFacingError("Kommunen findes ikke.", 404);
    if (municipality.cvr === value) return { name: municipality.name, cvr: value };
    if (value) {
      const holder = await tx.municipality.findUnique({ where: { cvr: value }, select: { name: true } });
      if (holder) throw new UserFacingError(`CVR-nummeret ${value} er allerede registreret for ${holder.name}.`);
    }
    await tx.municipality.update({ where: { id: municipalityId }, data: { cvr: value } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      municipalityId,
      action: "municipality.cvr",
      entityType: "municipality",
      entityId: municipalityId,
      before: { cvr: municipality.cvr },
      after: { cvr: value },
    });
    return { name: municipality.name, cvr: value };
  });
}

/** Every municipality with its CVR number (the CLI's and KL's list). */
export async function listMunicipalityCvrs(prisma: PrismaClient): Promise<{ number: number; name: string; cvr: string | null }[]> {
  return prisma.municipality.findMany({ select: { number: true, name: true, cvr: true }, orderBy: { number: "asc" } });
}
