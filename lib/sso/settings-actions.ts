"use server";

import "server-only";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { checkbox, nationalStaff, okState } from "@/lib/actions/support";
import { str } from "@/lib/actions/form-state";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { removeSsoSettings, saveSsoSettings } from "./settings";

// KL's form on the national page (app/(app)/national/sso-settings.tsx): a municipality's single
// sign-on, saved or removed. KL only: a municipality's coordinator tells KL (or the operator) what
// their IT registered; the settings decide who can sign in to the municipality.

async function municipalityIdOf(prisma: PrismaClient, number: number): Promise<{ id: string; name: string }> {
  const m = await prisma.municipality.findUnique({ where: { number }, select: { id: true, name: true } });
  if (!m) throw new UserFacingError("Vælg en kommune, der er i Spor.");
  return m;
}

const municipalityNumber = z.coerce
  .number({ error: "Vælg en kommune." })
  .int("Vælg en kommune.")
  .min(1, "Vælg en kommune.")
  .max(9999, "Vælg en kommune.");

const saveInput = z.object({
  municipality: municipalityNumber,
  issuer: z.string().max(500),
  clientId: z.string().max(200),
  clientSecret: z.string().max(500),
  emailClaim: z.string().max(100),
  enabled: z.boolean(),
  passwordDisabled: z.boolean(),
  groupsClaim: z.string().max(100),
  groupRoles: z.string().max(20_000),
});

export const saveSsoSettingsAction = action({
  name: "sso.settings.save",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({
    municipality: str(formData, "municipality"),
    issuer: str(formData, "issuer"),
    clientId: str(formData, "clientId"),
    clientSecret: str(formData, "clientSecret"),
    emailClaim: str(formData, "emailClaim") || "email",
    enabled: checkbox(formData, "enabled"),
    passwordDisabled: checkbox(formData, "passwordDisabled"),
    groupsClaim: str(formData, "groupsClaim"),
    groupRoles: str(formData, "groupRoles"),
  }),
  schema: saveInput,
  revalidate: ["/national/", "/login"],
  run: async (ctx, input) => {
    const municipality = await municipalityIdOf(ctx.prisma, input.municipality);
    const { municipality: _number, ...settings } = input;
    await saveSsoSettings(ctx.prisma, { userId: ctx.actorId, ip: ctx.ip }, municipality.id, settings);
    return okState(
      `Login for ${municipality.name} er gemt.${input.clientSecret.trim() ? " Klienthemmeligheden er gemt krypteret og vises ikke igen." : ""}`,
    );
  },
});

export const removeSsoSettingsAction = action({
  name: "sso.settings.remove",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ municipality: str(formData, "municipality") }),
  schema: z.object({ municipality: municipalityNumber }),
  revalidate: ["/national/", "/login"],
  run: async (ctx, input) => {
    const municipality = await municipalityIdOf(ctx.prisma, input.municipality);
    const removed = await removeSsoSettings(ctx.prisma, { userId: ctx.actorId, ip: ctx.ip }, municipality.id);
    return okState(
      removed
        ? `Login for ${municipality.name} er fjernet. Kommunens brugere logger ind med adgangskode.`
        : `${municipality.name} brugte ikke eget login.`,
    );
  },
});
