import { describe, expect, it } from "vitest";
import { emailFromClaims, membershipsFit } from "@/lib/sso/decide";
import { refusalOf, SSO_REFUSALS } from "@/lib/sso/messages";
import { callbackPathOf, municipalityNumberOf, providerIdOf } from "@/lib/sso/provider-id";
import { openSecret, sealSecret, secretsKey } from "@/lib/sso/secret-box";

// The pure rules of single sign-on (lib/sso): which claim is the e-mail, whose memberships fit a
// municipality's provider, provider ids, the error page's reasons and the sealed client secret.

describe("the e-mail claim", () => {
  it("reads the configured claim, trimmed and lower-cased, and only a valid address", () => {
    expect(emailFromClaims({ email: " Anna.Jensen@Koege.DK " }, "email")).toBe("anna.jensen@koege.dk");
    expect(emailFromClaims({ upn: "bo@koege.dk", email: "x@y.dk" }, "upn")).toBe("bo@koege.dk");
    expect(emailFromClaims({ email: "bo@koege.dk" }, "upn")).toBeNull();
    expect(emailFromClaims({ email: "ikke en adresse" }, "email")).toBeNull();
    expect(emailFromClaims({ email: ["bo@koege.dk"] }, "email")).toBeNull();
  });
});

describe("memberships and the provider's municipality", () => {
  it("fits only when there is at least one membership and every one is in the municipality", () => {
    expect(membershipsFit([{ municipalityId: "A" }, { municipalityId: "A" }], "A")).toBe(true);
    expect(membershipsFit([], "A")).toBe(false);
    expect(membershipsFit([{ municipalityId: "B" }], "A")).toBe(false);
    expect(membershipsFit([{ municipalityId: "A" }, { municipalityId: "B" }], "A")).toBe(false);
    expect(membershipsFit([{ municipalityId: null }], "A")).toBe(false); // national
  });
});

describe("provider ids", () => {
  it("are kommune-<number> and nothing else is read as one", () => {
    expect(providerIdOf(259)).toBe("kommune-259");
    expect(callbackPathOf(101)).toBe("/api/auth/callback/kommune-101");
    expect(municipalityNumberOf("kommune-259")).toBe(259);
    for (const id of ["github", "kommune-", "kommune-0259", "kommune-12345", "kommune-25a", "xkommune-259", undefined, null]) {
      expect(municipalityNumberOf(id)).toBeNull();
    }
  });
});

describe("the refusal page's reason", () => {
  it("takes Spor's reason, maps Better Auth's codes, and falls back to a failed sign-in", () => {
    expect(refusalOf("ukendt", undefined)).toBe("ukendt");
    expect(refusalOf(undefined, "ACCOUNT_DEACTIVATED")).toBe("deaktiveret");
    expect(refusalOf(undefined, "SSO_WRONG_MUNICIPALITY")).toBe("anden-kommune");
    expect(refusalOf(undefined, "state_mismatch")).toBe("mislykket");
    expect(refusalOf("toString", "constructor")).toBe("mislykket");
    for (const text of Object.values(SSO_REFUSALS)) expect(text).toMatch(/\.$/);
  });
});

describe("sealed secrets (AES-256-GCM)", () => {
  const key = Buffer.alloc(32, 5);
  it("opens with the same key and owner only, and fails on any altered byte", () => {
    const sealed = sealSecret("hemmelig", "kommune-a", key);
    expect(sealed).not.toContain("hemmelig");
    expect(sealSecret("hemmelig", "kommune-a", key)).not.toBe(sealed); // a fresh IV every time
    expect(openSecret(sealed, "kommune-a", key)).toBe("hemmelig");
    expect(() => openSecret(sealed, "kommune-b", key)).toThrow();
    expect(() => openSecret(sealed, "kommune-a", Buffer.alloc(32, 6))).toThrow();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    expect(() => openSecret([parts[0], parts[1], parts[2], body.toString("base64url")].join("."), "kommune-a", key)).toThrow();
  });

  it("wants a 32-byte key in SPOR_SECRETS_KEY, with a Danish message otherwise", () => {
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
    expect(() => secretsKey(env({}))).toThrow(/SPOR_SECRETS_KEY mangler/);
    expect(() => secretsKey(env({ SPOR_SECRETS_KEY: "kort" }))).toThrow(/præcis 32 bytes/);
    expect(secretsKey(env({ SPOR_SECRETS_KEY: key.toString("base64") }))).toEqual(key);
    expect(secretsKey(env({ SPOR_SECRETS_KEY: key.toString("base64url") }))).toEqual(key);
  });
});
