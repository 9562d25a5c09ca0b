import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/http/client-ip";
import { baseUrl, cookiePrefix, isHttps, sessionSettings } from "./config";
import { personalWordsOf } from "./password-inputs";
import { checkPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
import { authSecret } from "./secret";
import { DEACTIVATED_CODE, DEACTIVATED_MESSAGE, insideGuardedSignIn } from "./sign-in";
import { reservePasswordChange } from "./throttle";
import { auditSsoSignIn, sporSso } from "@/lib/sso/better-auth";
import { sporSaml } from "@/lib/sso/saml-session";
import { membershipsFit } from "@/lib/sso/decide";
import { PASSWORD_DISABLED_CODE, PASSWORD_DISABLED_MESSAGE } from "@/lib/sso/messages";
import { municipalityNumberOf } from "@/lib/sso/provider-id";
import { passwordSignInDisabledFor } from "@/lib/sso/settings";

/**
 * Better Auth's HTTP endpoints Spor serves (app/api/auth/[...all]/route.ts refuses the others before
 * Better Auth sees them; `disabledPaths` below refuses them again). Decisions in docs/security.md.
 * @public the record of what the route serves; nothing imports it.
 */
export const SERVED_AUTH_PATHS = [
  "/sign-in/email",
  "/sign-out",
  "/get-session",
  "/change-password",
  "/ok",
  "/error",
  "/callback/:id",
] as const;

/** Every other endpoint of Better Auth 1.7's core, closed: Spor has its own flows for these or does not offer them. */
export const CLOSED_AUTH_PATHS = [
  "/sign-up/email", // accounts come from coordinators, KL and the CLI
  // "/sign-in/social" and "/callback/:id" stay open for the municipalities' own OIDC providers only
  // (lib/sso/better-auth.ts refuses any other provider id; the HTTP route serves only the callback).
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/account-info",
  "/refresh-token",
  "/get-access-token",
  "/update-user", // name and e-mail are changed by a coordinator, audited (lib/users/users.ts)
  "/change-email",
  "/delete-user", // users are deactivated, never deleted by themselves
  "/delete-user/callback",
  "/request-password-reset", // Spor's own single-use links (lib/users/link-tokens.ts)
  "/reset-password",
  "/reset-password/:token",
  "/verify-password", // an unthrottled password oracle for a session holder
  "/verify-email",
  "/send-verification-email",
  "/update-session",
  "/list-sessions",
  "/revoke-session", // sessions end by sign-out, deactivation or a password change, all audited
  "/revoke-sessions",
  "/revoke-other-sessions",
];

export const PASSWORD_CHANGE_THROTTLED_MESSAGE = "For mange forsøg på at skifte adgangskode. Vent 15 minutter, og prøv igen.";

/** Ends a session that is older than the absolute lifetime (before Better Auth could renew it). */
export async function expireIfTooOld(
  prisma: PrismaClient,
  token: string,
  maxAgeSeconds: number,
  ip: string | null,
  now = new Date(),
): Promise<boolean> {
  const session = await prisma.session.findUnique({ where: { token }, select: { userId: true, createdAt: true } });
  if (!session || session.createdAt.getTime() > now.getTime() - maxAgeSeconds * 1000) return false;
  const { count } = await prisma.session.deleteMany({ where: { token } });
  if (count) {
    await recordAudit(prisma, {
      actorUserId: null,
      ip,
      action: "session.expire",
      entityType: "user",
      entityId: session.userId,
      after: { reason: "max-age", createdAt: session.createdAt.toISOString() },
    });
  }
  return true;
}

function bodyString(body: unknown, key: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" ? value : undefined;
}

function createAuth() {
  const prisma = db();
  const settings = sessionSettings();
  const https = isHttps();
  return betterAuth({
    appName: "Spor",
    baseURL: baseUrl(),
    secret: authSecret(),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    disabledPaths: CLOSED_AUTH_PATHS,
    // A failed single sign-on (state, code, ID token, Spor's checks) ends on Spor's Danish page.
    onAPIError: { errorURL: "/login/sso-fejl" },
    emailAndPassword: {
      enabled: true,
      // Accounts are created by coordinators and the CLI, never by self sign-up.
      disableSignUp: true,
      // The full rule (common passwords, the person's own words) runs in the /change-password hook
      // below and where Spor sets passwords itself (lib/users/link-tokens.ts).
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: {
      // Idle expiry, renewed at most every updateAge; the absolute lifetime is enforced by the hooks.
      expiresIn: settings.idleSeconds,
      updateAge: settings.updateAgeSeconds,
      // No cookie cache: every request checks the session row, so logout and deactivation bite at once.
      cookieCache: { enabled: false },
    },
    account: {
      // The provider's tokens at rest (the ID token is kept for sign-out at the provider).
      encryptOAuthTokens: true,
      accountLinking: {
        enabled: true,
        // Spor's users are created by coordinators and never verify their e-mail by a link; the
        // municipality's provider vouches for it, after lib/sso/decide.ts checked the municipality.
        requireLocalEmailVerified: false,
      },
    },
    user: {
      additionalFields: {
        kind: { type: "string", required: false, input: false },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    // Better Auth's own limiter only sees HTTP requests; Spor's (lib/auth/throttle.ts) covers every path.
    rateLimit: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const ip = clientIp(ctx.headers);
        // The absolute lifetime, before any endpoint reads (and would renew) the session.
        const token = ctx.headers?.get("cookie")
          ? await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret)
          : null;
        if (token) await expireIfTooOld(prisma, token, settings.maxAgeSeconds, ip);

        if (ctx.path === "/sign-in/email" && !insideGuardedSignIn()) {
          // Only lib/auth/sign-in.ts may start a password check: it holds the throttle and the audit.
          throw APIError.from("FORBIDDEN", { code: "SIGN_IN_NOT_GUARDED", message: "Login skal gå gennem Spor." });
        }
        if (ctx.path === "/change-password") {
          const session = await getSessionFromCtx(ctx);
          if (!session) return; // the endpoint answers 401
          const userId = session.user.id;
          const reservation = await reservePasswordChange(prisma, userId);
          if (!reservation.ok) {
            await recordAudit(prisma, {
              actorUserId: userId,
              ip,
              action: "user.password-change.failed",
              entityType: "user",
              entityId: userId,
              after: { reason: "throttled" },
            });
            throw APIError.from("TOO_MANY_REQUESTS", { code: "TOO_MANY_REQUESTS", message: PASSWORD_CHANGE_THROTTLED_MESSAGE });
          }
          const verdict = checkPassword(bodyString(ctx.body, "newPassword") ?? "", await personalWordsOf(prisma, userId));
          if (!verdict.ok) {
            await recordAudit(prisma, {
              actorUserId: userId,
              ip,
              action: "user.password-change.failed",
              entityType: "user",
              entityId: userId,
              after: { reason: "policy" },
            });
            throw APIError.from("BAD_REQUEST", { code: "PASSWORD_POLICY", message: passwordProblem(verdict) });
          }
          // A new password ends every other session (a thief's included).
          return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } };
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/change-password") return;
        const ip = clientIp(ctx.headers);
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (
            returned.statusCode === 401 ||
            returned.statusCode === 429 ||
            (returned.body as { code?: string })?.code === "PASSWORD_POLICY"
          )
            return;
          const session = await getSessionFromCtx(ctx).catch(() => null);
          if (!session) return;
          await recordAudit(prisma, {
            actorUserId: session.user.id,
            ip,
            action: "user.password-change.failed",
            entityType: "user",
            entityId: session.user.id,
            after: { reason: (returned.body as { code?: string })?.code ?? String(returned.statusCode) },
          });
          return;
        }
        const user = (returned as { user?: { id?: string } } | undefined)?.user;
        if (!user?.id) return;
        const membership = await prisma.membership.findFirst({
          where: { userId: user.id },
          select: { municipalityId: true },
          orderBy: { createdAt: "asc" },
        });
        await recordAudit(prisma, {
          actorUserId: user.id,
          ip,
          municipalityId: membership?.municipalityId ?? null,
          action: "user.password-change",
          entityType: "user",
          entityId: user.id,
          after: { otherSessionsRevoked: true },
        });
      }),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session, context) => {
            // A deactivated user cannot start a session, whatever their password. The hook runs only
            // after the password was verified, so this answer reveals nothing to someone without it.
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { deactivatedAt: true } });
            if (!user || user.deactivatedAt) throw APIError.from("FORBIDDEN", { code: DEACTIVATED_CODE, message: DEACTIVATED_MESSAGE });
            if (context?.path === "/sign-in/email" && (await passwordSignInDisabledFor(prisma, session.userId))) {
              // After the password was verified, so this answer tells nothing to someone without it.
              throw APIError.from("FORBIDDEN", { code: PASSWORD_DISABLED_CODE, message: PASSWORD_DISABLED_MESSAGE });
            }
            if (context?.path === "/callback/:id") {
              // Again at the last moment (lib/sso/decide.ts decided by e-mail; a linked account could
              // name another person): every membership must be in the provider's municipality.
              const number = municipalityNumberOf(String(context.params?.id ?? ""));
              const municipality =
                number === null ? null : await prisma.municipality.findUnique({ where: { number }, select: { id: true } });
              const memberships = await prisma.membership.findMany({ where: { userId: session.userId }, select: { municipalityId: true } });
              if (!municipality || !membershipsFit(memberships, municipality.id)) {
                throw APIError.from("FORBIDDEN", { code: "SSO_WRONG_MUNICIPALITY", message: "anden-kommune" });
              }
            }
            const cap = new Date(Date.now() + settings.maxAgeSeconds * 1000);
            return { data: { ...session, expiresAt: session.expiresAt > cap ? cap : session.expiresAt } };
          },
          after: async (session, context) => {
            if (context?.path === "/callback/:id") await auditSsoSignIn(prisma, session, context);
          },
        },
        update: {
          // A renewal never carries a session past its absolute lifetime.
          before: async (data, context) => {
            const createdAt = (context?.context as { session?: { session?: { createdAt?: Date } } } | undefined)?.session?.session
              ?.createdAt;
            if (!createdAt || !data.expiresAt) return;
            const cap = new Date(new Date(createdAt).getTime() + settings.maxAgeSeconds * 1000);
            if (new Date(data.expiresAt) > cap) return { data: { ...data, expiresAt: cap } };
          },
        },
        delete: {
          after: async (session, context) => {
            // Sign-out (the login page's button or POST /api/auth/sign-out) is a session revocation.
            if (context?.path !== "/sign-out") return;
            await recordAudit(prisma, {
              actorUserId: session.userId,
              ip: clientIp(context.headers),
              action: "logout",
              entityType: "user",
              entityId: session.userId,
            });
          },
        },
      },
    },
    advanced: {
      // Over https: `__Host-spor.session_token` (Secure, Path=/, no Domain). Better Auth would name
      // it `__Secure-…` with useSecureCookies; the prefix carries `__Host-` instead and Secure is set
      // on every cookie explicitly. Over http: `spor.session_token`. Proven in tests/db/auth-cookies.test.ts.
      useSecureCookies: false,
      // The session row's ip_address: the address the server determined, never X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      cookiePrefix: cookiePrefix(),
      defaultCookieAttributes: { secure: https, path: "/", sameSite: "lax", httpOnly: true },
    },
    // nextCookies last: it turns every plugin's cookies into Next's cookie store in server actions.
    plugins: [sporSso(prisma), sporSaml(prisma), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;

// One instance per module copy. Next.js bundles route handlers and pages/actions separately, each
// with its own copy of Better Auth's classes; an instance shared through globalThis would throw
// one copy's errors into code that knows only the other's (the login page's HTTP 500 before the
// hardening). Both instances use the one database (lib/db.ts keeps that per process).
let instance: Auth | undefined;

/** The Better Auth instance, created on first use (after the database is chosen). */
export function getAuth(): Auth {
  instance ??= createAuth();
  return instance;
}

/** Forget the instance (tests switch databases and settings between files). */
export function resetAuth(): void {
  instance = undefined;
}
