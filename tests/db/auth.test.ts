import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as routePost } from "@/app/api/auth/[...all]/route";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { guardedSignIn, SIGN_IN_MESSAGES } from "@/lib/auth/sign-in";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT_AND_IP,
  MAX_FAILURES_PER_IP,
  signInKeys,
  THROTTLED_MESSAGE,
} from "@/lib/auth/throttle";
import { createUserWithPassword } from "@/lib/auth/users";
import type { SporDatabase } from "@/lib/database/open";
import { createTestDatabase } from "@/tests/helpers/test-db";

const POST = (request: Request) => routePost(request, { params: Promise.resolve({}) });
// Real Better Auth against a real database, through both doors a password sign-in has: the HTTP
// endpoint (app/api/auth/[...all]/route.ts, as scripts call it) and the login page's path
// (guardedSignIn around auth.api.signInEmail, exactly as lib/auth/actions.ts calls it). Every
// outcome, with SPOR_BASE_URL unset (http) and set to https; the throttle's race; the audit rows.

let database: SporDatabase;
const PASSWORD = "korrekt-hest-batteri";
const savedBaseUrl = process.env.SPOR_BASE_URL;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  if (savedBaseUrl === undefined) delete process.env.SPOR_BASE_URL;
  else process.env.SPOR_BASE_URL = savedBaseUrl;
  resetAuth();
  await database.close();
});

type Mode = { name: string; base: string | undefined; origin: string; cookie: RegExp };
const MODES: Mode[] = [
  { name: "without SPOR_BASE_URL (http)", base: undefined, origin: "http://localhost:3000", cookie: /^spor\.session_token=/ },
  {
    name: "with SPOR_BASE_URL=https://spor.kommune.test",
    base: "https://spor.kommune.test",
    origin: "https://spor.kommune.test",
    cookie: /^__Host-spor\.session_token=/,
  },
];

function useMode(mode: Mode) {
  if (mode.base === undefined) delete process.env.SPOR_BASE_URL;
  else process.env.SPOR_BASE_URL = mode.base;
  resetAuth();
}

function headersFor(mode: Mode, ip: string, cookie?: string) {
  const headers = new Headers({ "x-spor-client-ip": ip, origin: mode.origin, "content-type": "application/json" });
  if (cookie) headers.set("cookie", cookie);
  return headers;
}

