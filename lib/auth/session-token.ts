import "server-only";
import crypto from "node:crypto";
import { getDatabase } from "@/lib/db";
import { SESSION_COOKIE_NAMES, sessionSettings } from "./config";
import { authSecret } from "./secret";

// The hot path's session check. Better Auth's getSession is correct but costs several queries and
// its endpoint machinery (≈3 ms); the registration endpoint answers hundreds of times a second, so it
// verifies Better Auth's own signed cookie here and checks the session row in one query.
// tests/db/session-token.test.ts proves it accepts exactly what Better Auth accepts.

// Better Auth's cookie: `__Host-spor.session_token` over https, `spor.session_token` over http (lib/auth/config.ts).
const COOKIE_NAMES = SESSION_COOKIE_NAMES;

function readCookie(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** The session token from Better Auth's cookie if its HMAC-SHA256 signature is valid, else null. */
export function verifiedSessionToken(cookieHeader: string | null, secret = authSecret()): string | null {
  if (!cookieHeader) return null;
  for (const name of COOKIE_NAMES) {
    const raw = readCookie(cookieHeader, name);
    if (!raw) continue;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const dot = value.lastIndexOf(".");
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), "base64");
    const expected = crypto.createHmac("sha256", secret).update(token).digest();
    if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return null;
    return token;
  }
  return null;
}

/**
 * The signed-in, active user's id for a request, or null: a valid signature, a session row within
 * both its idle expiry and its absolute lifetime (SPOR_SESSION_MAX_HOURS), an active user. This
 * check never renews the session; the pages and the registration screen's "today" refresh do.
 */
export async function sessionUserId(request: Request, maxAgeSeconds = sessionSettings().maxAgeSeconds): Promise<string | null> {
  const token = verifiedSessionToken(request.headers.get("cookie"));
  if (!token) return null;
  // session_user_id() (prisma/migrations/20261204030000_auth_hardening): live session, not too old, active user.
  const rows = await getDatabase().sql.query<{ user_id: string | null }>(`SELECT session_user_id($1, $2::integer) AS user_id`, [
    token,
    maxAgeSeconds,
  ]);
  return rows[0]?.user_id ?? null;
}
