// The client's address. The web server (bin/spor.mjs serve → scripts/server.mjs) takes it from the
// socket, or from the X-Forwarded-For entry added by the nearest of SPOR_TRUSTED_PROXIES trusted proxy
// hops, and passes it on in this header after deleting any copy the client sent. Nothing else in
// Spor reads X-Forwarded-For: a client can write anything there.
export const CLIENT_IP_HEADER = "x-spor-client-ip";

/** The client's address as the server determined it, or null (e.g. in tests that call code directly). */
export function clientIp(headers: Headers | undefined | null): string | null {
  return headers?.get(CLIENT_IP_HEADER) || null;
}

/**
 * The client address given the socket's peer and the X-Forwarded-For header, trusting `trustedHops`
 * proxies: with 0, the socket address; with n, the n-th entry from the right of X-Forwarded-For
 * (each trusted proxy appends the address it received the request from). Missing entries mean the
 * request did not pass through that many proxies: the left-most available entry is used.
 */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string | null {
  const socket = normaliseIp(socketAddress);
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const entries = forwardedFor.split(",").map((e) => e.trim()).filter(Boolean);
  if (!entries.length) return socket;
  const index = Math.max(0, entries.length - trustedHops);
  return normaliseIp(entries[index]) ?? socket;
}

function normaliseIp(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 address.
  return (v.startsWith("::ffff:") && v.includes(".") ? v.slice(7) : v) || null;
}
