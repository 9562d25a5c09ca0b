import { z } from "zod";
import { type AdminContext, adminTransaction } from "@/lib/actions/context";
import { emailSchema, personNameSchema } from "@/lib/users/schemas";
import { createInvitedUser, type IssuedLink } from "@/lib/users/users";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { danishMunicipality } from "@/lib/reference/municipalities";

// KL brings a municipality into Spor: the municipality (from the official list of 98) and its first
// coordinator, invited with a single-use link, in one transaction. From there the coordinator
// sets up units, weeks and colleagues; KL reads along but does not administer the municipality.

export const onboardSchema = z.object({
  number: z.coerce.number({ error: "Vælg en kommune." }).int("Vælg en kommune.").positive("Vælg en kommune."),
  coordinatorName: personNameSchema,
  coordinatorEmail: emailSchema,
});
export type OnboardInput = z.output<typeof onboardSchema>;

export async function onboardMunicipality(
  ctx: AdminContext,
  input: OnboardInput,
): Promise<{ municipalityId: string; name: string; link: IssuedLink }> {
  if (!isNational(ctx.access)) throw new AccessDeniedError("Kun KL kan tilføje kommuner til Spor.");
  const official = danishMunicipality(input.number);
  if (!official) throw new UserFacingError(`${input.number} er ikke et dansk kommunenummer.`);
  return adminTransaction(ctx, async (tx) => {
    if (await tx.municipality.findUnique({ where: { number: official.number }, select: { id: true } })) {
      throw new UserFacingError(`${official.name} Kommune er allerede i Spor. Kommunens tovholdere inviterer flere brugere.`);
    }
    const municipality = await tx.municipality.create({ data: { number: official.number, name: official.name }, select: { id: true } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: municipality.id,
      action: "municipality.create",
      entityType: "municipality",
      entityId: municipality.id,
      after: { number: official.number, name: official.name },
    });
    const link = await createInvitedUser(ctx, tx, {
      municipalityId: municipality.id,
      name: input.coordinatorName,
      email: input.coordinatorEmail,
      role: "COORDINATOR",
      unitIds: [],
    });
    return { municipalityId: municipality.id, name: official.name, link };
  });
}
