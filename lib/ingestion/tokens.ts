import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { type AdminContext, adminTransaction, assertAdminister, nowOf } from "@/lib/actions/context";
import { hashToken } from "@/lib/users/link-tokens";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { idSchema } from "@/lib/ids";

// API tokens for the ingestion API. A coordinator creates one for their municipality and sees the
// secret once; the database keeps only its SHA-256 (like the single-use links in lib/users/link-tokens),
// so a leaked database or backup holds no working token. A token may be limited to units (and
// their sub-units); without limits it writes for every unit of its municipality — never another's.

const SECRET_PREFIX = "spor_";
const SECRET_FORMAT = /^spor_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the list shows: "spor_" and 7 random characters. */
const DISPLAY_PREFIX_LENGTH = 12;

export const createApiTokenSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  name: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().min(1, "Giv nøglen et navn, fx systemets navn.").max(100, "Navnet må højst være 100 tegn.")),
  unitIds: z.array(idSchema("Ukendt enhed.")).max(1000),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  tokenId: idSchema("Ukendt nøgle."),
});

export async function createApiToken(ctx: AdminContext, input: CreateApiTokenInput): Promise<{ id: string; secret: string }> {
  assertAdminister(ctx, input.municipalityId);
  const unitIds = [...new Set(input.unitIds)];
  return adminTransaction(ctx, async (tx) => {
    if (unitIds.length) {
      const found = await tx.unit.count({ where: { id: { in: unitIds }, municipalityId: input.municipalityId, archivedAt: null } });
      if (found !== unitIds.length) throw new UserFacingError("En af de valgte enheder findes ikke i kommunen.");
    }
    const secret = SECRET_PREFIX + crypto.randomBytes(32).toString("base64url");
    const prefix = secret.slice(0, DISPLAY_PREFIX_LENGTH);
    const token = await tx.apiToken.create({
      data: {
        municipalityId: input.municipalityId,
        name: input.name,
        tokenHash: hashToken(secret),
        prefix,
        createdById: ctx.actorId,
        createdAt: nowOf(ctx),
        units: { create: unitIds.map((unitId) => ({ unitId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "api-token.create",
      entityType: "api_token",
      entityId: token.id,
      after: { name: input.name, prefix, unitIds },
    });
    return { id: token.id, secret };
  });
}

export async function revokeApiToken(ctx: AdminContext, input: z.infer<typeof revokeApiTokenSchema>): Promise<{ name: string }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    // Looked up inside the municipality: another municipality's token id is "not found".
    const token = await tx.apiToken.findFirst({
      where: { id: input.tokenId, municipalityId: input.municipalityId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw new UserFacingError("Nøglen findes ikke.", 404);
    if (token.revokedAt) throw new UserFacingError(`Nøglen "${token.name}" er allerede tilbagekaldt.`);
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: nowOf(ctx) } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "api-token.revoke",
      entityType: "api_token",
      entityId: token.id,
      before: { name: token.name, prefix: token.prefix },
    });
    return { name: token.name };
  });
}

/** The municipality's tokens for the administration page, newest first. Never the hash. */
export function listApiTokens(prisma: PrismaClient, municipalityId: string) {
  return prisma.apiToken.findMany({
    where: { municipalityId },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
      units: { select: { unit: { select: { name: true } } } },
    },
    orderBy: { createdAt: "desc" },
  });
}

export interface ApiTokenIdentity {
  id: string;
  name: string;
  municipalityId: string;
  municipalityNumber: number;
  /** The units the token is limited to (sub-units included when checked); empty = all units. */
  unitIds: string[];
}

/**
 * The token behind an `Authorization: Bearer …` header, or null when it is missing, malformed,
 * unknown or revoked. A known token's last use is recorded.
 */
export async function authenticateApiToken(
  prisma: PrismaClient,
  authorization: string | null,
  now: Date,
): Promise<ApiTokenIdentity | null> {
  const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!secret || !SECRET_FORMAT.test(secret)) return null;
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: {
      id: true,
      name: true,
      municipalityId: true,
      revokedAt: true,
      municipality: { select: { number: true } },
      units: { select: { unitId: true } },
    },
  });
  if (!token || token.revokedAt) return null;
  await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  return {
    id: token.id,
    name: token.name,
    municipalityId: token.municipalityId,
    municipalityNumber: token.municipality.number,
    unitIds: token.units.map((u) => u.unitId),
  };
}
