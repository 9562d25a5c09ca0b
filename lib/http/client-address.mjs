// The client's address, decided once per request by Spor's web server (lib/server/http-server.mjs),
// which passes it on to the app in CLIENT_IP_HEADER after deleting any copy the client sent.
// Plain JavaScript so the server imports it without a build; lib/http/client-ip.ts re-exports it.

export const CLIENT_IP_HEADER = "x-spor-client-ip";

/**
 * The client address given the socket's peer and the X-Forwarded-For header, trusting `trustedHops`
 * proxies: with 0, the socket address; with n, the n-th entry from the right of X-Forwarded-For
 * (each trusted proxy appends the address it received the request from). Missing entries mean the
 * request did not pass through that many proxies: the left-most available entry is used.
 * @param {string | undefined | null} socketAddress
 * @param {string | string[] | undefined | null} forwardedFor
 * @param {number} trustedHops
 * @returns {string | null}
 */
export function resolveClientIp(socketAddress, forwardedFor, trustedHops) {
  const socket = normaliseIp(socketAddress);
  if (!(trustedHops > 0) || !forwardedFor) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return socket;
  const index = Math.max(0, entries.length - trustedHops);
  return normaliseIp(entries[index]) ?? socket;
}

/**
 * SPOR_TRUSTED_PROXIES: how many proxies in front of Spor append to X-Forwarded-For (default 0:
 * none, the socket's peer is the client). Anything but a whole number from 0 to 10 is refused.
 * @param {string | undefined} value
 * @returns {number}
 */
export function parseTrustedProxies(value) {
  const text = (value ?? "").trim();
  if (text === "") return 0;
  if (!/^\d+$/.test(text) || Number(text) > 10) {
    throw new Error(`SPOR_TRUSTED_PROXIES skal være et helt tal fra 0 til 10 (fik "${text}").`);
  }
  return Number(text);
}

/** @param {string | undefined | null} value */
function normaliseIp(value) {
  if (!value) return null;
  const v = value.trim();
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 address.
  return (v.toLowerCase().startsWith("::ffff:") && v.includes(".") ? v.slice(7) : v) || null;
}
