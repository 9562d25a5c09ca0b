import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import type { Access } from "@/lib/auth/access";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";
import { type FormState, ProblemListError, ValidationError } from "@/lib/actions/form-state";
import { identifyRequest, log } from "@/lib/server/log.mjs";
import { metrics } from "@/lib/server/metrics.mjs";
import { databaseBusy, databaseFrozen, databaseRefusedInput, isRefusal } from "./database-errors";
import { markWrapped, registerEndpoint } from "./registry";

// The one door for server actions: session → role gate → zod schema → the domain call (which checks
// the scope of the resource it is given, writes and audits in one transaction) → revalidate.
// Expected errors become the action's result; a refused authorization is itself audit-logged.

/** Who calls, on which database, from where. Domain functions receive it (or parts of it). */
export interface ActionContext {
  /** The caller: an Actor (lib/auth/access.ts) with a name; access and actorId repeat its parts. */
  user: CurrentUser;
  access: Access;
  actorId: string;
  prisma: PrismaClient;
  ip: string | null;
}

export interface PublicActionContext {
  ip: string | null;
  requestHeaders: Headers;
}

interface Common<S extends z.ZodType, A extends unknown[], R> {
  /** Unique, "domain.verb": the authorization matrix test's key. */
  name: string;
  /** Maps the action's arguments (usually the FormData) to the schema's input. */
  input: (...args: A) => unknown;
  schema: S;
  /** Paths to revalidate after success. */
  revalidate?: string[] | ((input: z.infer<S>) => string[]);
  /**
   * Turns an expected error into the action's result (default: FormState with error and problems).
   * Gets the action's own arguments too (e.g. to redirect back to the page the form was on).
   */
  fail?: (error: UserFacingError, ...args: A) => R;
}

export interface SignedInActionSpec<S extends z.ZodType, A extends unknown[], R> extends Common<S, A, R> {
  /** Coarse role gate, checked before the input is parsed. The domain call checks scope. */
  allow: (access: Access) => boolean;
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<R>;
}

export interface PublicActionSpec<S extends z.ZodType, A extends unknown[], R> extends Common<S, A, R> {
  run: (ctx: PublicActionContext, input: z.infer<S>) => Promise<R>;
}

/** The default result mapping: a FormState with the Danish message (and line-numbered problems). */
export function formFailure(error: UserFacingError): FormState {
  if (error instanceof ProblemListError) return { error: error.message, problems: error.problems, at: Date.now() };
  if (error instanceof ValidationError)
    return { error: error.message, problems: error.messages.length > 1 ? error.messages : undefined, at: Date.now() };
  return { error: error.message, at: Date.now() };
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

function revalidateAll<S extends z.ZodType>(spec: Common<S, never[], unknown>, input: z.infer<S>): void {
  const paths = typeof spec.revalidate === "function" ? spec.revalidate(input) : (spec.revalidate ?? []);
  for (const path of paths) revalidatePath(path, path.endsWith("/") ? "layout" : "page");
}

/** Records a refused attempt; never lets the audit write hide the refusal itself. */
async function auditDenial(name: string, user: CurrentUser | null, ip: string | null, reason: string): Promise<void> {
  try {
    await recordAudit(db(), {
      actorUserId: user?.id ?? null,
      ip,
      action: "access.denied",
      entityType: "endpoint",
      entityId: name,
      after: { reason },
    });
  } catch (error) {
    log.error({ err: error }, "audit of a refused action failed");
  }
}

function digestOf(error: unknown): string {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : "";
}

function isNextControlFlow(error: unknown): boolean {
  // redirect() and notFound() throw errors Next must see; they carry a digest starting with NEXT_.
  return digestOf(error).startsWith("NEXT_");
}

function isRedirect(error: unknown): boolean {
  return digestOf(error).startsWith("NEXT_REDIRECT");
}

async function handle<A extends unknown[], R>(
  name: string,
  fail: ((e: UserFacingError, ...args: A) => R) | undefined,
  args: A,
  user: CurrentUser | null,
  ip: string | null,
  error: unknown,
): Promise<R> {
  if (isNextControlFlow(error)) throw error;
  const failure = (e: UserFacingError) => (fail ? fail(e, ...args) : (formFailure(e) as R));
  if (error instanceof UserFacingError) {
    // A signed-in caller refused (no role, or a resource outside their scope that the domain
    // answers "not found" for) leaves a trace; the answer itself reveals nothing more.
    if (user && isRefusal(error)) await auditDenial(name, user, ip, error.message);
    return failure(error);
  }
  const frozen = databaseFrozen(error);
  if (frozen) return failure(frozen);
  const busy = databaseBusy(error);
  if (busy) return failure(busy);
  const refusedInput = databaseRefusedInput(error);
  if (refusedInput) return failure(refusedInput);
  throw error;
}

/**
 * Counts and times a server action in the request metrics (route "action:<name>", method "POST"):
 * status "ok" when it answered (a Danish refusal in the form state included, and Next's redirects),
 * "error" when it threw.
 */
function observed<A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const labels = { route: `action:${name}`, method: "POST" };
  return async (...args: A) => {
    const end = metrics().requestSeconds.startTimer(labels);
    let status = "error";
    try {
      const result = await run(...args);
      status = "ok";
      return result;
    } catch (error) {
      if (isNextControlFlow(error)) status = "ok";
      throw error;
    } finally {
      end();
      metrics().requests.inc({ ...labels, status });
    }
  };
}

