import { describe, expect, it } from "vitest";
import { sessionSettings } from "@/lib/auth/config";
import { checkPassword, personalWords, withoutPersonalWords } from "@/lib/auth/password-policy";

// The password rule (lib/auth/password-policy.ts): length, common passwords, the person's own words.

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;
const anna = personalWords({ email: "anna.jensen@koege.dk", name: "Anna Jensen", municipalities: ["Køge"] });

describe("password rule", () => {
  it.each(["1234567890", "aaaaaaaaaa", "kort-kode"])("refuses %s as too short", (password) => {
    expect(checkPassword(password, anna)).toEqual({ ok: false, messages: ["Adgangskoden skal være mindst 12 tegn."] });
  });

  it.each(["1234567890ab", "aaaaaaaaaaaa", "password1234", "qwertyuiop12", "123456789012", "abcdefghijkl"])(
    "refuses the common or patterned %s",
    (password) => {
      const verdict = checkPassword(password, anna);
      expect(verdict.ok).toBe(false);
      expect(verdict.messages[0]).toBe("Adgangskoden er for let at gætte.");
      // zxcvbn's advice, in Danish.
      expect(verdict.messages.join(" ")).not.toMatch(/[A-Za-z]+ (is|are|the|Add|Avoid) /);
      expect(verdict.messages.length).toBeGreaterThan(1);
    },
  );

  it.each([
    "AnnaJensen2026",
    "koegekommune12",
    "SporKommune2026",
    "Koege2026Spor!",
    "anna.jensen@koege.dk",
    "KøgeKommune2026",
    "spor-spor-spor-1",
  ])("refuses %s, built from Anna's own words", (password) => {
    const verdict = checkPassword(password, anna);
    expect(verdict.ok).toBe(false);
  });

  it.each(["korrekt-hest-batteri", "blå-cykel-i-regnvejr", "anna-elsker-solsikker", "Sommerferie i Skagen 2019", "hest-bord-lampe-kaffe"])(
    "accepts %s",
    (password) => {
      expect(checkPassword(password, anna)).toEqual({ ok: true, messages: [] });
    },
  );

  it("refuses more than 128 characters", () => {
    expect(checkPassword("hest-bord-lampe-".repeat(9), anna).messages).toEqual(["Adgangskoden må højst være 128 tegn."]);
  });

  it("knows the person's words in Danish and ASCII spellings, and takes them out case-insensitively", () => {
    expect(anna).toEqual(
      expect.arrayContaining(["anna", "jensen", "annajensen", "anna.jensen", "koege", "køge", "koge", "spor", "kommune"]),
    );
    expect(withoutPersonalWords("KOEGE-kat-Anna", anna)).toBe("-kat-");
    expect(personalWords({})).toEqual(["kommune", "spor"]);
  });
});

describe("session settings", () => {
  it("defaults to 12 hours absolute and 4 hours idle, renewed every 5 minutes", () => {
    expect(sessionSettings(env({}))).toEqual({ maxAgeSeconds: 12 * 3600, idleSeconds: 4 * 3600, updateAgeSeconds: 300 });
  });
  it("reads SPOR_SESSION_MAX_HOURS and SPOR_SESSION_IDLE_MINUTES; the idle expiry never exceeds the lifetime", () => {
    expect(sessionSettings(env({ SPOR_SESSION_MAX_HOURS: "8", SPOR_SESSION_IDLE_MINUTES: "30" }))).toEqual({
      maxAgeSeconds: 8 * 3600,
      idleSeconds: 1800,
      updateAgeSeconds: 300,
    });
    expect(sessionSettings(env({ SPOR_SESSION_MAX_HOURS: "1" })).idleSeconds).toBe(3600);
  });
  it("refuses nonsense", () => {
    expect(() => sessionSettings(env({ SPOR_SESSION_MAX_HOURS: "nul" }))).toThrow(/SPOR_SESSION_MAX_HOURS/);
    expect(() => sessionSettings(env({ SPOR_SESSION_MAX_HOURS: "-1" }))).toThrow(/positivt/);
  });
});
