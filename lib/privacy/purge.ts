import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LOGIN_ATTEMPT_DAYS, type RetentionSettings } from "./settings";

// GDPR retention (docs/deployment.md, "Personal data and retention"): what Spor keeps about staff is
// removed when it is no longer needed. Run by `npx spor purge` and once a day by the server
// (./purge-schedule.ts). Every step is one statement, idempotent, and safe while Spor serves.

export const ANONYMOUS_NAME = "Anonymiseret bruger";

export interface PurgeResult {
  sessions: number;
  verifications: number;
  loginAttempts: number;
  auditEvents: number;
  anonymisedUsers: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Removes what has outlived its purpose; with `dryRun` only counts it. */
export async function purgePersonalData(
  prisma: PrismaClient,
  settings: RetentionSettings,
  options: { now?: Date; dryRun?: boolean } = {},
): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const expiredSessions = { expiresAt: { lt: now } };
  const oldAttempts = { attemptedAt: { lt: before(LOGIN_ATTEMPT_DAYS) } };
  const oldAudit = settings.auditDays > 0 ? { occurredAt: { lt: before(settings.auditDays) } } : null;
  // Already anonymised users are left alone (their e-mail ends in .invalid).
  const toAnonymise =
    settings.deactivatedDays > 0
      ? { deactivatedAt: { lt: before(settings.deactivatedDays) }, NOT: { email: { endsWith: "@anonymiseret.invalid" } } }
      : null;

  if (options.dryRun) {
    return {
      sessions: await prisma.session.count({ where: expiredSessions }),
      verifications: await prisma.verification.count({ where: { expiresAt: { lt: now } } }),
      loginAttempts: await prisma.loginAttempt.count({ where: oldAttempts }),
      auditEvents: oldAudit ? await prisma.auditEvent.count({ where: oldAudit }) : 0,
      anonymisedUsers: toAnonymise ? await prisma.user.count({ where: toAnonymise }) : 0,
    };
  }

  const sessions = (await prisma.session.deleteMany({ where: expiredSessions })).count;
  const verifications = (await prisma.verification.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  const loginAttempts = (await prisma.loginAttempt.deleteMany({ where: oldAttempts })).count;
  // The audit log is append-only; audit_event_purge() (migration 20261230000000_audit_retention) is its one way out.
  const auditEvents = oldAudit
    ? Number((await prisma.$queryRaw<{ n: bigint }[]>`SELECT audit_event_purge(${before(settings.auditDays)}::timestamptz) AS n`)[0].n)
    : 0;
  let anonymisedUsers = 0;
  if (toAnonymise) {
    const users = await prisma.user.findMany({ where: toAnonymise, select: { id: true } });
    for (const { id } of users) {
      // The row stays (registrations, batches and audit rows point to it); who it was goes.
      await prisma.$transaction([
        prisma.user.update({ where: { id }, data: { name: ANONYMOUS_NAME, email: `${id}@anonymiseret.invalid`, image: null } }),
        prisma.account.deleteMany({ where: { userId: id } }),
        prisma.session.deleteMany({ where: { userId: id } }),
        prisma.userToken.deleteMany({ where: { userId: id } }),
      ]);
      anonymisedUsers++;
    }
  }
  const result = { sessions, verifications, loginAttempts, auditEvents, anonymisedUsers };
  await recordAudit(prisma, {
    actorUserId: null,
    action: "privacy.purge",
    entityType: "system",
    entityId: null,
    after: { ...result, ...settings },
  });
  return result;
}
