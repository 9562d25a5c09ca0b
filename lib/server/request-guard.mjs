import { CLIENT_IP_HEADER, resolveClientIp } from "../http/client-address.mjs";

// What Spor's web server does to every request before Next.js sees it (lib/server/http-server.mjs):
// - a body announced as larger than MAX_REQUEST_BYTES is refused at once (413), before anything reads
//   it; the app's own limits (lib/http/limited-body.ts) are smaller and also hold for bodies without
//   a Content-Length;
// - the client's address is decided here, from the socket or the trusted proxies' X-Forwarded-For
//   entry, and passed on in x-spor-client-ip; a copy the client sent is never passed on;
// - a connection whose body is answered before it was read (413 here or in the app) lingers, so the
//   client can read the answer before the connection is cut.

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

/** How long a client whose body was answered early may go on sending before its connection is cut. */
export const REFUSED_LINGER_MS = 2000;

const currentRequest = Symbol("spor.currentRequest");

/**
 * Node closes a connection as soon as a response ends before its request body was read (a refusal
 * here, or the app's own 413 while a body streams), and the kernel then answers what the client is
 * still sending with a reset: a client busy writing reports a broken pipe instead of the answer
 * (seen in CI under load, with Node's own HTTP client). Like nginx's lingering close, such a
 * connection is half-closed after the answer, what still arrives is discarded, and it is cut once
 * the client had REFUSED_LINGER_MS to read the answer or its body has ended. Node ends a connection
 * through socket.destroySoon(); tests/unit/request-guard.test.ts fails if that changes.
 */
function lingerIfAnsweredEarly(req, res) {
  const socket = req.socket;
  socket[currentRequest] = req;
  res.once("finish", () => {
    if (req.complete) return;
    // Node either keeps reading to discard the body (keep-alive) or half-closes (below); either way
    // the connection ends when the body has, or after the linger time.
    const cut = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
    cut.unref();
    req.once("end", () => clearTimeout(cut));
    socket.once("close", () => clearTimeout(cut));
  });
  if (socket.destroySoon.lingers) return;
  const destroySoon = socket.destroySoon;
  const lingering = function () {
    const request = this[currentRequest];
    if (!request || request.complete) return destroySoon.call(this);
    this.end(); // FIN after the answer; the timer above destroys it
    request.once("end", () => this.destroy());
  };
  lingering.lingers = true;
  socket.destroySoon = lingering;
}

function refuse(res, status, message) {
  const body = JSON.stringify({ error: message });
  // Connection: close, so Node does not read the whole body it announced to keep the connection.
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
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
    lingerIfAnsweredEarly(req, res);
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
