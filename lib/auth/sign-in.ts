import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { isAPIError } from "better-auth/api";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/server/log.mjs";
import { metrics } from "@/lib/server/metrics.mjs";
import { PASSWORD_DISABLED_CODE, PASSWORD_DISABLED_MESSAGE } from "@/lib/sso/messages";
import { markSucceeded, normaliseLoginEmail, reserveSignIn, THROTTLED_MESSAGE } from "./throttle";

// Every password sign-in goes through guardedSignIn: the login page's action, the activation page's
// action and POST /api/auth/sign-in/email alike. It reserves the attempt in the throttle before the
// password is checked, runs Better Auth inside a marker that Better Auth's before-hook insists on
// (lib/auth/auth.ts: a sign-in that bypasses this function is refused), classifies the outcome by
// HTTP status (never by error class: the app's bundles each carry their own copy of Better Auth's
// classes, see docs/security.md), and writes the audit event.

export type SignInOutcome = "success" | "wrong-credentials" | "throttled" | "deactivated" | "sso-only" | "refused" | "error";

export const WRONG_CREDENTIALS_MESSAGE = "Forkert e-mail eller adgangskode.";
export const DEACTIVATED_MESSAGE = "Din bruger er deaktiveret. Kontakt tovholderen i din kommune, hvis du skal bruge Spor igen.";
export const REFUSED_MESSAGE = "Login blev afvist. Genindlæs siden, og prøv igen.";
/** Better Auth's error code for a deactivated user (thrown by the session-create hook in lib/auth/auth.ts). */
export const DEACTIVATED_CODE = "ACCOUNT_DEACTIVATED";

export const SIGN_IN_MESSAGES: Record<Exclude<SignInOutcome, "success">, string> = {
  "wrong-credentials": WRONG_CREDENTIALS_MESSAGE,
  throttled: THROTTLED_MESSAGE,
  deactivated: DEACTIVATED_MESSAGE,
  "sso-only": PASSWORD_DISABLED_MESSAGE,
  refused: REFUSED_MESSAGE,
  error: "Der skete en fejl ved login. Prøv igen om lidt.",
};

const GUARD = Symbol.for("spor.sign-in-guard");
type GlobalWithGuard = typeof globalThis & { [GUARD]?: AsyncLocalStorage<true> };

/** Shared by every bundle of the app (one per route kind), so the hook sees the caller's marker. */
function guard(): AsyncLocalStorage<true> {
  const store = globalThis as GlobalWithGuard;
  store[GUARD] ??= new AsyncLocalStorage<true>();
  return store[GUARD];
}

/** True inside guardedSignIn: Better Auth's /sign-in/email hook refuses any other caller. */
export function insideGuardedSignIn(): boolean {
  return guard().getStore() === true;
}

export interface SignInResult {
  outcome: SignInOutcome;
  response: Response;
  userId?: string;
}

/** Better Auth's error thrown from a hook, as the response its HTTP handler would have sent. */
function errorResponse(error: unknown): Response | null {
  if (!isAPIError(error)) return null;
  const body = (error.body ?? {}) as { code?: string; message?: string };
  return Response.json({ code: body.code, message: body.message ?? error.message }, { status: error.statusCode, headers: error.headers });
}

async function responseJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await response.clone().json();
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function classify(status: number, code: string | undefined): SignInOutcome {
  if (status >= 200 && status < 300) return "success";
  if (status === 429) return "throttled";
  if (status === 403 && code === DEACTIVATED_CODE) return "deactivated";
  if (status === 403 && code === PASSWORD_DISABLED_CODE) return "sso-only";
  if (status === 401) return "wrong-credentials";
  if (status >= 500) return "error";
  return "refused";
}

/** The e-mail as typed, for the audit log, if it is an e-mail address at all (a password typed into the field is not). */
function auditableEmail(email: string): string | null {
  const normalised = normaliseLoginEmail(email);
  return z.email().safeParse(normalised).success ? normalised : null;
}

async function auditSignIn(
  prisma: PrismaClient,
  input: { email: string; ip: string | null },
  outcome: SignInOutcome,
  userId: string | undefined,
): Promise<void> {
  const email = auditableEmail(input.email);
  const user = userId
    ? { id: userId, accounts: [{ id: "" }] }
    : email
      ? await prisma.user.findUnique({
          where: { email },
          select: { id: true, accounts: { where: { providerId: "credential" }, select: { id: true } } },
        })
      : null;
  const membership = user
    ? await prisma.membership.findFirst({ where: { userId: user.id }, select: { municipalityId: true }, orderBy: { createdAt: "asc" } })
    : null;
  const reason = outcome === "wrong-credentials" ? (user && user.accounts.length ? "wrong-password" : "unknown-user") : outcome;
  try {
    await recordAudit(prisma, {
      actorUserId: outcome === "success" ? (userId ?? null) : null,
      ip: input.ip,
      municipalityId: membership?.municipalityId ?? null,
      action: outcome === "success" ? "login.success" : "login.failure",
      entityType: "user",
      entityId: user?.id ?? null,
      after: outcome === "success" ? { method: "password" } : { email: email ?? "(ikke en e-mailadresse)", reason },
    });
  } catch (error) {
    // The sign-in itself stands; a lost audit row is logged for the operator.
    log.error({ err: error }, "audit of a sign-in failed");
  }
}

/**
 * One password sign-in: throttle reservation → Better Auth (run) → outcome → audit.
 * `run` returns Better Auth's response (auth.api.signInEmail with asResponse, or auth.handler).
 */
export async function guardedSignIn(
  prisma: PrismaClient,
  input: { email: string; ip: string | null },
  run: () => Promise<Response>,
): Promise<SignInResult> {
  const reservation = await reserveSignIn(prisma, input.email, input.ip);
  if (!reservation.ok) {
    metrics().signIns.inc({ outcome: "throttled" });
    await auditSignIn(prisma, input, "throttled", undefined);
    const response = Response.json(
      { code: "TOO_MANY_REQUESTS", message: THROTTLED_MESSAGE },
      { status: 429, headers: { "Retry-After": String(15 * 60) } },
    );
    return { outcome: "throttled", response };
  }
  let response: Response;
  try {
    response = await guard().run(true, run);
  } catch (error) {
    const converted = errorResponse(error);
    if (!converted) throw error;
    response = converted;
  }
  const body = await responseJson(response);
  const outcome = classify(response.status, typeof body.code === "string" ? body.code : undefined);
  let userId: string | undefined;
  if (outcome === "success") {
    const user = body.user as { id?: unknown } | undefined;
    userId = typeof user?.id === "string" ? user.id : undefined;
    await markSucceeded(prisma, reservation.ids);
  }
  metrics().signIns.inc({ outcome });
  await auditSignIn(prisma, input, outcome, userId);
  return { outcome, response, userId };
}

/** The e-mail of an HTTP sign-in body (JSON or a form), for the throttle; "" when there is none. */
export function signInEmailOf(contentType: string | null, bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  try {
    if (contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) return new URLSearchParams(text).get("email") ?? "";
    const value = JSON.parse(text) as { email?: unknown } | null;
    return typeof value?.email === "string" ? value.email : "";
  } catch {
    return "";
  }
}
