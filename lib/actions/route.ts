import "server-only";
import crypto from "node:crypto";
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
import { releaseAfterBody, type Slots } from "@/lib/http/slots";
import { BodyTooLargeError, limitedStream, readLimitedBytes, readLimitedJson } from "@/lib/http/limited-body";
import { API_RATE_LIMIT, type RateDecision, takeTokenRate, takeUnknownTokenRate } from "@/lib/ingestion/rate-limit";
import { type ApiTokenIdentity, authenticateApiToken } from "@/lib/ingestion/tokens";
import { currentRequestId, identifyRequest, log, requestIdFrom, withRequestContext } from "@/lib/server/log.mjs";
import { metrics } from "@/lib/server/metrics.mjs";
import { databaseBusy, databaseFrozen, databaseRefusedInput, isRefusal } from "./database-errors";
import { type Audience, markWrapped, registerEndpoint } from "./registry";

// The one door for route handlers: authentication (session cookie, the lean session check of the hot
// path, an API token, or none) → same-origin check for cookie requests that change something →
// params, query and body parsed with zod, the body limited while it streams → the handler → one
// error mapping to Danish messages with 4xx (or 503 when the database is busy).

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RouteAuth = "session" | "lean-session" | "api-token" | "metrics-token" | "public";

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
  /**
   * Places the handler's work needs (e.g. lib/exchange/export-slots.ts): taken after authentication,
   * held until the response body is sent; none free gives 503 with the slots' Danish message.
   */
  slots?: Slots;
  /** Whether a successful call changes data (default: every method but GET). */
  mutates?: boolean;
  handler: (ctx: RouteContext<z.infer<PS>, z.infer<QS>, z.infer<BS>>) => Promise<Response>;
}

const AUDIENCE: Record<RouteAuth, Audience> = {
  session: "signed-in",
  "lean-session": "signed-in",
  "api-token": "api-token",
  "metrics-token": "operator",
  public: "public",
};

const NOT_SIGNED_IN = "Du er ikke logget ind.";
const BAD_METRICS_TOKEN = "Metrik-nøglen mangler eller er forkert. Send SPOR_METRICS_TOKEN som Authorization: Bearer <nøgle>.";
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

/**
 * The one mapping from an error to a response: Danish message, 4xx/503, never a stack trace. A 500
 * carries the request's id ("fejlkode"), which the operator finds on the log line with the error.
 */
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
    log.warn({ err: error }, "a value the schema let through was refused by the database");
    return Response.json({ error: refused.message }, { status: 400 });
  }
  log.error({ err: error }, "unexpected error in a route handler");
  const requestId = currentRequestId();
  return Response.json({ error: "Der skete en fejl på serveren.", ...(requestId ? { fejlkode: requestId } : {}) }, { status: 500 });
}

/**
 * "metrics-token": the operator's Prometheus scraper (SPOR_METRICS_TOKEN, sent as a bearer token).
 * Unset, the endpoint does not exist (404); a wrong or missing token is 401. Compared in constant time
 * (both sides hashed first, so their lengths reveal nothing either).
 */
function checkMetricsToken(authorization: string | null): void {
  const expected = process.env.SPOR_METRICS_TOKEN;
  if (!expected) throw new UserFacingError("Siden findes ikke.", 404);
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  if (!crypto.timingSafeEqual(digest(given), digest(expected))) throw new UserFacingError(BAD_METRICS_TOKEN, 401);
}

function tooManyRequests(rate: Extract<RateDecision, { allowed: false }>, perToken: boolean): Response {
  const error = perToken
    ? `For mange forespørgsler: højst ${API_RATE_LIMIT.requests} i minuttet pr. nøgle. Prøv igen om ${rate.retryAfterSeconds} sekunder.`
    : `For mange forespørgsler uden gyldig API-nøgle fra denne adresse. Prøv igen om ${rate.retryAfterSeconds} sekunder.`;
  return Response.json({ error }, { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } });
}

