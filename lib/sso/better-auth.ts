import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { decodeJwt } from "jose";
import { recordAudit } from "@/lib/audit/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";
import { decideSsoSignIn } from "./decide";
import { refusalPath, type SsoRefusal } from "./messages";
import { municipalityNumberOf, providerIdOf } from "./provider-id";
import { type SsoClient, ssoClientOf } from "./settings";

// Single sign-on per municipality through Better Auth's own OAuth/OIDC machinery. Better Auth's
// generic-oauth plugin builds a provider from a static list at start-up; Spor's providers live in
// the database and change while Spor runs (KL's page, the CLI). So this plugin builds each
// municipality's provider with genericOAuth itself (discovery, PKCE, state, the ID token's
// signature, issuer, audience and nonce checked by Better Auth) when a request needs it, and
// installs it in the auth context's provider list just before Better Auth's /sign-in/social,
// /callback/:id and /sign-out look it up. A provider is rebuilt when its settings change.
//
// Spor's own rule (lib/sso/decide.ts) wraps the provider's getUserInfo, which Better Auth calls
// only after the code exchange and ID token verification: a person Spor does not know, a
// deactivated one, or one with memberships outside the provider's municipality is sent to the
// Danish error page before Better Auth looks for, links or creates anything.

type Provider = {
  id: string;
  getUserInfo: (tokens: Record<string, unknown>) => Promise<{ user: Record<string, unknown>; data: Record<string, unknown> } | null>;
} & Record<string, unknown>;
type Context = { socialProviders: Provider[] } & Record<string, unknown>;

/** A 302 to Spor's error page, thrown from inside Better Auth's callback. */
function refuse(reason: SsoRefusal): APIError {
  return new APIError("FOUND", undefined, new Headers({ location: refusalPath(reason) }));
}

