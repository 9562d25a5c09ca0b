import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import type { Access } from "@/lib/auth/access";
import { type CurrentUser, userFromHeaders } from "@/lib/auth/current-user";
import { sessionUserId } from "@/lib/auth/session-token";
import type { SporDatabase } from "@/lib/database/open";
import { db, getDatabase } from "@/lib/db";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";
import { assertSameOrigin } from "@/lib/http/json";
import { BodyTooLargeError, limitedStream, readLimitedBytes, readLimitedJson } from "@/lib/http/limited-body";
import { type ApiTokenIdentity, authenticateApiToken } from "@/lib/ingestion/tokens";
import { databaseBusy, databaseFrozen, databaseRefusedInput, isRefusal } from "./database-errors";
import { type Audience, markWrapped, registerEndpoint } from "./registry";

// The one door for route handlers: authentication (session cookie, the lean session check of the hot
// path, an API token, or none) → same-origin check for cookie requests that change something →
// params, query and body parsed with zod, the body limited while it streams → the handler → one
// error mapping to Danish messages with 4xx (or 503 when the database is busy).

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RouteAuth = "session" | "lean-session" | "api-token" | "public";

interface BodySpec<B extends z.ZodType> {
  /** JSON parsed with the schema, read within `limit` bytes. */
  json?: B;
  /** The raw body as a limited stream (uploads); the handler parses it. */
  stream?: true;
  /** The raw body read whole within `limit` (readLimitedBytes), for handlers that pass it on. */
  bytes?: true;
  limit: number;
}

export interface RouteContext<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
  /** The limited body stream when the spec asked for `stream` (else null). */
  stream: ReadableStream<Uint8Array> | null;
  /** The body's bytes when the spec asked for `bytes` (else null). */
  bytes: Uint8Array | null;
  ip: string | null;
  /** "session": the signed-in user with role and scope. */
  user: CurrentUser | null;
  /** "lean-session": only the user id (one query; membership is checked with the resource). */
  userId: string | null;
  /** "api-token": the municipality's token. */
  token: ApiTokenIdentity | null;
  /**
   * The process's Prisma client, for the domain function the handler calls (route handlers never
   * import lib/db themselves). Opened on first use: a handler that does not read it never opens the database.
   */
  readonly db: PrismaClient;
  /** The process's database (Prisma and the SQL executor), e.g. for the readiness check. Opened on first use. */
  readonly database: SporDatabase;
}

export interface RouteSpec<PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType> {
  method: Method;
  /** The path as Next routes it, e.g. "/api/favourites/[id]"; with the method, the matrix test's key. */
  path: string;
  auth: RouteAuth;
  /** Role gate for "session" routes; the handler checks the scope of the resource. */
  allow?: (access: Access) => boolean;
  params?: PS;
  query?: QS;
  body?: BodySpec<BS>;
  /** Whether a successful call changes data (default: every method but GET). */
  mutates?: boolean;
  /**
   * Runs after authentication and before the body is read (e.g. a per-token rate limit): a
   * Response it returns is the answer, and the body is never read.
   */
  beforeBody?: (ctx: { request: Request; ip: string | null; user: CurrentUser | null; userId: string | null; token: ApiTokenIdentity | null }) => Response | null;
  handler: (ctx: RouteContext<z.infer<PS>, z.infer<QS>, z.infer<BS>>) => Promise<Response>;
}

const AUDIENCE: Record<RouteAuth, Audience> = { session: "signed-in", "lean-session": "signed-in", "api-token": "api-token", public: "public" };

const NOT_SIGNED_IN = "Du er ikke logget ind.";
const BAD_TOKEN = "API-nøglen mangler, er ukendt eller er tilbagekaldt. Send den som Authorization: Bearer <nøgle>.";

function parseWith<S extends z.ZodType>(schema: S | undefined, value: unknown, status = 400): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const tooBig = parsed.error.issues.some((i) => i.code === "too_big" && i.path.length <= 1 && i.origin === "array");
    throw new UserFacingError(parsed.error.issues[0]?.message ?? "Ugyldige data.", tooBig ? 413 : status);
  }
  return parsed.data;
}

