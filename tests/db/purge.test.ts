import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { claimDailyJob } from "@/lib/database/daily-job";
import { ANONYMOUS_NAME, purgePersonalData } from "@/lib/privacy/purge";
import { createTestDatabase } from "@/tests/helpers/test-db";

// GDPR retention (lib/privacy/purge.ts, `npx spor purge`, the server's daily job): what is past its
// time goes, what is not stays, read back row by row.

const NOW = new Date("2027-06-01T03:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const SETTINGS = { auditDays: 1900, deactivatedDays: 365 };

let database: SporDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
  const p = database.prisma;
  const user = (id: string, email: string, deactivatedAt: Date | null) =>
    p.user.create({ data: { id, name: `Navn ${id}`, email, deactivatedAt, emailVerified: true } });
  await user("active", "aktiv@kommune.test", null);
  await user("recently-gone", "nylig@kommune.test", daysAgo(100));
  await user("long-gone", "gammel@kommune.test", daysAgo(400));
  await p.account.create({
    data: { id: "acc-long-gone", accountId: "long-gone", providerId: "credential", userId: "long-gone", password: "hash" },
  });
  await p.account.create({ data: { id: "acc-active", accountId: "active", providerId: "credential", userId: "active", password: "hash" } });
  await p.session.create({ data: { id: "s-expired", token: "t1", userId: "active", expiresAt: daysAgo(1), ipAddress: "198.51.100.1" } });
  await p.session.create({ data: { id: "s-valid", token: "t2", userId: "active", expiresAt: new Date(NOW.getTime() + 3_600_000) } });
  await p.session.create({ data: { id: "s-long-gone", token: "t3", userId: "long-gone", expiresAt: new Date(NOW.getTime() + 3_600_000) } });
  await p.loginAttempt.create({ data: { key: "ip:198.51.100.1", succeeded: false, attemptedAt: daysAgo(91) } });
  await p.loginAttempt.create({ data: { key: "ip:198.51.100.2", succeeded: false, attemptedAt: daysAgo(89) } });
  ids.oldAudit = String(
    (await p.auditEvent.create({ data: { action: "login.failure", entityType: "user", occurredAt: daysAgo(1901), ip: "198.51.100.1" } }))
      .id,
  );
  ids.newAudit = String(
    (await p.auditEvent.create({ data: { action: "login.failure", entityType: "user", occurredAt: daysAgo(1899) } })).id,
  );
});
afterAll(() => database.close());

describe("purgePersonalData", () => {
  it("with --dry-run counts what it would remove and changes nothing", async () => {
    const counts = await purgePersonalData(database.prisma, SETTINGS, { now: NOW, dryRun: true });
    expect(counts).toEqual({ sessions: 1, verifications: 0, loginAttempts: 1, auditEvents: 1, anonymisedUsers: 1 });
    expect(await database.prisma.session.count()).toBe(3);
    expect((await database.prisma.user.findUniqueOrThrow({ where: { id: "long-gone" } })).email).toBe("gammel@kommune.test");
  });

  it("removes expired sessions, old sign-in attempts and audit rows, and anonymises long-deactivated users", async () => {
    const result = await purgePersonalData(database.prisma, SETTINGS, { now: NOW });
    expect(result).toEqual({ sessions: 1, verifications: 0, loginAttempts: 1, auditEvents: 1, anonymisedUsers: 1 });
    const p = database.prisma;
    expect((await p.session.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id)).toEqual(["s-valid"]);
    expect((await p.loginAttempt.findMany({ select: { key: true } })).map((a) => a.key)).toEqual(["ip:198.51.100.2"]);
    const audit = await p.auditEvent.findMany({ select: { id: true, action: true }, orderBy: { id: "asc" } });
    expect(audit.map((a) => String(a.id))).not.toContain(ids.oldAudit);
    expect(audit.map((a) => String(a.id))).toContain(ids.newAudit);
    // Outside the purge the log stays append-only, old rows included.
    await expect(p.auditEvent.deleteMany({ where: { id: BigInt(ids.newAudit) } })).rejects.toThrow(/append-only/);
    // The run itself is audited, with its counts.
    expect(audit.at(-1)?.action).toBe("privacy.purge");

    const users = await p.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { id: "asc" } });
    expect(users).toEqual([
      { id: "active", name: "Navn active", email: "aktiv@kommune.test" },
      { id: "long-gone", name: ANONYMOUS_NAME, email: "long-gone@anonymiseret.invalid" },
      { id: "recently-gone", name: "Navn recently-gone", email: "nylig@kommune.test" },
    ]);
    expect(await p.account.findMany({ select: { id: true } })).toEqual([{ id: "acc-active" }]);
  });

  it("run again removes nothing more", async () => {
    expect(await purgePersonalData(database.prisma, SETTINGS, { now: NOW })).toEqual({
      sessions: 0,
      verifications: 0,
      loginAttempts: 0,
      auditEvents: 0,
      anonymisedUsers: 0,
    });
  });

  it("keeps audit rows and deactivated users' names when their settings are 0", async () => {
    await database.prisma.auditEvent.create({ data: { action: "login.failure", entityType: "user", occurredAt: daysAgo(9000) } });
    await database.prisma.user.create({
      data: { id: "ancient", name: "Gammel Bruger", email: "ancient@kommune.test", deactivatedAt: daysAgo(9000) },
    });
    const result = await purgePersonalData(database.prisma, { auditDays: 0, deactivatedDays: 0 }, { now: NOW });
    expect(result).toMatchObject({ auditEvents: 0, anonymisedUsers: 0 });
    expect((await database.prisma.user.findUniqueOrThrow({ where: { id: "ancient" } })).name).toBe("Gammel Bruger");
  });
});

describe("the daily jobs with several instances", () => {
  it("a job's day is claimed by exactly one instance, however many ask at once; other jobs and days are free", async () => {
    const p = database.prisma;
    const claimPurgeDay = (prisma: typeof p, day: string, instance: string) => claimDailyJob(prisma, "purge", day, instance);
    const claims = await Promise.all(["a:1", "b:2", "c:3", "d:4"].map((instance) => claimPurgeDay(p, "2027-06-01", instance)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const rows = await p.dailyJob.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0].claimedBy).toBe(["a:1", "b:2", "c:3", "d:4"][claims.indexOf(true)]);
    // Asked again the same day: nobody gets it; the next day is free again.
    expect(await claimPurgeDay(p, "2027-06-01", "a:1")).toBe(false);
    expect(await claimPurgeDay(p, "2027-06-02", "b:2")).toBe(true);
    expect((await p.dailyJob.findMany({ orderBy: { day: "asc" } })).map((r) => r.day.toISOString().slice(0, 10))).toEqual([
      "2027-06-01",
      "2027-06-02",
    ]);
    expect(await claimDailyJob(p, "coverage-nudge-mail", "2027-06-01", "a:1")).toBe(true);
  });
});
