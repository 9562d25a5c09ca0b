import "server-only";
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { recordAudit } from "@/lib/audit/audit";
import { isSafeNextPath } from "@/lib/auth/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/server/log.mjs";
import { decideSsoSignIn } from "./decide";
import type { SsoRefusal } from "./messages";
import { cvrOf, emailOf, privilegeGroupsOf, type SamlRoleGrant, samlRoleGrant, subjectRecipientsOf } from "./saml-attributes";
import type { SamlConfig } from "./saml-config";

// Spor as a SAML 2.0 service provider for KOMBIT's Context Handler (@node-saml/node-saml does the
// protocol): a signed AuthnRequest (HTTP-Redirect), the answer posted to the ACS, its assertion's
// signature checked against the Context Handler's certificate (signed assertions are required; a
// response signed only as a whole, or not at all, is refused), issuer, audience, time window and
// InResponseTo; Spor adds the recipient (its ACS). Encrypted assertions are decrypted with Spor's key.
//
// Then Spor's own rules, the same as for a municipality's OpenID Connect provider (lib/sso/decide.ts):
// the municipality is the one whose CVR number the assertion names; the person must already be a
// user in Spor with that e-mail, active, and with every membership in that municipality; KOMBIT's
// role (and unit restriction) then sets the person's role there. The session itself is created by
// Better Auth (lib/sso/saml-session.ts), as for every other sign-in.

/** How long an AuthnRequest may wait for its answer. */
const REQUEST_TTL_MS = 10 * 60 * 1000;

/**
 * node-saml's store of outstanding AuthnRequests, in the database so every instance sees them.
 * removeAsync does nothing: Spor consumes a request itself, atomically, after the answer was
 * verified (consumeRequest below), so two copies of one answer cannot both sign in.
 */
function requestStore(prisma: PrismaClient): CacheProvider {
  return {
    async saveAsync(key, value) {
      const now = new Date();
      await prisma.samlRequest.deleteMany({ where: { expiresAt: { lt: now } } });
      await prisma.samlRequest.create({ data: { id: key, createdAt: now, expiresAt: new Date(now.getTime() + REQUEST_TTL_MS) } });
      return { value, createdAt: now.getTime() };
    },
    async getAsync(key) {
      const row = await prisma.samlRequest.findFirst({ where: { id: key, expiresAt: { gt: new Date() } }, select: { createdAt: true } });
      return row ? row.createdAt.toISOString() : null;
    },
    async removeAsync() {
      return null;
    },
  };
}

function samlOf(prisma: PrismaClient, config: SamlConfig): SAML {
  return new SAML({
    entryPoint: config.idpSsoUrl,
    issuer: config.spEntityId,
    callbackUrl: config.acsUrl,
    audience: config.spEntityId,
    idpIssuer: config.idpEntityId,
    idpCert: config.idpCerts,
    // AuthnRequests are signed with Spor's key; encrypted assertions are decrypted with it.
    privateKey: config.spKey,
    publicCert: config.spCert,
    decryptionPvk: config.spKey,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: requestStore(prisma),
    // The Context Handler decides the NameID format and the level of assurance (NSIS).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: 60_000,
  });
}

/** Spor's SP metadata for KOMBIT's administration module: entity id, ACS, signing and encryption certificate. */
export function samlMetadataXml(prisma: PrismaClient, config: SamlConfig): string {
  return samlOf(prisma, config).generateServiceProviderMetadata(config.spCert, config.spCert);
}

/** The Context Handler's address with a signed AuthnRequest; the request is remembered for its answer. */
export async function samlSignInUrl(prisma: PrismaClient, config: SamlConfig, next: string | undefined): Promise<string> {
  const relayState = next && isSafeNextPath(next) && next.length <= 500 ? next : "/";
  return samlOf(prisma, config).getAuthorizeUrlAsync(relayState, undefined, {});
}

export type SamlSignIn = { ok: true; userId: string; municipalityId: string; next: string } | { ok: false; reason: SsoRefusal };

async function refuse(
  prisma: PrismaClient,
  ip: string | null,
  reason: SsoRefusal,
  detail: { municipalityId?: string | null; userId?: string | null; email?: string | null; cvr?: string | null; error?: string },
): Promise<SamlSignIn> {
  await recordAudit(prisma, {
    actorUserId: null,
    ip,
    municipalityId: detail.municipalityId ?? null,
    action: "login.failure",
    entityType: "user",
    entityId: detail.userId ?? null,
    after: {
      method: "saml",
      reason,
      ...(detail.email !== undefined ? { email: detail.email ?? "(ingen e-mail)" } : {}),
      ...(detail.cvr ? { cvr: detail.cvr } : {}),
      ...(detail.error ? { error: detail.error } : {}),
    },
  });
  return { ok: false, reason };
}

/**
 * The role and units the person has in the municipality after this sign-in: KOMBIT's role, with the
 * units of its data restriction, or (no restriction) the units Spor already holds for the person.
 */
