import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_IP } from "@/lib/auth/throttle";
import { PASSWORD, type RunningApp, SERVER_URL, startApp } from "./helpers";

// Sign-in abuse against the real server behind one trusted proxy hop (SPOR_TRUSTED_PROXIES=1), as
// behind nginx: the client address is the X-Forwarded-For entry the proxy appended (the right-most),
// whatever the client wrote before it.

let app: RunningApp;
beforeAll(async () => {
  app = await startApp("server", SERVER_URL, 3320, { env: { SPOR_TRUSTED_PROXIES: "1" } });
}, 180_000);
afterAll(async () => app?.stop());

function signIn(email: string, password: string, forwardedFor: string) {
  return fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl, "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email, password }),
  });
}

describe("sign-in throttle", () => {
  it("checks at most 5 of 40 parallel wrong passwords, and the owner still gets in from elsewhere", { timeout: 120_000 }, async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => (await signIn("leder@koege.test", "forkert-adgangskode-123", "203.0.113.7")).status),
    );
    const checked = statuses.filter((s) => s === 401).length;
    const throttled = statuses.filter((s) => s === 429).length;
    expect(checked + throttled, JSON.stringify(statuses)).toBe(40);
    expect(checked).toBeLessThanOrEqual(5);
    // The right password from the attacker's address is throttled too…
    expect((await signIn("leder@koege.test", PASSWORD, "203.0.113.7")).status).toBe(429);
    // …but the owner, at the town hall's address, is not locked out.
    expect((await signIn("leder@koege.test", PASSWORD, "198.51.100.20")).status).toBe(200);
  });

  it("ignores what the client writes in X-Forwarded-For before the trusted proxy's entry", { timeout: 300_000 }, async () => {
    // Accounts sprayed from one address, each request claiming another origin: the per-address
    // limit (MAX_FAILURES_PER_IP) still applies to the address the proxy saw.
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_IP + 5; i++) {
      const response = await signIn(`ukendt${i}@koege.test`, "forkert-adgangskode-123", `10.9.${i % 250}.1, 192.0.2.66`);
      statuses.push(response.status);
    }
    expect(
      statuses.slice(0, MAX_FAILURES_PER_IP).every((s) => s === 401),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(
      statuses.slice(MAX_FAILURES_PER_IP).every((s) => s === 429),
      JSON.stringify(statuses),
    ).toBe(true);
  });

  it("answers wrong password, unknown user and throttling with Danish messages, never 500", { timeout: 60_000 }, async () => {
    const wrong = await signIn("koordinator@koege.test", "forkert-adgangskode-123", "198.51.100.30");
    expect(wrong.status).toBe(401);
    const unknown = await signIn("findes-ikke@koege.test", "forkert-adgangskode-123", "198.51.100.31");
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).not.toMatch(/findes-ikke/);
  });
});
