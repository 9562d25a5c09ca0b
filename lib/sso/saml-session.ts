import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";
import { membershipsFit } from "./decide";

// The session of a SAML sign-in, created by Better Auth as for every other sign-in: its internal
// adapter writes the session row (through Spor's session hooks in lib/auth/auth.ts: a deactivated
// user is refused, the absolute lifetime applies) and setSessionCookie signs the cookie. A
// server-only endpoint: never on the HTTP router, reached only through auth.api after
// lib/sso/saml.ts verified the assertion and decided the person.

export const SAML_PROVIDER = "kombit";

const body = z.object({ userId: z.string().min(1), municipalityId: z.string().min(1) });

export function sporSaml(prisma: PrismaClient) {
  return {
    id: "spor-saml",
    endpoints: {
      sporSamlSession: createAuthEndpoint.serverOnly({ method: "POST", body }, async (ctx) => {
        const { userId, municipalityId } = ctx.body;
        // Again at the last moment: every membership in the assertion's municipality.
        const memberships = await prisma.membership.findMany({ where: { userId }, select: { municipalityId: true } });
        if (!membershipsFit(memberships, municipalityId)) {
          throw APIError.from("FORBIDDEN", { code: "SSO_WRONG_MUNICIPALITY", message: "anden-kommune" });
        }
        const user = await ctx.context.internalAdapter.findUserById(userId);
        if (!user) throw APIError.from("FORBIDDEN", { code: "SSO_UNKNOWN_USER", message: "ukendt" });
        const session = await ctx.context.internalAdapter.createSession(user.id);
        if (!session) throw APIError.from("INTERNAL_SERVER_ERROR", { code: "SESSION_NOT_CREATED", message: "mislykket" });
        await setSessionCookie(ctx, { session, user });
        await recordAudit(prisma, {
          actorUserId: user.id,
          ip: ctx.headers ? clientIp(ctx.headers) : null,
          municipalityId,
          action: "login.success",
          entityType: "user",
          entityId: user.id,
          after: { method: "saml", provider: SAML_PROVIDER },
        });
        return ctx.json({ userId: user.id });
      }),
    },
  } satisfies BetterAuthPlugin;
}
