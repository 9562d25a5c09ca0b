import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db";
import { baseUrl } from "@/lib/http/base-url";
import { authSecret } from "./secret";
import { clientIp, isThrottled, recordAttempt, THROTTLED_MESSAGE } from "./throttle";

export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60; // one working day, then sign in again

function createAuth() {
  const prisma = db();
  const baseURL = baseUrl(); // SPOR_BASE_URL, required on a server in production (lib/http/base-url.ts)
  return betterAuth({
    appName: "Spor",
    baseURL,
    secret: authSecret(),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by coordinators and the CLI, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
    },
    session: {
      expiresIn: SESSION_LIFETIME_SECONDS,
      updateAge: 60 * 60,
      // No cookie cache: every request checks the session row, so logout and deactivation bite at once.
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: {
        kind: { type: "string", required: false, input: false },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    // Better Auth's own limiter only sees HTTP requests; ours (below) also covers server actions.
    rateLimit: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : undefined;
        if (await isThrottled(prisma, clientIp(ctx.headers), email)) {
          throw new APIError("TOO_MANY_REQUESTS", { message: THROTTLED_MESSAGE });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : undefined;
        const returned = ctx.context.returned;
        const failed = returned instanceof Error || returned instanceof APIError;
        await recordAttempt(prisma, clientIp(ctx.headers), email, !failed);
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated user cannot start a session, whatever their password.
          before: async (session) => {
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { deactivatedAt: true },
            });
            if (!user || user.deactivatedAt) {
              throw new APIError("UNAUTHORIZED", { message: "Invalid email or password" });
            }
          },
        },
      },
    },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      cookiePrefix: "spor",
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const KEY = Symbol.for("spor.auth");
type GlobalWithAuth = typeof globalThis & { [KEY]?: Auth };

/** The Better Auth instance, created on first use (after the database is chosen). */
export function getAuth(): Auth {
  const store = globalThis as GlobalWithAuth;
  store[KEY] ??= createAuth();
  return store[KEY];
}

/** Forget the instance (tests switch databases between files). */
export function resetAuth(): void {
  (globalThis as GlobalWithAuth)[KEY] = undefined;
}
