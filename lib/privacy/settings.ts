// The privacy and accessibility settings staff see (the footer, /privatliv) and the purge uses
// (./purge.ts). No database: the pages read them at render time, so a changed variable takes effect
// on restart without a new build. docs/deployment.md, "Personal data and retention".

type Env = Record<string, string | undefined>;

export const LOGIN_ATTEMPT_DAYS = 90;
const DEFAULT_AUDIT_RETENTION_DAYS = 1900;
const DEFAULT_DEACTIVATED_RETENTION_DAYS = 365;

export interface RetentionSettings {
  /** Audit rows older than this many days are deleted; 0 keeps them. */
  auditDays: number;
  /** Users deactivated longer than this lose name and e-mail; 0 never. */
  deactivatedDays: number;
}

export function retentionSettings(env: Env = process.env): RetentionSettings {
  const days = (name: string, fallback: number) => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    if (!/^\d+$/.test(text)) throw new Error(`${name} skal være et helt antal dage (0 = aldrig), fik "${text}".`);
    return Number(text);
  };
  return {
    auditDays: days("SPOR_AUDIT_RETENTION_DAYS", DEFAULT_AUDIT_RETENTION_DAYS),
    deactivatedDays: days("SPOR_DEACTIVATED_RETENTION_DAYS", DEFAULT_DEACTIVATED_RETENTION_DAYS),
  };
}

/** Where the footer's accessibility statement link goes: KL's national statement, the municipality's own, or the built-in page. */
export function accessibilityStatementUrl(env: Env = process.env): string {
  return env.SPOR_ACCESSIBILITY_URL?.trim() || "/tilgaengelighed";
}

/** Whom staff contact about their personal data (SPOR_PRIVACY_CONTACT), or null when not set. */
export function privacyContact(env: Env = process.env): string | null {
  return env.SPOR_PRIVACY_CONTACT?.trim() || null;
}
