import type { PrismaClient } from "@/lib/generated/prisma/client";

// Failed sign-ins allowed per window before further attempts are refused. Per account it stops
// password guessing against one person; per IP it stops spraying many accounts from one place
// (generous, because a town hall's staff may share one outgoing address).
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export const THROTTLED_MESSAGE =
  "For mange mislykkede loginforsøg. Vent 15 minutter, og prøv igen – eller bed din tovholder om et nyt link til adgangskoden.";

export function throttleKeys(ip: string | null, email: string | undefined) {
  return {
    ip: ip ? `ip:${ip}` : null,
    account: email ? `account:${email.trim().toLowerCase()}` : null,
  };
}

async function failuresSince(prisma: PrismaClient, key: string, now: Date): Promise<number> {
  return prisma.loginAttempt.count({
    where: { key, succeeded: false, attemptedAt: { gt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } },
  });
}

export async function isThrottled(
  prisma: PrismaClient,
  ip: string | null,
  email: string | undefined,
  now = new Date(),
): Promise<boolean> {
  const keys = throttleKeys(ip, email);
  if (keys.account && (await failuresSince(prisma, keys.account, now)) >= MAX_FAILURES_PER_ACCOUNT) return true;
  if (keys.ip && (await failuresSince(prisma, keys.ip, now)) >= MAX_FAILURES_PER_IP) return true;
  return false;
}

export async function recordAttempt(
  prisma: PrismaClient,
  ip: string | null,
  email: string | undefined,
  succeeded: boolean,
): Promise<void> {
  const keys = throttleKeys(ip, email);
  const rows = [keys.ip, keys.account].filter((k): k is string => Boolean(k)).map((key) => ({ key, succeeded }));
  if (rows.length) await prisma.loginAttempt.createMany({ data: rows });
  // A success clears the account's failures so a user who finally remembers is not locked out later.
  if (succeeded && keys.account) {
    await prisma.loginAttempt.deleteMany({ where: { key: keys.account, succeeded: false } });
  }
}

/** The client's address as the front proxy (or Next.js itself) reports it. */
export function clientIp(headers: Headers | undefined | null): string | null {
  if (!headers) return null;
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim() || null;
  return headers.get("x-real-ip");
}