export function route<PS extends z.ZodType = z.ZodType, QS extends z.ZodType = z.ZodType, BS extends z.ZodType = z.ZodType>(
  spec: RouteSpec<PS, QS, BS>,
): (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  const info = {
    kind: "route" as const,
    name: `${spec.method} ${spec.path}`,
    audience: AUDIENCE[spec.auth],
    mutates: spec.mutates ?? spec.method !== "GET",
  };
  registerEndpoint(info);
  // Every call is counted and timed by route (the path pattern, never the concrete path: bounded labels).
  // The time is to the response's headers; a streamed body (an export) is timed by its own metric.
  const wrapped = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const observe = async () => {
      const end = metrics().requestSeconds.startTimer({ route: spec.path, method: spec.method });
      const response = await handle(request, context);
      end();
      metrics().requests.inc({ route: spec.path, method: spec.method, status: String(response.status) });
      return response;
    };
    // Under bin/spor.mjs serve the HTTP server set the request's context; elsewhere (next dev, tests) it is set here.
    if (currentRequestId()) return observe();
    return withRequestContext(requestIdFrom(request.headers.get("x-request-id"), false), observe);
  };
  const handle = async (request: Request, context?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
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
        identifyRequest({ userId, municipalityId: user?.access.memberships.find((m) => m.municipalityId)?.municipalityId });
        if (spec.allow && (!user || !spec.allow(user.access))) throw new AccessDeniedError();
      } else if (spec.auth === "metrics-token") {
        checkMetricsToken(request.headers.get("authorization"));
      } else if (spec.auth === "api-token") {
        // Rate limits shared by every instance (lib/ingestion/rate-limit.ts), taken before the body is
        // read: per token, and per client address for requests whose token is missing or unknown.
        const now = new Date();
        token = await authenticateApiToken(db(), request.headers.get("authorization"), now);
        const rate = token ? await takeTokenRate(db(), token.id, now) : await takeUnknownTokenRate(db(), ip, now);
        if (!rate.allowed) {
          request.body?.cancel().catch(() => {});
          return tooManyRequests(rate, token !== null);
        }
        if (!token) throw new UserFacingError(BAD_TOKEN, 401);
        identifyRequest({ municipalityId: token.municipalityId });
      }
      const params = parseWith(spec.params, context ? await context.params : {}, 404);
      const query = parseWith(spec.query, Object.fromEntries(new URL(request.url).searchParams));
      let body: z.infer<BS> = undefined as z.infer<BS>;
      let stream: ReadableStream<Uint8Array> | null = null;
      let bytes: Uint8Array | null = null;
      if (spec.body?.json) body = parseWith(spec.body.json, await readLimitedJson(request, spec.body.limit));
      else if (spec.body?.stream) stream = limitedStream(request, spec.body.limit);
      else if (spec.body?.bytes) bytes = await readLimitedBytes(request, spec.body.limit);
      else if (info.mutates)
        limitedStream(request, 0)
          ?.cancel()
          .catch(() => {}); // no body expected: never read one
      let release: (() => void) | null = null;
      if (spec.slots) {
        release = spec.slots.take();
        if (!release) throw new UserFacingError(spec.slots.busyMessage, 503);
      }
      try {
        const response = await spec.handler({
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
        return release ? releaseAfterBody(response, release) : response;
      } catch (error) {
        release?.();
        throw error;
      }
    } catch (error) {
      // A signed-in caller refused (no role, or another municipality's resource answered with 403
      // or "not found") leaves a trace, as in the action wrapper.
      if (userId && isRefusal(error)) {
        try {
          await recordAudit(db(), {
            actorUserId: userId,
            ip,
            action: "access.denied",
            entityType: "endpoint",
            entityId: info.name,
            after: { reason: error.message },
          });
        } catch (auditError) {
          log.error({ err: auditError }, "audit of a refused request failed");
        }
      }
      if (error instanceof BodyTooLargeError) request.body?.cancel().catch(() => {});
      return errorResponse(error);
    }
  };
  return markWrapped(wrapped, info);
}
