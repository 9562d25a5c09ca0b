import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as routePost } from "@/app/api/auth/[...all]/route";
import { redeemToken } from "@/lib/users/link-tokens";
import { deactivateUser, inviteUser, issueUserLink } from "@/lib/users/users";
import { resetAuth } from "@/lib/auth/auth";
import { MAX_PASSWORD_CHANGES } from "@/lib/auth/throttle";
import { AccessDeniedError } from "@/lib/errors";
import { addSession, adminTestDatabase } from "@/tests/helpers/admin";

// Passwords set through Spor (activation and reset links) and through Better Auth's own
// /change-password endpoint follow the same rule, are throttled and audited; only KL resets a
// coordinator's password, and the audit names who issued a link and who used it.

const POST = (request: Request) => routePost(request, { params: Promise.resolve({}) });
const DEMO_PASSWORD = "spor-demo-2026";
let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

const M = () => t.municipalityId(259);

function authRequest(path: string, body: unknown, ip: string, cookie?: string) {
  const headers = new Headers({ "content-type": "application/json", origin: "http://localhost:3000", "x-spor-client-ip": ip });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`http://localhost:3000/api/auth/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

async function signIn(email: string, password: string, ip: string) {
  const response = await POST(authRequest("sign-in/email", { email, password }, ip));
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function changePassword(cookie: string, currentPassword: string, newPassword: string, ip: string) {
  const response = await POST(authRequest("change-password", { currentPassword, newPassword }, ip, cookie));
  return { status: response.status, body: (await response.json().catch(() => null)) as { message?: string; code?: string } | null };
}

describe("Better Auth's /change-password", () => {
  it("refuses weak and personal passwords in Danish, accepts a good one, ends the other sessions and audits it", async () => {
    const email = "medarbejder@koege.test";
    const userId = t.userId(email);
    const cookie = await signIn(email, DEMO_PASSWORD, "10.30.0.1");
    const other = await addSession(t.prisma, userId);

    const weak = await changePassword(cookie, DEMO_PASSWORD, "1234567890ab", "10.30.0.1");
    expect(weak.status).toBe(400);
    expect(weak.body?.message).toMatch(/^Adgangskoden er for let at gætte\./);
    const personal = await changePassword(cookie, DEMO_PASSWORD, "KoegeKommune2026", "10.30.0.1");
    expect(personal.status).toBe(400);
    expect(personal.body?.message).toMatch(/dit navn, din e-mail, din kommune/);
    const short = await changePassword(cookie, DEMO_PASSWORD, "kort-kode1", "10.30.0.1");
    expect(short.status).toBe(400);

    const good = await changePassword(cookie, DEMO_PASSWORD, "blå-cykel-i-regnvejr", "10.30.0.1");
    expect(good.status).toBe(200);
    expect(await t.prisma.session.findUnique({ where: { id: other } })).toBeNull();
    await signIn(email, "blå-cykel-i-regnvejr", "10.30.0.2");

    const events = await t.prisma.auditEvent.findMany({
      where: { entityId: userId, action: { startsWith: "user.password-change" } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorUserId, e.ip, e.after])).toEqual([
      ["user.password-change.failed", userId, "10.30.0.1", { reason: "policy" }],
      ["user.password-change.failed", userId, "10.30.0.1", { reason: "policy" }],
      ["user.password-change.failed", userId, "10.30.0.1", { reason: "policy" }],
      ["user.password-change", userId, "10.30.0.1", { otherSessionsRevoked: true }],
    ]);
    expect(events[3].municipalityId).toBe(M());
  });

  it("a wrong current password is audited, and the endpoint is throttled per user", async () => {
    const email = "leder@koege.test";
    const userId = t.userId(email);
    const cookie = await signIn(email, DEMO_PASSWORD, "10.31.0.1");
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_PASSWORD_CHANGES; i++)
      statuses.push((await changePassword(cookie, "forkert-kodeord-123", "hest-bord-lampe-kaffe", "10.31.0.1")).status);
    expect(statuses).toEqual([...Array(MAX_PASSWORD_CHANGES).fill(400), 429]);
    // Throttled even with the right current password.
    const blocked = await changePassword(cookie, DEMO_PASSWORD, "hest-bord-lampe-kaffe", "10.31.0.1");
    expect(blocked.status).toBe(429);
    expect(blocked.body?.message).toMatch(/For mange forsøg/);
    const reasons = (
      await t.prisma.auditEvent.findMany({ where: { entityId: userId, action: "user.password-change.failed" }, orderBy: { id: "asc" } })
    ).map((e) => (e.after as { reason: string }).reason);
    expect(reasons).toEqual([...Array(MAX_PASSWORD_CHANGES).fill("INVALID_PASSWORD"), "throttled", "throttled"]);
  });

  it("/update-user is closed: a user cannot rename themselves unaudited", async () => {
    const email = "medarbejder@kbh.test";
    const cookie = await signIn(email, DEMO_PASSWORD, "10.32.0.1");
    const response = await POST(authRequest("update-user", { name: "Hacker" }, "10.32.0.1", cookie));
    expect(response.status).toBe(404);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { email } })).name).not.toBe("Hacker");
  });
});

describe("activation and reset links", () => {
  it("refuses a weak or personal password without using up the link; a good one activates, audited as the user's own act naming the issuer", async () => {
    const ctx = await t.koege();
    const skranke = await t.unitId(259, "Borgerservice – Skranke");
    const link = await inviteUser(ctx, {
      municipalityId: M(),
      name: "Maja Holm",
      email: "maja.holm@koege.test",
      role: "REGISTRANT",
      unitIds: [skranke],
    });
    await expect(redeemToken(t.prisma, { raw: link.token, password: "1234567890" })).rejects.toThrow(/mindst 12 tegn/);
    await expect(redeemToken(t.prisma, { raw: link.token, password: "aaaaaaaaaaaa" })).rejects.toThrow(/for let at gætte/);
    await expect(redeemToken(t.prisma, { raw: link.token, password: "MajaHolm2026!" })).rejects.toThrow(/dit navn/);
    await redeemToken(t.prisma, { raw: link.token, password: "anna-elsker-solsikker", ip: "10.33.0.1" });
    const activation = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.activate", entityId: link.userId } });
    expect([activation.actorUserId, activation.ip]).toEqual([link.userId, "10.33.0.1"]);
    expect(activation.after).toMatchObject({ issuedBy: ctx.actorId });
    const issued = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.invite", entityId: link.userId } });
    expect(issued.actorUserId).toBe(ctx.actorId);
  });
});

describe("who may issue a password link", () => {
  async function peerCoordinator() {
    const ctx = await t.koege();
    const link = await inviteUser(ctx, {
      municipalityId: M(),
      name: "Per Tovholder",
      email: "per.tovholder@koege.test",
      role: "COORDINATOR",
      unitIds: [],
    });
    return link;
  }

  it("a coordinator resets registrants and unit leads of their own municipality; the audit names the coordinator", async () => {
    const ctx = await t.koege();
    for (const email of ["medarbejder@koege.test", "leder@koege.test"]) {
      const link = await issueUserLink(ctx, { municipalityId: M(), userId: t.userId(email) });
      expect(link.purpose).toBe("PASSWORD_RESET");
      const event = await t.prisma.auditEvent.findFirstOrThrow({
        where: { action: "user.link.reset", entityId: t.userId(email) },
        orderBy: { id: "desc" },
      });
      expect(event.actorUserId).toBe(ctx.actorId);
    }
  });

  it("a coordinator may renew a peer coordinator's activation link, but never reset a peer coordinator's password", async () => {
    const ctx = await t.koege();
    const peer = await peerCoordinator();
    expect((await issueUserLink(ctx, { municipalityId: M(), userId: peer.userId })).purpose).toBe("ACTIVATION");
    const renewed = await issueUserLink(ctx, { municipalityId: M(), userId: peer.userId });
    await redeemToken(t.prisma, { raw: renewed.token, password: "hest-bord-lampe-kaffe" });
    const before = await t.prisma.userToken.count({ where: { userId: peer.userId } });
    await expect(issueUserLink(ctx, { municipalityId: M(), userId: peer.userId })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(issueUserLink(ctx, { municipalityId: M(), userId: t.userId("koordinator@koege.test") })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    expect(await t.prisma.userToken.count({ where: { userId: peer.userId } })).toBe(before);
  });

  it("KL resets a coordinator's password (audited as KL's act; using the link is the coordinator's own act), but not a registrant's", async () => {
    const national = await t.ctx("national@spor.test");
    const coordinator = t.userId("koordinator@koege.test");
    const link = await issueUserLink(national, { municipalityId: M(), userId: coordinator });
    expect(link.purpose).toBe("PASSWORD_RESET");
    const issued = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.link.reset", entityId: coordinator } });
    expect(issued.actorUserId).toBe(national.actorId);
    await redeemToken(t.prisma, { raw: link.token, password: "hest-bord-lampe-kaffe", ip: "10.34.0.1" });
    const used = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password-reset", entityId: coordinator } });
    expect([used.actorUserId, used.ip, (used.after as { issuedBy: string }).issuedBy]).toEqual([
      coordinator,
      "10.34.0.1",
      national.actorId,
    ]);
    await expect(issueUserLink(national, { municipalityId: M(), userId: t.userId("medarbejder@koege.test") })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
  });

  it("another municipality's coordinator reaches no one here", async () => {
    const kbh = await t.kbh();
    await expect(issueUserLink(kbh, { municipalityId: M(), userId: t.userId("leder@koege.test") })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    await expect(issueUserLink(kbh, { municipalityId: t.municipalityId(101), userId: t.userId("leder@koege.test") })).rejects.toThrow(
      /findes ikke/,
    );
  });
});

describe("session revocations", () => {
  it("deactivation ends the sessions and records the revocation with actor and address", async () => {
    const ctx = { ...(await t.koege()), ip: "10.35.0.1" };
    const userId = t.userId("leder@koege.test");
    await addSession(t.prisma, userId);
    await addSession(t.prisma, userId);
    const sessions = await t.prisma.session.count({ where: { userId } });
    await deactivateUser(ctx, { municipalityId: M(), userId });
    expect(await t.prisma.session.count({ where: { userId } })).toBe(0);
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "session.revoke", entityId: userId } });
    expect([event.actorUserId, event.ip, event.after]).toEqual([ctx.actorId, "10.35.0.1", { reason: "deactivated", sessions }]);
  });
});
