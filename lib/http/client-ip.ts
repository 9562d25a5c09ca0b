import { CLIENT_IP_HEADER } from "./client-address.mjs";

// The client's address. The web server (bin/spor.mjs serve → lib/server/http-server.mjs) takes it
// from the socket, or from the X-Forwarded-For entry added by the nearest of SPOR_TRUSTED_PROXIES
// trusted proxy hops (lib/http/client-address.mjs), and passes it on in this header after deleting
// any copy the client sent. Nothing else in Spor reads X-Forwarded-For: a client can write anything there.
export { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientIp } from "./client-address.mjs";

/** The client's address as the server determined it, or null (e.g. in tests that call code directly). */
export function clientIp(headers: Headers | undefined | null): string | null {
  return headers?.get(CLIENT_IP_HEADER) || null;
}
