import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as routePost } from "@/app/api/auth/[...all]/route";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { userFromHeaders } from "@/lib/auth/current-user";
import { sessionUserId, verifiedSessionToken } from "@/lib/auth/session-token";
import { createUserWithPassword } from "@/lib/auth/users";
import type { SporDatabase } from "@/lib/database/open";
import { proxy } from "@/proxy";
import { createTestDatabase } from "@/tests/helpers/test-db";

const POST = (request: Request) => routePost(request, { params: Promise.resolve({}) });
// Sessions: the absolute lifetime (SPOR_SESSION_MAX_HOURS) on both session checks (Better Auth's
// getSession behind every page and action, and the registration hot path's session_user_id), the
// idle expiry, and the cookie's name and attributes over http and https.

let database: SporDatabase;
const PASSWORD = "korrekt-hest-batteri";
const saved = { base: process.env.SPOR_BASE_URL, max: process.env.SPOR_SESSION_MAX_HOURS };
const HOUR = 3600 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
});
function restoreEnv() {
  for (const [name, value] of [
    ["SPOR_BASE_URL", saved.base],
    ["SPOR_SESSION_MAX_HOURS", saved.max],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetAuth();
}
afterEach(restoreEnv);
afterAll(async () => {
  restoreEnv();
  await database.close();
});

let counter = 0;
async function signedIn(origin = "http://localhost:3000") {
  const email = `sara${++counter}@koege.test`;
  const { id } = await createUserWithPassword(database.prisma, { email, name: "Sara", password: PASSWORD });
  const response = await POST(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-spor-client-ip": `10.20.0.${counter}` },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
  const setCookie = response.headers.getSetCookie();
  const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
  return { id, email, cookie, setCookie, token: verifiedSessionToken(cookie)! };
}

const hotPath = (cookie: string) => sessionUserId(new Request("http://localhost:3000/api/registrations", { headers: { cookie } }));

describe("absolute session lifetime", () => {
  it("a 30-hour-old session that was kept alive is refused on the page path, deleted, not extended", async () => {
    const { id, cookie, token } = await signedIn();
    expect((await userFromHeaders(new Headers({ cookie })))?.id).toBe(id);
    // As the old code allowed: created 30 hours ago, renewed a minute ago, idle expiry ahead.
    const expiresAt = new Date(Date.now() + 2 * HOUR);
    await database.prisma.session.update({
      where: { token },
      data: { createdAt: new Date(Date.now() - 30 * HOUR), expiresAt, updatedAt: new Date(Date.now() - 60_000) },
    });
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
    expect(await getAuth().api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect(await database.prisma.session.findUnique({ where: { token } })).toBeNull();
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "session.expire", entityId: id } });
    expect(event.after).toMatchObject({ reason: "max-age" });
  });

  it("a 30-hour-old session is refused on the hot path, which never extends it", async () => {
    const { id, cookie, token } = await signedIn();
    expect(await hotPath(cookie)).toBe(id);
    const expiresAt = new Date(Date.now() + 2 * HOUR);
    await database.prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - 30 * HOUR), expiresAt } });
    expect(await hotPath(cookie)).toBeNull();
    expect((await database.prisma.session.findUniqueOrThrow({ where: { token } })).expiresAt).toEqual(expiresAt);
  });

  it("a renewal near the end never carries a session past its lifetime", async () => {
    const { id, cookie, token } = await signedIn();
    const createdAt = new Date(Date.now() - 11.9 * HOUR);
    // Due for renewal: the idle expiry is close.
    await database.prisma.session.update({ where: { token }, data: { createdAt, expiresAt: new Date(Date.now() + 60_000) } });
    expect((await userFromHeaders(new Headers({ cookie })))?.id).toBe(id);
    const renewed = await database.prisma.session.findUniqueOrThrow({ where: { token } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000); // it was renewed …
    expect(renewed.expiresAt.getTime()).toBeLessThanOrEqual(createdAt.getTime() + 12 * HOUR); // … up to the cap
  });

  it("SPOR_SESSION_MAX_HOURS sets the lifetime on both paths", async () => {
    process.env.SPOR_SESSION_MAX_HOURS = "1";
    resetAuth();
    const { cookie, token } = await signedIn();
    await database.prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - 2 * HOUR) } });
    expect(await hotPath(cookie)).toBeNull();
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
  });

  it("the idle expiry still ends an unused session on both paths", async () => {
    const { cookie, token } = await signedIn();
    await database.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await hotPath(cookie)).toBeNull();
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
  });
});

describe("the session cookie", () => {
  it("over https is __Host-spor.session_token: Secure, Path=/, no Domain; both session checks and the proxy read it", async () => {
    process.env.SPOR_BASE_URL = "https://spor.kommune.test";
    resetAuth();
    const { id, cookie, setCookie } = await signedIn("https://spor.kommune.test");
    const session = setCookie.find((c) => c.startsWith("__Host-spor.session_token="));
    expect(session).toBeDefined();
    const attributes = session!
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("secure");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain("httponly");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    expect(setCookie.some((c) => c.startsWith("__Secure-"))).toBe(false);
    // Every cookie Spor sets over https carries the __Host- prefix's conditions.
    for (const c of setCookie) expect(c.startsWith("__Host-") && /;\s*secure/i.test(c)).toBe(true);

    expect(await hotPath(cookie)).toBe(id);
    expect((await userFromHeaders(new Headers({ cookie })))?.id).toBe(id);
    const page = proxy(new NextRequest("https://spor.kommune.test/administration", { headers: { cookie } }));
    expect(page.headers.get("location")).toBeNull();
  });

  it("over http is spor.session_token without Secure; without a cookie the proxy sends to the login page", async () => {
    const { id, cookie, setCookie } = await signedIn();
    const session = setCookie.find((c) => c.startsWith("spor.session_token="));
    expect(session).toBeDefined();
    expect(/;\s*secure/i.test(session!)).toBe(false);
    expect(await hotPath(cookie)).toBe(id);
    const page = proxy(new NextRequest("http://localhost:3000/administration"));
    expect(page.headers.get("location")).toMatch(/\/login\?next=%2Fadministration/);
  });
});
