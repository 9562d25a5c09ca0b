import { APIError } from "better-auth/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "@/lib/auth/throttle";
import { createUserWithPassword } from "@/lib/auth/users";
import type { SporDatabase } from "@/lib/database/open";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Real Better Auth against a real database: hashed passwords, session rows, logout, expiry,
// deactivation and the per-account / per-IP throttle.

let database: SporDatabase;
const PASSWORD = "korrekt-hest-batteri";

beforeAll(async () => {
  database = await createTestDatabase();
  resetAuth();
});
afterAll(async () => {
  resetAuth();
  await database.close();
});

function headersFor(ip: string, cookie?: string) {
  const headers = new Headers({ "x-forwarded-for": ip, origin: "http://localhost:3000" });
  if (cookie) headers.set("cookie", cookie);
  return headers;
}

async function signIn(email: string, password: string, ip = "10.0.0.1") {
  let response: Response;
  try {
    response = await getAuth().api.signInEmail({ body: { email, password }, headers: headersFor(ip), asResponse: true });
  } catch (error) {
    // Errors thrown by hooks (our throttle) arrive as exceptions, not responses.
    if (error instanceof APIError) return { status: error.statusCode, cookie: "", body: { message: error.message } };
    throw error;
  }
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { status: response.status, cookie, body: await response.json().catch(() => null) };
}

describe("sign-in", () => {
  it("stores only a hash of the password and signs in with the right one", async () => {
    await createUserWithPassword(database.prisma, { email: "Anna@Koege.test", name: "Anna", password: PASSWORD });
    const account = await database.prisma.account.findFirstOrThrow({ where: { user: { email: "anna@koege.test" } } });
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password?.length).toBeGreaterThan(40);

    const result = await signIn("anna@koege.test", PASSWORD);
    expect(result.status).toBe(200);
    expect(result.cookie).toMatch(/spor\.session_token=/);
    expect(await database.prisma.session.count({ where: { user: { email: "anna@koege.test" } } })).toBe(1);
  });

  it("refuses a wrong password without creating a session", async () => {
    await createUserWithPassword(database.prisma, { email: "bo@koege.test", name: "Bo", password: PASSWORD });
    const result = await signIn("bo@koege.test", "forkert-kodeord");
    expect(result.status).toBe(401);
    expect(await database.prisma.session.count({ where: { user: { email: "bo@koege.test" } } })).toBe(0);
  });

  it("logout deletes the session row, so the cookie is dead", async () => {
    await createUserWithPassword(database.prisma, { email: "cai@koege.test", name: "Cai", password: PASSWORD });
    const { cookie } = await signIn("cai@koege.test", PASSWORD);
    const auth = getAuth();
    expect(await auth.api.getSession({ headers: headersFor("10.0.0.1", cookie) })).not.toBeNull();
    await auth.api.signOut({ headers: headersFor("10.0.0.1", cookie) });
    expect(await database.prisma.session.count({ where: { user: { email: "cai@koege.test" } } })).toBe(0);
    expect(await auth.api.getSession({ headers: headersFor("10.0.0.1", cookie) })).toBeNull();
  });

  it("an expired session is not accepted", async () => {
    await createUserWithPassword(database.prisma, { email: "dan@koege.test", name: "Dan", password: PASSWORD });
    const { cookie } = await signIn("dan@koege.test", PASSWORD);
    await database.prisma.session.updateMany({
      where: { user: { email: "dan@koege.test" } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getAuth().api.getSession({ headers: headersFor("10.0.0.1", cookie) })).toBeNull();
  });

  it("a deactivated user cannot sign in", async () => {
    const { id } = await createUserWithPassword(database.prisma, { email: "eva@koege.test", name: "Eva", password: PASSWORD });
    await database.prisma.user.update({ where: { id }, data: { deactivatedAt: new Date() } });
    const result = await signIn("eva@koege.test", PASSWORD);
    expect(result.status).not.toBe(200);
    expect(await database.prisma.session.count({ where: { userId: id } })).toBe(0);
  });
});

describe("sign-in throttle", () => {
  it("locks an account after repeated failures, even with the right password", async () => {
    await createUserWithPassword(database.prisma, { email: "finn@koege.test", name: "Finn", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // Different IPs: the account limit must hold on its own.
      expect((await signIn("finn@koege.test", "forkert", `10.1.0.${i}`)).status).toBe(401);
    }
    const blocked = await signIn("finn@koege.test", PASSWORD, "10.1.1.1");
    expect(blocked.status).toBe(429);
    expect(blocked.body?.message).toMatch(/For mange mislykkede loginforsøg/);
  });

  it("blocks one IP that sprays many accounts", async () => {
    await createUserWithPassword(database.prisma, { email: "gry@koege.test", name: "Gry", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await signIn(`ukendt${i}@koege.test`, "forkert", "10.9.9.9");
    }
    expect((await signIn("gry@koege.test", PASSWORD, "10.9.9.9")).status).toBe(429);
    // Another address is not affected.
    expect((await signIn("gry@koege.test", PASSWORD, "10.9.9.10")).status).toBe(200);
  });
});
