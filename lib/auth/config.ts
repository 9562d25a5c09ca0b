import { baseUrl as publicBaseUrl } from "@/lib/http/base-url";

// Session and cookie settings, read from the environment (README "Configuration", docs/security.md
// "Sessioner"). Pure: tests pass their own environment.

/** Absolute lifetime: a session ends this long after sign-in, however active it is. */
export const DEFAULT_SESSION_MAX_HOURS = 12;
/**
 * Idle expiry: a session nobody used for this long ends. Server actions and route handlers renew it
 * (the registration screen's "today" refresh after every save included); plain page navigations do
 * not (React Server Components cannot set the cookie), so it must cover half a working day of
 * reading reports without clicking a button.
 */
export const DEFAULT_SESSION_IDLE_MINUTES = 240;
/** How often a used session's idle expiry is pushed forward (one small write per session at most this often). */
export const SESSION_UPDATE_AGE_SECONDS = 5 * 60;

export interface SessionSettings {
  maxAgeSeconds: number;
  idleSeconds: number;
  updateAgeSeconds: number;
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} skal være et positivt tal (fik "${value}").`);
  return n;
}

export function sessionSettings(env: NodeJS.ProcessEnv = process.env): SessionSettings {
  const maxAgeSeconds = Math.round(positiveNumber(env.SPOR_SESSION_MAX_HOURS, DEFAULT_SESSION_MAX_HOURS, "SPOR_SESSION_MAX_HOURS") * 3600);
  // The idle expiry never exceeds the absolute lifetime.
  const idleSeconds = Math.min(
    maxAgeSeconds,
    Math.round(positiveNumber(env.SPOR_SESSION_IDLE_MINUTES, DEFAULT_SESSION_IDLE_MINUTES, "SPOR_SESSION_IDLE_MINUTES") * 60),
  );
  return { maxAgeSeconds, idleSeconds, updateAgeSeconds: Math.min(SESSION_UPDATE_AGE_SECONDS, Math.floor(idleSeconds / 2)) };
}

/** Spor's public address: one rule for the whole app (lib/http/base-url.ts). */
export function baseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return publicBaseUrl(env);
}

export function isHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  return baseUrl(env).startsWith("https://");
}

/**
 * Better Auth's cookie prefix. Over https the cookies are `__Host-spor.*`: the browser then only
 * accepts them with Secure, Path=/ and no Domain, so no sibling host nor plain-http page can set or
 * overwrite the session cookie. Over http (a laptop, the embedded default) they are `spor.*`.
 */
export function cookiePrefix(env: NodeJS.ProcessEnv = process.env): string {
  return isHttps(env) ? "__Host-spor" : "spor";
}

/** Every name the session cookie can have; lib/auth/session-token.ts and proxy.ts read these. */
export const SESSION_COOKIE_NAMES = ["__Host-spor.session_token", "spor.session_token"] as const;
