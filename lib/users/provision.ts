import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { createUserWithPassword, normaliseEmail } from "@/lib/auth/users";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { danishMunicipality } from "@/lib/reference/municipalities";
import { municipalityNumberSchema } from "@/lib/reference/municipalities";
import { isId } from "@/lib/ids";

const ROLE_ALIASES = {
  registrant: "REGISTRANT",
  medarbejder: "REGISTRANT",
  "unit-lead": "UNIT_LEAD",
  enhedsansvarlig: "UNIT_LEAD",
  coordinator: "COORDINATOR",
  tovholder: "COORDINATOR",
  national: "NATIONAL",
} as const;

export const provisionSchema = z.object({
  email: z.string({ error: "Angiv --email." }).trim().email("E-mailadressen er ikke gyldig."),
  role: z
    .string({ error: "Angiv --role (registrant, unit-lead, coordinator eller national)." })
    .transform((r) => r.trim().toLowerCase())
    .refine((r) => r in ROLE_ALIASES, "Ukendt rolle: brug registrant, unit-lead, coordinator eller national.")
    .transform((r) => ROLE_ALIASES[r as keyof typeof ROLE_ALIASES]),
  municipality: municipalityNumberSchema.optional(),
  unit: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type ProvisionInput = z.input<typeof provisionSchema>;

/**
 * Creates a person with one role and scope and the given password (from the CLI it is random and
 * shown once). Resolves the municipality by number and the unit by id or name within it, so a
 * unit of another municipality can never be attached.
 */
export async function provisionUser(
  prisma: PrismaClient,
  raw: ProvisionInput,
  password: string,
  actorUserId: string | null = null,
): Promise<{ id: string; email: string; role: string }> {
  const parsed = provisionSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues.map((i) => i.message).join(" "));
  const input = parsed.data;
  const email = normaliseEmail(input.email);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new UserFacingError(`Der findes allerede en bruger med e-mailen ${email}.`);
  }

  let municipalityId: string | null = null;
  let unitId: string | null = null;
  if (input.role !== "NATIONAL") {
    if (!input.municipality) throw new UserFacingError("Angiv --municipality (kommunenummer) for denne rolle.");
    municipalityId = await municipalityForProvisioning(prisma, input.municipality, input.role === "COORDINATOR");
  } else if (input.municipality || input.unit) {
    throw new UserFacingError("En national bruger har ingen kommune eller enhed.");
  }
  if (input.role === "REGISTRANT" || input.role === "UNIT_LEAD") {
    if (!input.unit) throw new UserFacingError("Angiv --unit (enhedens navn eller id) for denne rolle.");
    const isUuid = isId(input.unit);
    const units = await prisma.unit.findMany({
      where: { municipalityId: municipalityId!, archivedAt: null, ...(isUuid ? { id: input.unit } : { name: input.unit }) },
      select: { id: true },
    });
    if (units.length !== 1) {
      throw new UserFacingError(
        units.length ? `Flere enheder hedder "${input.unit}"; brug enhedens id.` : `Enheden "${input.unit}" findes ikke i kommunen.`,
      );
    }
    unitId = units[0].id;
  } else if (input.unit) {
    throw new UserFacingError("Kun medarbejdere og enhedsansvarlige knyttes til en enhed.");
  }

  const { id } = await createUserWithPassword(prisma, { email, name: input.name ?? email.split("@")[0], password });
  await prisma.membership.create({ data: { userId: id, role: input.role, municipalityId, unitId } });
  await recordAudit(prisma, {
    actorUserId,
    municipalityId,
    unitId,
    action: "user.create",
    entityType: "user",
    entityId: id,
    after: { email, role: input.role, municipalityId, unitId },
  });
  return { id, email, role: input.role };
}

/**
 * The municipality by its official number. The operator's first coordinator for a municipality not
 * yet in Spor brings it in (from the official list of 98), as KL's "Tilføj en kommune" does.
 */
async function municipalityForProvisioning(prisma: PrismaClient, number: number, mayCreate: boolean): Promise<string> {
  const existing = await prisma.municipality.findUnique({ where: { number }, select: { id: true } });
  if (existing) return existing.id;
  const official = danishMunicipality(number);
  if (!official) throw new UserFacingError(`${number} er ikke et dansk kommunenummer.`);
  if (!mayCreate)
    throw new UserFacingError(`${official.name} Kommune er ikke i Spor endnu. Opret først kommunens tovholder (--role coordinator).`);
  const created = await prisma.municipality.create({ data: { number, name: official.name }, select: { id: true } });
  await recordAudit(prisma, {
    actorUserId: null,
    municipalityId: created.id,
    action: "municipality.create",
    entityType: "municipality",
    entityId: created.id,
    after: { number, name: official.name, by: "cli" },
  });
  return created.id;
}
