import { z } from "zod";
import { idSchema } from "@/lib/ids";

export const ASSIGNABLE_ROLES = ["REGISTRANT", "UNIT_LEAD", "COORDINATOR"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z.string().min(1, "Skriv brugerens e-mailadresse.").email("E-mailadressen er ikke gyldig.").max(200, "E-mailadressen er for lang."),
  );

const personName = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "Skriv brugerens navn.").max(200, "Navnet må højst være 200 tegn."));

export const accessSchema = z
  .object({
    role: z.enum(ASSIGNABLE_ROLES, { error: "Vælg en rolle." }),
    unitIds: z.array(idSchema("Ukendt enhed.")).max(200),
  })
  .refine((v) => v.role === "COORDINATOR" || v.unitIds.length > 0, {
    message: "Vælg mindst én enhed for en medarbejder eller enhedsansvarlig.",
  })
  .refine((v) => v.role !== "COORDINATOR" || v.unitIds.length === 0, {
    message: "En tovholder har hele kommunen og knyttes ikke til enheder.",
  });

export const inviteSchema = z.intersection(
  z.object({ municipalityId: idSchema("Ukendt kommune."), name: personName, email }),
  accessSchema,
);
export type InviteInput = z.infer<typeof inviteSchema>;

export const updateAccessSchema = z.intersection(
  z.object({ municipalityId: idSchema("Ukendt kommune."), userId: z.string().min(1).max(100) }),
  accessSchema,
);
export type UpdateAccessInput = z.infer<typeof updateAccessSchema>;

export const userRefSchema = z.object({ municipalityId: idSchema("Ukendt kommune."), userId: z.string().min(1).max(100) });
export type UserRef = z.infer<typeof userRefSchema>;

export const passwordSchema = z
  .object({
    // The full rule (common passwords, the person's own words) is checked where the password is set
    // (lib/users/link-tokens.ts redeemToken → lib/auth/password-policy.ts).
    password: z.string().min(12, "Adgangskoden skal være mindst 12 tegn.").max(128, "Adgangskoden må højst være 128 tegn."),
    repeat: z.string(),
  })
  .refine((v) => v.password === v.repeat, { message: "De to adgangskoder er ikke ens.", path: ["repeat"] });

export { email as emailSchema, personName as personNameSchema };
