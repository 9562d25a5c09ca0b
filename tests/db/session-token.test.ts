import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { sessionUserId, verifiedSessionToken } from "@/lib/auth/session-token";
import { signInCookie } from "@/tests/helpers/sign-in";
import { createUserWithPassword } from "@/lib/auth/users";
import type { SporDatabase } from "@/lib/database/open";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The registration endpoint's lean session check must accept exactly what Better Auth accepts.

let database: SporDatabase;
let userId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  resetAuth();
  ({ id: userId } = await createUserWithPassword(database.prisma, { email: "sara@koege.test", name: "Sara", password: "sikker-kode-123" }));
});
afterAll(async () => {
  resetAuth();
  await database.close();
});

const signIn = () => signInCookie(database.prisma, "sara@koege.test", "sikker-kode-123", { ip: "10.2.0.1" });
const request = (cookie: string) => new Request("http://localhost:3000/api/registrations", { headers: { cookie } });

describe("lean session check", () => {
  it("accepts a Better Auth session cookie, as getSession does", async () => {
    const cookie = await signIn();
    expect(await sessionUserId(request(cookie))).toBe(userId);
    expect((await getAuth().api.getSession({ headers: new Headers({ cookie }) }))?.user.id).toBe(userId);
  });

  it("refuses a tampered token or signature, a missing cookie and another secret", async () => {
    const cookie = await signIn();
    const [name, value] = cookie.split("=");
    const decoded = decodeURIComponent(value);
    const [token, signature] = [decoded.slice(0, decoded.lastIndexOf(".")), decoded.slice(decoded.lastIndexOf(".") + 1)];
    const forged = `${name}=${encodeURIComponent(`${token}x.${signature}`)}`;
    expect(await sessionUserId(request(forged))).toBeNull();
    expect(await sessionUserId(request(`${name}=${encodeURIComponent(token)}`))).toBeNull();
    expect(await sessionUserId(request("other=1"))).toBeNull();
    expect(verifiedSessionToken(cookie, "a-completely-different-secret-of-32-chars")).toBeNull();
  });

  it("refuses a session that was signed out, has expired, or whose user was deactivated", async () => {
    const signedOut = await signIn();
    await getAuth().api.signOut({ headers: new Headers({ cookie: signedOut }) });
    expect(await sessionUserId(request(signedOut))).toBeNull();

    const expired = await signIn();
    const token = verifiedSessionToken(expired)!;
    await database.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionUserId(request(expired))).toBeNull();

    const live = await signIn();
    await database.prisma.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    expect(await sessionUserId(request(live))).toBeNull();
  });
});