async function buildProvider(prisma: PrismaClient, client: SsoClient, context: Context): Promise<Provider | null> {
  const providerId = providerIdOf(client.municipalityNumber);
  const plugin = genericOAuth({
    config: [
      {
        providerId,
        name: client.municipalityName,
        discoveryUrl: `${client.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        scopes: ["openid", "email", "profile"],
        pkce: true,
        // Without a verified ID token there is no sign-in (no userinfo-only fallback).
        requireIdTokenVerification: true,
        // Nobody becomes a Spor user by signing in; coordinators create people (lib/sso/decide.ts).
        disableSignUp: true,
        postLogoutRedirectURI: "/login?logget-ud=1",
      },
    ],
  });
  const initialised = (await plugin.init(context as never)) as unknown as { context: { socialProviders: Provider[] } };
  const base = initialised.context.socialProviders.find((p) => p.id === providerId);
  if (!base) return null; // discovery failed (logged by Better Auth)

  const provider: Provider = {
    ...base,
    // Spor signs in only through the code flow's callback, never with an ID token posted by a client.
    getUserInfoFromIdToken: undefined,
    async getUserInfo(tokens) {
      const info = await base.getUserInfo(tokens);
      if (!info) return null;
      // The ID token was verified by base.getUserInfo (signature, issuer, audience, nonce).
      const idToken = typeof tokens.idToken === "string" ? tokens.idToken : null;
      const claims = { ...info.data, ...(idToken ? decodeJwt(idToken) : {}) } as Record<string, unknown>;
      const decision = await decideSsoSignIn(prisma, client.municipalityId, claims, client.emailClaim, client.provisioning);
      if (!decision.ok) {
        await recordAudit(prisma, {
          actorUserId: null,
          municipalityId: client.municipalityId,
          action: "login.failure",
          entityType: "user",
          entityId: decision.userId,
          after: { method: "sso", provider: providerId, email: decision.email ?? "(ingen e-mail)", reason: decision.reason },
        });
        throw refuse(decision.reason);
      }
      // Better Auth finds the person by this e-mail (Spor's spelling), links the provider's subject
      // to them the first time, and creates the session. emailVerified: the municipality's provider
      // vouched for the address and Spor checked it belongs to that municipality.
      return { user: { ...info.user, email: decision.email, name: decision.name, emailVerified: true }, data: info.data };
    },
  };
  return provider;
}

export function sporSso(prisma: PrismaClient): BetterAuthPlugin {
  const built = new Map<number, { updatedAt: number; provider: Provider }>();

  /** Puts the municipality's current provider in the list Better Auth searches (or takes it out). */
  async function install(context: Context, municipalityNumber: number): Promise<"ready" | "none" | "unavailable"> {
    const providerId = providerIdOf(municipalityNumber);
    const client = await ssoClientOf(prisma, municipalityNumber);
    const list = context.socialProviders;
    const index = list.findIndex((p) => p.id === providerId);
    if (!client) {
      built.delete(municipalityNumber);
      if (index >= 0) list.splice(index, 1);
      return "none";
    }
    let entry = built.get(municipalityNumber);
    if (!entry || entry.updatedAt !== client.updatedAt.getTime()) {
      const provider = await buildProvider(prisma, client, context);
      if (!provider) return "unavailable";
      entry = { updatedAt: client.updatedAt.getTime(), provider };
      built.set(municipalityNumber, entry);
    }
    const current = list.findIndex((p) => p.id === providerId);
    if (current >= 0) list[current] = entry.provider;
    else list.push(entry.provider);
    return "ready";
  }

  return {
    id: "spor-sso",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/social" || ctx.path === "/callback/:id" || ctx.path === "/sign-out",
          handler: createAuthMiddleware(async (ctx) => {
            const context = ctx.context as unknown as Context;
            if (ctx.path === "/sign-in/social") {
              const number = municipalityNumberOf((ctx.body as { provider?: string } | undefined)?.provider);
              // Only municipalities' providers; Spor has no social sign-in.
              if (number === null) throw APIError.from("FORBIDDEN", { code: "SSO_UNKNOWN_PROVIDER", message: "Ukendt login-udbyder." });
              const state = await install(context, number);
              if (state === "none")
                throw APIError.from("NOT_FOUND", { code: "SSO_NOT_CONFIGURED", message: "Kommunen bruger ikke fælles login." });
              if (state === "unavailable")
                throw APIError.from("BAD_GATEWAY", { code: "SSO_UNAVAILABLE", message: "Kommunens login svarer ikke." });
              return;
            }
            if (ctx.path === "/callback/:id") {
              const number = municipalityNumberOf(ctx.params?.id as string | undefined);
              if (number === null) throw refuse("mislykket");
              const state = await install(context, number);
              if (state === "unavailable") throw refuse("utilgaengelig");
              if (state === "none") throw refuse("mislykket");
              return;
            }
            // /sign-out: the person's municipality provider, for RP-initiated logout at the provider.
            const session = await getSessionFromCtx(ctx).catch(() => null);
            if (!session) return;
            const accounts = await prisma.account.findMany({
              where: { userId: session.user.id, providerId: { startsWith: "kommune-" } },
              select: { providerId: true },
            });
            for (const account of accounts) {
              const number = municipalityNumberOf(account.providerId);
              if (number !== null) await install(context, number).catch(() => "unavailable");
            }
          }),
        },
      ],
    },
  };
}

/** Audits a session Better Auth created from a municipality's provider (lib/auth/auth.ts calls it). */
export async function auditSsoSignIn(
  prisma: PrismaClient,
  session: { userId: string },
  context: { params?: Record<string, unknown>; headers?: Headers } | null,
): Promise<void> {
  const providerId = String(context?.params?.id ?? "");
  const client = await prisma.ssoProvider.findFirst({
    where: { municipality: { number: municipalityNumberOf(providerId) ?? -1 } },
    select: { municipalityId: true },
  });
  await recordAudit(prisma, {
    actorUserId: session.userId,
    ip: context?.headers ? clientIp(context.headers) : null,
    municipalityId: client?.municipalityId ?? null,
    action: "login.success",
    entityType: "user",
    entityId: session.userId,
    after: { method: "sso", provider: providerId },
  });
}