/** A server action for signed-in users. */
export function action<S extends z.ZodType, A extends unknown[], R = FormState>(
  spec: SignedInActionSpec<S, A, R>,
): (...args: A) => Promise<R> {
  const info = { kind: "action" as const, name: spec.name, audience: "signed-in" as const, mutates: true };
  registerEndpoint(info);
  const wrapped = async (...args: A): Promise<R> => {
    const requestHeaders = await headers();
    const ip = clientIp(requestHeaders);
    let user: CurrentUser | null = null;
    let input: z.infer<S> | undefined;
    try {
      user = await getCurrentUser();
      if (!user) throw new UserFacingError("Du er ikke logget ind.", 401);
      identifyRequest({ userId: user.id, municipalityId: user.access.memberships.find((m) => m.municipalityId)?.municipalityId });
      if (!spec.allow(user.access)) throw new AccessDeniedError();
      input = parse(spec.schema, spec.input(...args));
      const result = await spec.run({ user, access: user.access, actorId: user.id, prisma: db(), ip }, input);
      revalidateAll(spec as unknown as Common<S, never[], unknown>, input);
      return result;
    } catch (error) {
      // run() may end in redirect() to the page it created: that is success, so revalidate first.
      if (isRedirect(error) && input !== undefined) revalidateAll(spec as unknown as Common<S, never[], unknown>, input);
      return handle(spec.name, spec.fail, args, user, ip, error);
    }
  };
  return markWrapped(observed(spec.name, wrapped), info);
}

/** A server action anyone may call (sign-in, activation): no session, still schema-checked. */
export function publicAction<S extends z.ZodType, A extends unknown[], R = FormState>(
  spec: PublicActionSpec<S, A, R>,
): (...args: A) => Promise<R> {
  const info = { kind: "action" as const, name: spec.name, audience: "public" as const, mutates: true };
  registerEndpoint(info);
  const wrapped = async (...args: A): Promise<R> => {
    const requestHeaders = await headers();
    const ip = clientIp(requestHeaders);
    let input: z.infer<S> | undefined;
    try {
      input = parse(spec.schema, spec.input(...args));
      const result = await spec.run({ ip, requestHeaders }, input);
      revalidateAll(spec as unknown as Common<S, never[], unknown>, input);
      return result;
    } catch (error) {
      if (isRedirect(error) && input !== undefined) revalidateAll(spec as unknown as Common<S, never[], unknown>, input);
      return handle(spec.name, spec.fail, args, null, ip, error);
    }
  };
  return markWrapped(observed(spec.name, wrapped), info);
}
