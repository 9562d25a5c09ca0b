import { describe, expect, it } from "vitest";
import { accessibilityStatementUrl, privacyContact, retentionSettings } from "@/lib/privacy/settings";

describe("privacy and accessibility settings", () => {
  it("links the built-in accessibility statement unless SPOR_ACCESSIBILITY_URL names another", () => {
    expect(accessibilityStatementUrl({})).toBe("/tilgaengelighed");
    expect(accessibilityStatementUrl({ SPOR_ACCESSIBILITY_URL: " https://www.was.digst.dk/spor-kl-dk " })).toBe(
      "https://www.was.digst.dk/spor-kl-dk",
    );
  });

  it("has no contact until SPOR_PRIVACY_CONTACT names one", () => {
    expect(privacyContact({ SPOR_PRIVACY_CONTACT: "  " })).toBeNull();
    expect(privacyContact({ SPOR_PRIVACY_CONTACT: "Køge Kommunes DPO, dpo@koege.dk" })).toBe("Køge Kommunes DPO, dpo@koege.dk");
  });

  it("keeps audit rows 1900 days and names 365 days after deactivation by default; 0 turns each off", () => {
    expect(retentionSettings({})).toEqual({ auditDays: 1900, deactivatedDays: 365 });
    expect(retentionSettings({ SPOR_AUDIT_RETENTION_DAYS: "0", SPOR_DEACTIVATED_RETENTION_DAYS: "0" })).toEqual({
      auditDays: 0,
      deactivatedDays: 0,
    });
    expect(() => retentionSettings({ SPOR_DEACTIVATED_RETENTION_DAYS: "-1" })).toThrow(/SPOR_DEACTIVATED_RETENTION_DAYS/);
  });
});

describe("a daily job's timing (the purge, the nudge mails)", () => {
  it("is due from its hour on, once a day", async () => {
    const { dailyJobDue: purgeDue } = await import("@/lib/database/daily-job");
    const at = (h: number, day = 6) => new Date(2026, 11, day, h, 5);
    expect(purgeDue(at(2), 3, null)).toBe(false);
    expect(purgeDue(at(3), 3, null)).toBe(true);
    expect(purgeDue(at(14), 3, null)).toBe(true); // started after the hour: runs that day all the same
    expect(purgeDue(at(4), 3, at(3).toDateString())).toBe(false);
    expect(purgeDue(at(3, 7), 3, at(3).toDateString())).toBe(true);
  });
});

describe("a daily job's day", () => {
  it("is the server's local date, not the UTC one", async () => {
    const { localDay } = await import("@/lib/database/daily-job");
    expect(localDay(new Date(2026, 11, 6, 0, 30))).toBe("2026-12-06");
    expect(localDay(new Date(2026, 0, 9, 23, 59))).toBe("2026-01-09");
  });
});
