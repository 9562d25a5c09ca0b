import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The sign-in throttle (docs/security.md "Login og adgangskoder"). Every password check is preceded
// by a reservation (SQL function login_attempt_reserve, migration 20261204030000_auth_hardening):
// under an advisory lock per key it counts the key's recent failures and either refuses or records
// the attempt as a failure, all in one statement. A right password then marks the rows succeeded.
// So 40 parallel guesses queue on the lock and at most the limit of them reach the password check.
//
// Keys and limits per 15-minute window:
//  - account + IP: 5 failures since the last success there. Stops guessing one person's password
//    from one place, and only locks that place: the owner elsewhere still signs in.
//  - IP: 100 failures (no reset by successes). Stops spraying many accounts from one address, and is
//    generous because a town hall's staff may share one outgoing address.
//  - account, from addresses where it has not signed in within 30 days: 50 failures since its last
//    success. Caps a distributed attack on one account (many addresses, 5 guesses each). The owner's
//    known addresses are exempt, so a stranger cannot lock the owner out with it.
// Rows are never deleted by the throttle: they are part of the record of failed sign-ins.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
export const MAX_FAILURES_PER_IP = 100;
export const MAX_FAILURES_PER_ACCOUNT = 50;
export const KNOWN_ADDRESS_DAYS = 30;
/** Better Auth's /change-password: attempts (right or wrong) per user and window. */
export const MAX_PASSWORD_CHANGES = 5;

export const THROTTLED_MESSAGE =
  "For mange mislykkede loginforsøg. Vent 15 minutter, og prøv igen – eller bed din tovholder om et nyt link til adgangskoden.";

export interface ThrottleRule {
  key: string;
  /** Failures allowed in the window; null records the attempt without limiting it. */
  limit: number | null;
  /** Count only failures after the key's last success. */
  reset: boolean;
}

export type Reservation = { ok: true; ids: bigint[] } | { ok: false; blockedKey: string };

const UNKNOWN_IP = "unknown";

export function normaliseLoginEmail(email: string | undefined | null): string {
  return (email ?? "").trim().toLowerCase().slice(0, 254);
}

export function signInKeys(email: string, ip: string | null) {
  const account = normaliseLoginEmail(email);
  const address = ip ?? UNKNOWN_IP;
  return { pair: `login:${account}|${address}`, ip: `login-ip:${address}`, account: `login-account:${account}` };
}

/** Whether this account signed in successfully from this address recently (exempt from the account ceiling). */
async function isKnownAddress(prisma: PrismaClient, pairKey: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60 * 1000);
  const row = await prisma.loginAttempt.findFirst({
    where: { key: pairKey, succeeded: true, attemptedAt: { gt: since } },
    select: { id: true },
  });
  return row !== null;
}

export async function reserve(prisma: PrismaClient, rules: ThrottleRule[]): Promise<Reservation> {
  const rows = await prisma.$queryRaw<{ result: { blocked?: string; ids?: string[] } }[]>`
    SELECT login_attempt_reserve(${JSON.stringify(rules)}::jsonb, ${Math.round(THROTTLE_WINDOW_MS / 1000)}::integer) AS result`;
  const result = rows[0]?.result ?? {};
  if (result.blocked) return { ok: false, blockedKey: result.blocked };
  return { ok: true, ids: (result.ids ?? []).map((id) => BigInt(id)) };
}

/** Reserves one sign-in attempt (see the rules above). */
export async function reserveSignIn(prisma: PrismaClient, email: string, ip: string | null, now = new Date()): Promise<Reservation> {
  const keys = signInKeys(email, ip);
  const known = await isKnownAddress(prisma, keys.pair, now);
  return reserve(prisma, [
    { key: keys.pair, limit: MAX_FAILURES_PER_ACCOUNT_AND_IP, reset: true },
    { key: keys.ip, limit: MAX_FAILURES_PER_IP, reset: false },
    { key: keys.account, limit: known ? null : MAX_FAILURES_PER_ACCOUNT, reset: true },
  ]);
}

/** The password was right: the reserved rows become successes (and reset the keys that reset). */
export async function markSucceeded(prisma: PrismaClient, ids: bigint[]): Promise<void> {
  if (ids.length) await prisma.loginAttempt.updateMany({ where: { id: { in: ids } }, data: { succeeded: true } });
}

/** Reserves one call of Better Auth's /change-password for a signed-in user (each call counts). */
export async function reservePasswordChange(prisma: PrismaClient, userId: string): Promise<Reservation> {
  return reserve(prisma, [{ key: `password-change:${userId}`, limit: MAX_PASSWORD_CHANGES, reset: false }]);
}