/** POST /api/auth/sign-in/email through Spor's route handler. */
async function httpSignIn(mode: Mode, email: string, password: string, ip: string) {
  const response = await POST(
    new Request(`${mode.origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: headersFor(mode, ip),
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return {
    status: response.status,
    cookie,
    setCookie: response.headers.getSetCookie(),
    body: (await response.json().catch(() => null)) as { message?: string } | null,
  };
}

/** The login page's path: lib/auth/actions.ts signInAction minus Next's request scope. */
async function pageSignIn(mode: Mode, email: string, password: string, ip: string) {
  const result = await guardedSignIn(database.prisma, { email, ip }, () =>
    getAuth().api.signInEmail({ body: { email, password }, headers: headersFor(mode, ip), asResponse: true }),
  );
  return {
    outcome: result.outcome,
    status: result.response.status,
    message: result.outcome === "success" ? null : SIGN_IN_MESSAGES[result.outcome],
  };
}

let counter = 0;
async function newUser(prefix: string) {
  const email = `${prefix}${++counter}@koege.test`;
  const { id } = await createUserWithPassword(database.prisma, { email, name: prefix, password: PASSWORD });
  return { id, email };
}

for (const mode of MODES) {
  describe(`sign-in outcomes ${mode.name}`, () => {
    beforeAll(() => useMode(mode));

    it("right password: 200, a session row and the right cookie; the page path signs in too", async () => {
      const { id, email } = await newUser("anna");
      const account = await database.prisma.account.findFirstOrThrow({ where: { userId: id } });
      expect(account.password).not.toContain(PASSWORD);
      const result = await httpSignIn(mode, email, PASSWORD, "10.0.0.1");
      expect(result.status).toBe(200);
      expect(result.cookie).toMatch(mode.cookie);
      expect(await pageSignIn(mode, email, PASSWORD, "10.0.0.1")).toMatchObject({ outcome: "success", status: 200 });
      expect(await database.prisma.session.count({ where: { userId: id } })).toBe(2);
    });

    it("wrong password: 401 and the Danish message, no session", async () => {
      const { id, email } = await newUser("bo");
      const result = await httpSignIn(mode, email, "forkert-kodeord-123", "10.0.0.2");
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Forkert e-mail eller adgangskode." });
      expect(await pageSignIn(mode, email, "forkert-kodeord-123", "10.0.0.2")).toEqual({
        outcome: "wrong-credentials",
        status: 401,
        message: "Forkert e-mail eller adgangskode.",
      });
      expect(await database.prisma.session.count({ where: { userId: id } })).toBe(0);
    });

    it("unknown user: 401 and the same message (no hint that the e-mail is unknown)", async () => {
      expect((await httpSignIn(mode, "findes-ikke@koege.test", PASSWORD, "10.0.0.3")).status).toBe(401);
      expect(await pageSignIn(mode, "findes-ikke@koege.test", PASSWORD, "10.0.0.3")).toEqual({
        outcome: "wrong-credentials",
        status: 401,
        message: "Forkert e-mail eller adgangskode.",
      });
    });

    it("throttled: 429 and the Danish message, even with the right password, from that address", async () => {
      const { email } = await newUser("finn");
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++)
        expect((await httpSignIn(mode, email, "forkert-kodeord-123", "10.1.0.1")).status).toBe(401);
      const blocked = await httpSignIn(mode, email, PASSWORD, "10.1.0.1");
      expect(blocked.status).toBe(429);
      expect(blocked.body?.message).toBe(THROTTLED_MESSAGE);
      expect(await pageSignIn(mode, email, PASSWORD, "10.1.0.1")).toEqual({
        outcome: "throttled",
        status: 429,
        message: THROTTLED_MESSAGE,
      });
      // The owner elsewhere is not locked out.
      expect((await httpSignIn(mode, email, PASSWORD, "10.1.0.2")).status).toBe(200);
    });

    it("deactivated: 403 and the deactivation message with the right password; a wrong password says only 'wrong'", async () => {
      const { id, email } = await newUser("eva");
      await database.prisma.user.update({ where: { id }, data: { deactivatedAt: new Date() } });
      const result = await httpSignIn(mode, email, PASSWORD, "10.0.0.5");
      expect(result.status).toBe(403);
      expect(result.body).toEqual({ code: "ACCOUNT_DEACTIVATED", message: SIGN_IN_MESSAGES.deactivated });
      expect(await pageSignIn(mode, email, PASSWORD, "10.0.0.5")).toEqual({
        outcome: "deactivated",
        status: 403,
        message: SIGN_IN_MESSAGES.deactivated,
      });
      expect(await pageSignIn(mode, email, "forkert-kodeord-123", "10.0.0.5")).toMatchObject({ outcome: "wrong-credentials", status: 401 });
      expect(await database.prisma.session.count({ where: { userId: id } })).toBe(0);
    });

    it("a sign-in that bypasses the throttle is refused", async () => {
      const { email } = await newUser("gert");
      await expect(
        getAuth().api.signInEmail({ body: { email, password: PASSWORD }, headers: headersFor(mode, "10.0.0.6") }),
      ).rejects.toMatchObject({ statusCode: 403 });
    });
  });
}

describe("the throttle", () => {
  beforeAll(() => useMode(MODES[0]));

  it("40 parallel wrong passwords: at most 5 are checked, the rest refused; the owner at another address gets in", async () => {
    const { email } = await newUser("race");
    const results = await Promise.all(Array.from({ length: 40 }, () => httpSignIn(MODES[0], email, "forkert-kodeord-123", "10.2.0.1")));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - MAX_FAILURES_PER_ACCOUNT_AND_IP);
    expect(await database.prisma.loginAttempt.count({ where: { key: signInKeys(email, "10.2.0.1").pair } })).toBe(
      MAX_FAILURES_PER_ACCOUNT_AND_IP,
    );
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.2.0.2")).status).toBe(200);
  });

  it("a spoofed X-Forwarded-For does not change the address the throttle counts", async () => {
    const { email } = await newUser("spoof");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      const headers = headersFor(MODES[0], "10.3.0.1");
      headers.set("x-forwarded-for", `203.0.113.${i}`);
      const response = await POST(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers,
          body: JSON.stringify({ email, password: "forkert-kodeord-123" }),
        }),
      );
      expect(response.status).toBe(401);
    }
    const headers = headersFor(MODES[0], "10.3.0.1");
    headers.set("x-forwarded-for", "198.51.100.7");
    const response = await POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers,
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(429);
  });

  it("failures before a success do not count afterwards, and are kept", async () => {
    const { email } = await newUser("glemsom");
    for (let i = 0; i < 4; i++) expect((await httpSignIn(MODES[0], email, "forkert-kodeord-123", "10.4.0.1")).status).toBe(401);
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.4.0.1")).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await httpSignIn(MODES[0], email, "forkert-kodeord-123", "10.4.0.1")).status).toBe(401);
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.4.0.1")).status).toBe(200);
    const key = signInKeys(email, "10.4.0.1").pair;
    expect(await database.prisma.loginAttempt.count({ where: { key, succeeded: false } })).toBe(8);
    expect(await database.prisma.loginAttempt.count({ where: { key, succeeded: true } })).toBe(2);
  });

  it("one address spraying many accounts is stopped at the per-address limit; other addresses are not", async () => {
    const { email } = await newUser("gry");
    const ip = "10.5.0.1";
    await database.prisma.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_IP }, () => ({ key: signInKeys("x@y.z", ip).ip, succeeded: false })),
    });
    expect((await httpSignIn(MODES[0], email, PASSWORD, ip)).status).toBe(429);
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.5.0.2")).status).toBe(200);
  });

  it("the account ceiling stops many addresses guessing one account, but not the owner's known address", async () => {
    const { email } = await newUser("hans");
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.6.0.1")).status).toBe(200); // the owner's address becomes known
    await database.prisma.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ key: signInKeys(email, null).account, succeeded: false })),
    });
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.6.0.99")).status).toBe(429);
    expect((await httpSignIn(MODES[0], email, PASSWORD, "10.6.0.1")).status).toBe(200);
  });
});

describe("the HTTP endpoint", () => {
  beforeAll(() => useMode(MODES[0]));

  it("refuses a body over the auth limit with 413 before Better Auth reads it", async () => {
    const big = new Uint8Array(1024 * 1024).fill(32);
    const response = await POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: headersFor(MODES[0], "10.7.0.1"), body: big }),
    );
    expect(response.status).toBe(413);
    expect(await database.prisma.loginAttempt.count({ where: { key: { contains: "10.7.0.1" } } })).toBe(0);
  });

  it("answers 404 for Better Auth endpoints Spor does not serve (update-user, sign-up, reset, verify-password)", async () => {
    const { email } = await newUser("ivan");
    const { cookie } = await httpSignIn(MODES[0], email, PASSWORD, "10.7.0.2");
    for (const path of [
      "update-user",
      "sign-up/email",
      "request-password-reset",
      "reset-password",
      "verify-password",
      "revoke-sessions",
      "delete-user",
    ]) {
      const request = () =>
        new Request(`http://localhost:3000/api/auth/${path}`, {
          method: "POST",
          headers: headersFor(MODES[0], "10.7.0.2", cookie),
          body: JSON.stringify({ name: "Ny", email: "ny@koege.test", password: PASSWORD }),
        });
      expect((await POST(request())).status, path).toBe(404);
      // Better Auth itself refuses them too (disabledPaths), should anything route there.
      expect((await getAuth().handler(request())).status, path).toBe(404);
    }
    expect((await database.prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe("ivan");
  });
});