async function membershipsFromGrant(
  prisma: PrismaClient,
  municipalityId: string,
  current: { role: string; unitId: string | null }[],
  grant: SamlRoleGrant,
): Promise<{ ok: true; unitIds: string[] } | { ok: false }> {
  if (grant.role === "COORDINATOR") return { ok: true, unitIds: [] };
  if (grant.units === null) {
    const held = [...new Set(current.flatMap((m) => (m.unitId ? [m.unitId] : [])))];
    return held.length ? { ok: true, unitIds: held } : { ok: false };
  }
  const units = await prisma.unit.findMany({ where: { municipalityId, archivedAt: null }, select: { id: true, name: true } });
  const unitIds = new Set<string>();
  for (const value of grant.units) {
    const byId = units.find((u) => u.id === value);
    const byName = units.filter((u) => u.name.trim().toLowerCase() === value.trim().toLowerCase());
    if (byId) unitIds.add(byId.id);
    else if (byName.length === 1) unitIds.add(byName[0].id);
  }
  return unitIds.size ? { ok: true, unitIds: [...unitIds] } : { ok: false };
}

/** Sets the person's role and units in the municipality to what KOMBIT says; audited when they change. */
async function applyGrant(
  prisma: PrismaClient,
  ip: string | null,
  userId: string,
  municipalityId: string,
  role: SamlRoleGrant["role"],
  unitIds: string[],
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const current = await tx.membership.findMany({
      where: { userId, municipalityId },
      select: { role: true, unitId: true },
      orderBy: { createdAt: "asc" },
    });
    const wanted =
      role === "COORDINATOR"
        ? [{ role, unitId: null as string | null }]
        : unitIds.map((unitId) => ({ role, unitId: unitId as string | null }));
    const key = (m: { role: string; unitId: string | null }) => `${m.role}:${m.unitId ?? ""}`;
    const same = current.length === wanted.length && wanted.every((w) => current.some((c) => key(c) === key(w)));
    if (same) return;
    await tx.membership.deleteMany({ where: { userId, municipalityId } });
    await tx.membership.createMany({ data: wanted.map((w) => ({ userId, municipalityId, role: w.role, unitId: w.unitId })) });
    await recordAudit(tx, {
      actorUserId: null,
      ip,
      municipalityId,
      action: "user.access",
      entityType: "user",
      entityId: userId,
      before: { memberships: current },
      after: { role, unitIds, source: "saml" },
    });
  });
}

/**
 * The answer the Context Handler posted to the ACS: verified, used once, and decided. On success the
 * person's role in the municipality is KOMBIT's; the caller creates the session.
 */
export async function completeSamlSignIn(
  prisma: PrismaClient,
  config: SamlConfig,
  form: { samlResponse: string; relayState: string | null },
  ip: string | null,
): Promise<SamlSignIn> {
  let profile: Profile | null;
  try {
    profile = (await samlOf(prisma, config).validatePostResponseAsync({ SAMLResponse: form.samlResponse })).profile;
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 200) : "unknown";
    log.warn({ samlError: message }, "a SAML response was refused");
    return refuse(prisma, ip, "mislykket", { error: message });
  }
  if (!profile) return refuse(prisma, ip, "mislykket", { error: "no assertion" });
  // Meant for Spor's ACS (node-saml checks the audience, not the recipient of the signed assertion).
  const recipients = subjectRecipientsOf(profile.getAssertionXml?.() ?? "");
  if (!recipients.length || recipients.some((r) => r !== config.acsUrl)) {
    return refuse(prisma, ip, "mislykket", { error: `Recipient ${recipients.join(", ") || "missing"}` });
  }
  // One use: the request this answers is deleted now, and only the answer that deleted it goes on.
  const inResponseTo = typeof profile.inResponseTo === "string" ? profile.inResponseTo : null;
  const used = inResponseTo ? await prisma.samlRequest.deleteMany({ where: { id: inResponseTo } }) : { count: 0 };
  if (used.count !== 1) return refuse(prisma, ip, "mislykket", { error: "InResponseTo already used" });

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const cvr = cvrOf(attributes);
  const email = emailOf(attributes);
  const municipality = cvr ? await prisma.municipality.findUnique({ where: { cvr }, select: { id: true } }) : null;
  if (!municipality) return refuse(prisma, ip, "ukendt-kommune", { email, cvr });

  const decision = await decideSsoSignIn(prisma, municipality.id, email ? { email } : {}, "email");
  if (!decision.ok) {
    return refuse(prisma, ip, decision.reason, { municipalityId: municipality.id, userId: decision.userId, email: decision.email, cvr });
  }
  const grant = samlRoleGrant(privilegeGroupsOf(attributes), cvr!, config.roles);
  if (!grant) return refuse(prisma, ip, "ingen-rolle", { municipalityId: municipality.id, userId: decision.userId, email, cvr });
  const current = await prisma.membership.findMany({
    where: { userId: decision.userId, municipalityId: municipality.id },
    select: { role: true, unitId: true },
  });
  const units = await membershipsFromGrant(prisma, municipality.id, current, grant);
  if (!units.ok) return refuse(prisma, ip, "ingen-enhed", { municipalityId: municipality.id, userId: decision.userId, email, cvr });
  await applyGrant(prisma, ip, decision.userId, municipality.id, grant.role, units.unitIds);
  const next = form.relayState && isSafeNextPath(form.relayState) ? form.relayState : "/";
  return { ok: true, userId: decision.userId, municipalityId: municipality.id, next };
}