/** The one mapping from an error to a response: Danish message, 4xx/503, never a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof UserFacingError) {
    const headers: Record<string, string> = {};
    if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="spor"';
    if (error.status === 503) headers["Retry-After"] = "5";
    return Response.json({ error: error.message }, { status: error.status, headers });
  }
  const frozen = databaseFrozen(error);
  if (frozen) return Response.json({ error: frozen.message }, { status: 409 });
  const busy = databaseBusy(error);
  if (busy) return Response.json({ error: busy.message }, { status: 503, headers: { "Retry-After": "5" } });
  const refused = databaseRefusedInput(error);
  if (refused) {
    console.warn("a value the schema let through was refused by the database:", error);
    return Response.json({ error: refused.message }, { status: 400 });
  }
  console.error(error);
  return Response.json({ error: "Der skete en fejl på serveren." }, { status: 500 });
}

export function route<PS extends z.ZodType = z.ZodType, QS extends z.ZodType = z.ZodType, BS extends z.ZodType = z.ZodType>(
  spec: RouteSpec<PS, QS, BS>,
): (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  const info = { kind: "route" as const, name: `${spec.method} ${spec.path}`, audience: AUDIENCE[spec.auth], mutates: spec.mutates ?? spec.method !== "GET" };
  registerEndpoint(info);
  const wrapped = async (request: Request, context?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const ip = clientIp(request.headers);
    let user: CurrentUser | null = null;
    let userId: string | null = null;
    try {
      let token: ApiTokenIdentity | null = null;
      if (spec.auth === "session" || spec.auth === "lean-session") {
        if (info.mutates || spec.body) assertSameOrigin(request);
        if (spec.auth === "session") {
          user = await userFromHeaders(request.headers);
          userId = user?.id ?? null;
        } else {
          userId = await sessionUserId(request);
        }
        if (!userId) throw new UserFacingError(NOT_SIGNED_IN, 401);
        if (spec.allow && (!user || !spec.allow(user.access))) throw new AccessDeniedError();
      } else if (spec.auth === "api-token") {
        token = await authenticateApiToken(db(), request.headers.get("authorization"), new Date());
        if (!token) throw new UserFacingError(BAD_TOKEN, 401);
      }
      const early = spec.beforeBody?.({ request, ip, user, userId, token });
      if (early) {
        request.body?.cancel().catch(() => {});
        return early;
      }
      const params = parseWith(spec.params, context ? await context.params : {}, 404);
      const query = parseWith(spec.query, Object.fromEntries(new URL(request.url).searchParams));
      let body: z.infer<BS> = undefined as z.infer<BS>;
      let stream: ReadableStream<Uint8Array> | null = null;
      let bytes: Uint8Array | null = null;
      if (spec.body?.json) body = parseWith(spec.body.json, await readLimitedJson(request, spec.body.limit));
      else if (spec.body?.stream) stream = limitedStream(request, spec.body.limit);
      else if (spec.body?.bytes) bytes = await readLimitedBytes(request, spec.body.limit);
      else if (info.mutates) limitedStream(request, 0)?.cancel().catch(() => {}); // no body expected: never read one
      return await spec.handler({
        request,
        params,
        query,
        body,
        stream,
        bytes,
        ip,
        user,
        userId,
        token,
        get db() {
          return db();
        },
        get database() {
          return getDatabase();
        },
      });
    } catch (error) {
      // A signed-in caller refused (no role, or another municipality's resource answered with 403
      // or "not found") leaves a trace, as in the action wrapper.
      if (userId && isRefusal(error)) {
        try {
          await recordAudit(db(), { actorUserId: userId, ip, action: "access.denied", entityType: "endpoint", entityId: info.name, after: { reason: error.message } });
        } catch (auditError) {
          console.error("audit of a refused request failed", auditError);
        }
      }
      if (error instanceof BodyTooLargeError) request.body?.cancel().catch(() => {});
      return errorResponse(error);
    }
  };
  return markWrapped(wrapped, info);
}
