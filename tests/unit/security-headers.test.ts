import { describe, expect, it } from "vitest";
import { BaseUrlError, baseUrl, isServerProduction } from "@/lib/http/base-url";
import { API_CSP, createNonce, hstsHeader, pageCsp } from "@/lib/http/security-headers";

describe("SPOR_BASE_URL", () => {
  it("defaults to localhost on the embedded database and in development, whatever NODE_ENV", () => {
    expect(baseUrl({ NODE_ENV: "production" })).toBe("http://localhost:3000");
    expect(baseUrl({ NODE_ENV: "production", PORT: "4100" })).toBe("http://localhost:4100");
    expect(baseUrl({ NODE_ENV: "development", DATABASE_URL: "postgres://x@db/spor" })).toBe("http://localhost:3000");
  });

  it("is required on a PostgreSQL server in production, with a Danish and English message", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://x@db/spor" };
    expect(isServerProduction(env)).toBe(true);
    expect(() => baseUrl(env)).toThrow(BaseUrlError);
    expect(() => baseUrl(env)).toThrow(/SPOR_BASE_URL mangler.*SPOR_BASE_URL is required/);
    expect(() => baseUrl({ ...env, SPOR_BASE_URL: "  " })).toThrow(/mangler/);
    expect(baseUrl({ ...env, SPOR_BASE_URL: "https://spor.kommune.dk/" })).toBe("https://spor.kommune.dk");
  });

  it("must be a plain http(s) origin", () => {
    for (const bad of [
      "spor.kommune.dk",
      "ftp://spor.kommune.dk",
      "https://spor.kommune.dk/spor",
      "https://a:b@spor.kommune.dk",
      "https://spor.kommune.dk/?x=1",
    ]) {
      expect(() => baseUrl({ SPOR_BASE_URL: bad }), bad).toThrow(BaseUrlError);
    }
    expect(baseUrl({ SPOR_BASE_URL: "HTTPS://Spor.Kommune.DK:8443" })).toBe("https://spor.kommune.dk:8443");
  });
});

describe("security headers", () => {
  it("gives each page a nonce-only script policy without inline script or eval", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
    const csp = Object.fromEntries(
      pageCsp(a)
        .split("; ")
        .map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]),
    );
    expect(csp["script-src"]).toBe(`'self' 'nonce-${a}' 'strict-dynamic'`);
    expect(csp["style-src"]).toBe(`'self' 'nonce-${a}'`);
    expect(csp).toMatchObject({
      "default-src": "'self'",
      "connect-src": "'self'",
      "worker-src": "'self'",
      "manifest-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
    });
    expect(pageCsp(a)).not.toMatch(/unsafe/);
    expect(pageCsp(a, { development: true })).toContain("'unsafe-eval'");
    expect(API_CSP).toMatch(/^default-src 'none'/);
  });

  it("sends HSTS only when SPOR_BASE_URL is https", () => {
    expect(hstsHeader({ SPOR_BASE_URL: "https://spor.kommune.dk" })).toBe("max-age=31536000; includeSubDomains");
    expect(hstsHeader({ SPOR_BASE_URL: "http://spor.kommune.local" })).toBeNull();
    expect(hstsHeader({})).toBeNull();
  });
});
