import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The ingestion API's rate limits, counted in the database (table rate_limit_window, migration
// 20261231000000_rate_limit_window) so that every instance behind a load balancer counts the same
// requests: two instances allow a token 60 requests a minute, not 60 each. The limit protects the
// database from a runaway client; it is not a quota.
//
// Fixed windows (one row per key and minute): one atomic upsert counts a request only while the
// window has room (ON CONFLICT … DO UPDATE … WHERE hits < limit), so concurrent requests on any number
// of instances never get more than the limit through in one window. A client that spends its limit
// at the end of one minute and again at the start of the next gets twice the limit within a few
// seconds; for protecting the database that is fine, and it keeps each request to one statement.
// (Sign-in and change-password are throttled in the database too: lib/auth/throttle.ts.)

export const API_RATE_LIMIT = { requests: 60, windowMs: 60_000 };
/** Requests with a missing, unknown or revoked token, per client address and minute. */
export const API_UNKNOWN_TOKEN_LIMIT = { requests: 20, windowMs: 60_000 };

/** Windows older than this are deleted now and then (no limit uses a longer window). */
const KEEP_MS = 60 * 60 * 1000;
/** Every this many counted requests, a process deletes old windows. */
const PRUNE_EVERY = 500;
let sincePrune = 0;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request for `key` unless its current window is full; then says when the next window starts. */
export async function takeRate(
  prisma: PrismaClient,
  key: string,
  limit: { requests: number; windowMs: number },
  now: Date = new Date(),
): Promise<RateDecision> {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  const rows = await prisma.$queryRaw<{ hits: number }[]>`
    INSERT INTO rate_limit_window (key, window_start, hits) VALUES (${key}, ${new Date(start)}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1
      WHERE rate_limit_window.hits < ${limit.requests}
    RETURNING hits`;
  if (++sincePrune >= PRUNE_EVERY) {
    sincePrune = 0;
    await prisma.$executeRaw`DELETE FROM rate_limit_window WHERE window_start < ${new Date(now.getTime() - KEEP_MS)}`;
  }
  if (rows.length > 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + limit.windowMs - now.getTime()) / 1000)) };
}

/** One request with a valid token: limited per token. */
export function takeTokenRate(prisma: PrismaClient, tokenId: string, now?: Date): Promise<RateDecision> {
  return takeRate(prisma, `api-token:${tokenId}`, API_RATE_LIMIT, now);
}

/** One request without a valid token: limited per client address (all unknown addresses share one count). */
export function takeUnknownTokenRate(prisma: PrismaClient, ip: string | null, now?: Date): Promise<RateDecision> {
  return takeRate(prisma, `api-unknown-token:${ip ?? "unknown"}`, API_UNKNOWN_TOKEN_LIMIT, now);
}