describe("audit", () => {
  beforeAll(() => useMode(MODES[0]));

  it("records sign-in success and failure with actor, address and time, never the password", async () => {
    const { id, email } = await newUser("jens");
    await httpSignIn(MODES[0], email, "forkert-kodeord-123", "10.8.0.1");
    await httpSignIn(MODES[0], "ukendt-jens@koege.test", "hemmeligt-kodeord-9", "10.8.0.1");
    const { cookie } = await httpSignIn(MODES[0], email, PASSWORD, "10.8.0.2");
    const events = await database.prisma.auditEvent.findMany({
      where: { action: { in: ["login.success", "login.failure"] }, ip: { in: ["10.8.0.1", "10.8.0.2"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorUserId, e.entityId, e.ip, e.after])).toEqual([
      ["login.failure", null, id, "10.8.0.1", { email, reason: "wrong-password" }],
      ["login.failure", null, null, "10.8.0.1", { email: "ukendt-jens@koege.test", reason: "unknown-user" }],
      ["login.success", id, id, "10.8.0.2", { method: "password" }],
    ]);
    for (const event of events) expect(event.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const all = JSON.stringify(await database.prisma.auditEvent.findMany({ select: { before: true, after: true } }));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("forkert-kodeord-123");
    expect(all).not.toContain("hemmeligt-kodeord-9");

    // Sign-out is a revocation, by the user, from their address.
    await getAuth().api.signOut({ headers: headersFor(MODES[0], "10.8.0.3", cookie) });
    const logout = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "logout", entityId: id } });
    expect([logout.actorUserId, logout.ip]).toEqual([id, "10.8.0.3"]);
  });

  it("records throttled and deactivated refusals", async () => {
    const { id, email } = await newUser("karl");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP + 1; i++) await httpSignIn(MODES[0], email, "forkert-kodeord-123", "10.9.0.1");
    await database.prisma.user.update({ where: { id }, data: { deactivatedAt: new Date() } });
    await httpSignIn(MODES[0], email, PASSWORD, "10.9.0.2");
    const reasons = (
      await database.prisma.auditEvent.findMany({ where: { action: "login.failure", entityId: id }, orderBy: { id: "asc" } })
    ).map((e) => (e.after as { reason: string }).reason);
    expect(reasons).toEqual([...Array(MAX_FAILURES_PER_ACCOUNT_AND_IP).fill("wrong-password"), "throttled", "deactivated"]);
  });

  it("the audit table refuses UPDATE, DELETE and TRUNCATE", async () => {
    expect(await database.prisma.auditEvent.count()).toBeGreaterThan(0);
    await expect(database.prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(database.prisma.$executeRawUnsafe(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(database.prisma.$executeRawUnsafe(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    expect(await database.prisma.auditEvent.count()).toBeGreaterThan(0);
  });
});
