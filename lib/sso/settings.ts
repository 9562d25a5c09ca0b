import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type GroupRole, groupRolesSchema, parseGroupRoles } from "./group-roles";
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

/** An https address, or plain http on this machine only (tests, a laptop); also the SAML settings' rule. */
export function isAllowedIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    // Plain http only for a provider on this machine (tests, a laptop); never across a network.
    return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  } catch {
    return false;
  }
}

const ssoSettingsSchema = z
  .object({
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
    /** Group → role provisioning (./group-roles.ts): the claim with the groups ("" or left out: off) … */
    groupsClaim: z
      .string()
      .trim()
      .max(100, "Navnet på gruppe-claimet er for langt.")
      .regex(/^[A-Za-z0-9_.:/-]*$/, "Navnet på gruppe-claimet må kun indeholde bogstaver, tal og _ . : / -.")
      .optional()
      .transform((v) => v || null),
    /** … and the mapping as lines ("gruppe = rolle [: enhedens id]"). */
    groupRoles: z
      .string()
      .max(20_000, "Grupperne fylder for meget.")
      .optional()
      .transform((text, ctx): GroupRole[] => {
        try {
          return parseGroupRoles(text ?? "");
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .refine((v) => Boolean(v.groupsClaim) === v.groupRoles.length > 0, {
    message: "Angiv både gruppe-claimet og mindst én gruppe, eller ingen af dem.",
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
  groupsClaim: string | null;
  groupRoles: GroupRole[];
  updatedAt: Date;
}

const viewSelect = {
  municipalityId: true,
  issuer: true,
  clientId: true,
  emailClaim: true,
  enabled: true,
  passwordDisabled: true,
  groupsClaim: true,
  groupRoles: true,
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
  groupsClaim: string | null;
  groupRoles: unknown;
  updatedAt: Date;
  municipality: { name: string; number: number };
};

/** The stored mapping; anything unreadable counts as none (no one is provisioned from it). */
function storedGroupRoles(value: unknown): GroupRole[] {
  const parsed = groupRolesSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

function toView(row: ViewRow): SsoSettingsView {
  const { municipality, groupRoles, ...rest } = row;
  return {
    ...rest,
    groupRoles: storedGroupRoles(groupRoles),
    municipalityName: municipality.name,
    municipalityNumber: municipality.number,
    hasClientSecret: true,
  };
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
    // Every mapped unit must be one of the municipality's own, not archived.
    const unitIds = [...new Set(settings.groupRoles.flatMap((m) => (m.unitId ? [m.unitId] : [])))];
    if (unitIds.length) {
      const found = await tx.unit.count({ where: { id: { in: unitIds }, municipalityId, archivedAt: null } });
      if (found !== unitIds.length) throw new UserFacingError("En enhed i grupperne findes ikke i kommunen (eller er arkiveret).");
    }
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
      groupsClaim: r.groupsClaim,
      groupRoles: storedGroupRoles(r.groupRoles),
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
  /** Group → role provisioning; null when the municipality has not enabled it. */
  provisioning: { groupsClaim: string; groupRoles: GroupRole[] } | null;
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
    provisioning: row.groupsClaim ? { groupsClaim: row.groupsClaim, groupRoles: storedGroupRoles(row.groupRoles) } : null,
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
