"use server";

import { action } from "@/lib/actions/action";
import { adminContext, deliver, nationalStaff, okState } from "@/lib/actions/support";
import { str } from "@/lib/actions/form-state";
import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { setMunicipalityCvr } from "@/lib/municipalities/cvr";
import { onboardMunicipality, onboardSchema } from "@/lib/municipalities/onboarding";

export const onboardMunicipalityAction = action({
  name: "municipalities.onboard",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    number: str(formData, "number"),
    coordinatorName: str(formData, "coordinatorName"),
    coordinatorEmail: str(formData, "coordinatorEmail"),
  }),
  schema: onboardSchema,
  revalidate: ["/national/"],
  run: async (ctx, input) => {
    const { name, link } = await onboardMunicipality(adminContext(ctx), input);
    const { mailed, secrets } = await deliver([link]);
    return okState(
      `${name} Kommune er tilføjet. ${mailed ? `${link.name} har fået en mail med et aktiveringslink.` : `Giv aktiveringslinket til ${link.name}.`}`,
      {
        secrets,
      },
    );
  },
});

/** KL records a municipality's CVR number (login via KOMBIT names the municipality by it); empty removes it. */
export const setMunicipalityCvrAction = action({
  name: "municipalities.cvr",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ municipality: str(formData, "municipality"), cvr: str(formData, "cvr") }),
  schema: z.object({
    municipality: z.coerce
      .number({ error: "Vælg en kommune." })
      .int("Vælg en kommune.")
      .min(1, "Vælg en kommune.")
      .max(9999, "Vælg en kommune."),
    cvr: z.string().max(20, "Et CVR-nummer er otte cifre."),
  }),
  revalidate: ["/national/"],
  run: async (ctx, input) => {
    const municipality = await ctx.prisma.municipality.findUnique({ where: { number: input.municipality }, select: { id: true } });
    if (!municipality) throw new UserFacingError("Vælg en kommune, der er i Spor.");
    const saved = await setMunicipalityCvr(ctx.prisma, { userId: ctx.actorId, ip: ctx.ip }, municipality.id, input.cvr.trim() || null);
    return okState(
      saved.cvr
        ? `${saved.name}: CVR-nummer ${saved.cvr} er gemt.`
        : `${saved.name}: CVR-nummeret er fjernet. Kommunen kan ikke logge ind via KOMBIT.`,
    );
  },
});
