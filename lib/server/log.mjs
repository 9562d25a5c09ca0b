// Spor's one logger: JSON lines on stdout (pino), one object per event, for the operator's log
// collector (docs/deployment.md, "Logs"). Every line written while a request is handled carries that
// request's id (`requestId`) and, once known, the signed-in user's id (`userId`) and their
// municipality's id (`municipalityId`): never names, e-mail addresses or other personal data.
//
// Plain JavaScript so that the HTTP server (./http-server.mjs, run by plain Node) and the app's
// TypeScript (bundled by Next) use the same module. Next may load it twice (its bundle and the
// server's import), so the request context lives in one AsyncLocalStorage kept on globalThis.
//
// Environment: SPOR_LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino from "pino";

const CONTEXT = Symbol.for("spor.request-context");
/** @type {AsyncLocalStorage<{ requestId: string, userId?: string, municipalityId?: string }>} */
const context = (globalThis[CONTEXT] ??= new AsyncLocalStorage());

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

function level() {
  const wanted = process.env.SPOR_LOG_LEVEL;
  return wanted && LOG_LEVELS.includes(wanted) ? wanted : "info";
}

/** The process's logger. Adds the current request's id, user id and municipality to every line. */
export const log = pino({
  level: level(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  // "level":"error" rather than 50: readable without a lookup table.
  formatters: { level: (label) => ({ level: label }) },
  mixin() {
    const store = context.getStore();
    if (!store) return {};
    const fields = { requestId: store.requestId };
    if (store.userId) fields.userId = store.userId;
    if (store.municipalityId) fields.municipalityId = store.municipalityId;
    return fields;
  },
  // Error objects under "err" become {type, message, stack}; a stray header never reaches the log.
  redact: { paths: ["req.headers.cookie", "req.headers.authorization", "headers.cookie", "headers.authorization"], remove: true },
});

/** A request id as Spor accepts it from a proxy: 1–128 characters of letters, digits and -_.:/ */
const REQUEST_ID = /^[A-Za-z0-9._:/-]{1,128}$/;

/**
 * The id of a request: the proxy's X-Request-Id when Spor sits behind a trusted proxy (SPOR_TRUSTED_PROXIES
 * > 0) and it is well-formed; otherwise a new one. A client could otherwise write anything into the logs.
 * @param {string | string[] | null | undefined} header
 * @param {boolean} trusted
 */
export function requestIdFrom(header, trusted) {
  const value = Array.isArray(header) ? header[0] : header;
  if (trusted && value && REQUEST_ID.test(value)) return value;
  return randomUUID();
}

/**
 * Runs `fn` with `requestId` as the current request (every log line inside carries it).
 * @template T
 * @param {string} requestId
 * @param {() => T} fn
 * @returns {T}
 */
export function withRequestContext(requestId, fn) {
  return context.run({ requestId }, fn);
}

/** The current request's id, or undefined outside a request. */
export function currentRequestId() {
  return context.getStore()?.requestId;
}

/**
 * Adds who is asking to the current request's log lines (ids only; no personal data).
 * @param {{ userId?: string | null, municipalityId?: string | null }} who
 */
export function identifyRequest(who) {
  const store = context.getStore();
  if (!store) return;
  if (who.userId) store.userId = who.userId;
  if (who.municipalityId) store.municipalityId = who.municipalityId;
}
