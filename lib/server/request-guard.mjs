import { CLIENT_IP_HEADER, resolveClientIp } from "../http/client-address.mjs";

// What Spor's web server does to every request before Next.js sees it (lib/server/http-server.mjs):
// - a body announced as larger than MAX_REQUEST_BYTES is refused at once (413), before anything reads
//   it; the app's own limits (lib/http/limited-body.ts) are smaller and also hold for bodies without
//   a Content-Length;
// - the client's address is decided here, from the socket or the trusted proxies' X-Forwarded-For
//   entry, and passed on in x-spor-client-ip; a copy the client sent is never passed on.

/** Larger than any body Spor accepts (uploads: 20 MB plus the multipart envelope). */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export const TOO_LARGE_MESSAGE = "Forespørgslen er for stor; grænsen er 25 MB.";

/**
 * Server actions (forms) take small bodies: next.config.ts limits them to 1 MB, and files go to the
 * streamed upload routes. Next's own limit answers 500 after reading a megabyte; here a form post is
 * answered at once with 413 in Danish when it announces more, and with 411 when it announces nothing
 * (browsers always send Content-Length with a server action, so only a script sends it chunked).
 */
export const MAX_ACTION_BYTES = 1024 * 1024;
export const ACTION_TOO_LARGE_MESSAGE = "Formularen er for stor; grænsen er 1 MB. Filer indlæses under Data.";
export const ACTION_LENGTH_REQUIRED_MESSAGE = "Formularen skal sendes med Content-Length.";

function refuse(res, status, message) {
  const body = JSON.stringify({ error: message });
  // Connection: close, so Node does not read the body it announced to keep the connection.
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
  return false;
}

/**
 * @param {{ trustedProxies: number, maxRequestBytes?: number }} options
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean}
 *   true when the request may go on to the app; false when the guard has answered it.
 */
export function createRequestGuard({ trustedProxies, maxRequestBytes = MAX_REQUEST_BYTES }) {
  return (req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > maxRequestBytes) return refuse(res, 413, TOO_LARGE_MESSAGE);
    if (req.method === "POST" && req.headers["next-action"] !== undefined) {
      if (declared === undefined) return refuse(res, 411, ACTION_LENGTH_REQUIRED_MESSAGE);
      if (Number(declared) > MAX_ACTION_BYTES) return refuse(res, 413, ACTION_TOO_LARGE_MESSAGE);
    }
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    else delete req.headers[CLIENT_IP_HEADER];
    return true;
  };
}
