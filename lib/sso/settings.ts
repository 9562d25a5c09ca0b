import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openSecret, sealSecret } from "./secret-box";

// One municipality's single sign-on settings: read, saved and removed here, by KL's page and by the
// CLI alike. The client secret goes in sealed (lib/sso/secret-box.ts) and never comes out through
// this module except to Better Auth (ssoClientOf); what the screens and the CLI see is whether one
// is stored. Every change is audited with the settings but never the secret.

const claimName = z
  .string()
  .trim()
  .min(1, "Angiv navnet på det claim, der indeholder e-mailen.")
  .max(100, "Navnet på claimet er for langt.")
  .regex(/^[A-Za-z0-9_.:/-]+$/, "Navnet på claimet må kun indeholde bogstaver, tal og _ . : / -.");

function isAllowedIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    // Plain http only for a provider on this machine (tests, a laptop); never across a network.
    return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  } catch {
    return false;
  }
}

const ssoSettingsSchema = z.object({
  issuer: z
    .string()
    .trim()
    .min(1, "Angiv udsteder-adressen (issuer).")
    .max(500, "Udsteder-adressen er for lang.")
    .refine(isAllowedIssuer, "Udsteder-adressen skal være en https-adresse, fx https://login.microsoftonline.com/<tenant-id>/v2.0."),
  clientId: z.string().trim().min(1, "Angiv klient-id.").max(200, "Klient-id er for langt."),
  /** Empty on an update: keep the stored secret. */
  clientSecret: z.string().max(500, "Klienthemmeligheden er for lang.").optional(),
  emailClaim: claimName.default("email"),
  enabled: z.boolean().default(true),
  passwordDisabled: z.boolean().default(false),
});
type SsoSettingsInput = z.input<typeof ssoSettingsSchema>;

/** What screens and the CLI may show: everything but the secret. */
interface SsoSettingsView {
  municipalityId: string;
  municipalityName: string;
  municipalityNumber: number;
  issuer: string;
  clientId: string;
  hasClientSecret: true;
  emailClaim: string;
  enabled: boolean;
  passwordDisabled: boolean;
  updatedAt: Date;
}

const viewSelect = {
  municipalityId: true,
  issuer: true,
  clientId: true,
  emailClaim: true,
  enabled: true,
  passwordDisabled: true,
  updatedAt: true,
  municipality: { select: { name: true, number: true } },
} as const;

type ViewRow = {
  municipalityId: string;
  issuer: string;
  clientId: string;
  emailClaim: string;
  enabled: boolean;
  passwordDisabled: boolean;
  updatedAt: Date;
  municipality: { name: string; number: number };
};

function toView(row: ViewRow): SsoSettingsView {
  const { municipality, ...rest } = row;
  return { ...rest, municipalityName: municipality.name, municipalityNumber: municipality.number, hasClientSecret: true };
}

export async function listSsoSettings(prisma: PrismaClient): Promise<SsoSettingsView[]> {
  const rows = await prisma.ssoProvider.findMany({ select: viewSelect, orderBy: { municipality: { name: "asc" } } });
  return rows.map(toView);
}

/** Municipalities whose people can sign in with single sign-on now (the login page's list). */
export async function ssoMunicipalities(prisma: PrismaClient): Promise<{ number: number; name: string }[]> {
  const rows = await prisma.ssoProvider.findMany({
    where: { enabled: true },
    select: { municipality: { select: { number: true, name: true } } },
    orderBy: { municipality: { name: "asc" } },
  });
  return rows.map((row) => row.municipality);
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Indstillingerne er ugyldige.";
}

/** Saves (creates or replaces) a municipality's settings; audited. The secret is required the first time. */
export async function saveSsoSettings(
  prisma: PrismaClient,
  actor: { userId: string | null; ip?: string | null },
  municipalityId: string,
  input: SsoSettingsInput,
): Promise<SsoSettingsView> {
  const parsed = ssoSettingsSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(firstIssue(parsed.error));
  const { clientSecret, ...settings } = parsed.data;
  const secret = clientSecret?.trim() ? clientSecret.trim() : undefined;
  return prisma.$transaction(async (tx) => {
    const municipality = await tx.municipality.findUnique({ where: { id: municipalityId }, select: { id: true } });
    if (!municipality) throw new UserFacingError("Kommunen findes ikke.");
    const before = await tx.ssoProvider.findUnique({ where: { municipalityId }, select: viewSelect });
    if (!before && !secret) throw new UserFacingError("Angiv klienthemmeligheden (client secret).");
    const sealed = secret ? sealSecret(secret, municipalityId) : undefined;
    const row = before
      ? await tx.ssoProvider.update({
          where: { municipalityId },
          data: { ...settings, ...(sealed ? { clientSecret: sealed } : {}) },
          select: viewSelect,
        })
      : await tx.ssoProvider.create({ data: { municipalityId, ...settings, clientSecret: sealed! }, select: viewSelect });
    const describe = (r: ViewRow) => ({
      issuer: r.issuer,
      clientId: r.clientId,
      emailClaim: r.emailClaim,
      enabled: r.enabled,
      passwordDisabled: r.passwordDisabled,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      municipalityId,
      action: "sso.settings.save",
      entityType: "municipality",
      entityId: municipalityId,
      before: before ? describe(before) : undefined,
      after: { ...describe(row), secretChanged: Boolean(sealed) },
    });
    return toView(row);
  });
}

/** Removes a municipality's settings (its people sign in with passwords again); audited. */
export async function removeSsoSettings(
  prisma: PrismaClient,
  actor: { userId: string | null; ip?: string | null },
  municipalityId: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.ssoProvider.findUnique({ where: { municipalityId }, select: viewSelect });
    if (!before) return false;
    await tx.ssoProvider.delete({ where: { municipalityId } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      municipalityId,
      action: "sso.settings.remove",
      entityType: "municipality",
      entityId: municipalityId,
      before: { issuer: before.issuer, clientId: before.clientId },
    });
    return true;
  });
}

/** What Better Auth needs to talk to the provider, the secret opened; null when none is enabled. */
export interface SsoClient {
  municipalityId: string;
  municipalityNumber: number;
  municipalityName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailClaim: string;
  updatedAt: Date;
}

export async function ssoClientOf(prisma: PrismaClient, municipalityNumber: number): Promise<SsoClient | null> {
  const row = await prisma.ssoProvider.findFirst({
    where: { enabled: true, municipality: { number: municipalityNumber } },
    select: { ...viewSelect, clientSecret: true },
  });
  if (!row) return null;
  return {
    municipalityId: row.municipalityId,
    municipalityNumber: row.municipality.number,
    municipalityName: row.municipality.name,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: openSecret(row.clientSecret, row.municipalityId),
    emailClaim: row.emailClaim,
    updatedAt: row.updatedAt,
  };
}

/** True when the user belongs to a municipality that has switched password sign-in off. */
export async function passwordSignInDisabledFor(prisma: PrismaClient, userId: string): Promise<boolean> {
  const count = await prisma.ssoProvider.count({
    where: { enabled: true, passwordDisabled: true, municipality: { memberships: { some: { userId } } } },
  });
  return count > 0;
}
