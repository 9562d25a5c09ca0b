// Spor's web server: Next.js's production request handler (its programmatic API, as in Next's
// custom-server guide) behind a plain Node HTTP server, so that Spor, not a header the client wrote,
// decides the client's address, and oversized bodies are refused before Next reads them
// (./request-guard.mjs). `bin/spor.mjs serve` runs this file as a child of ./supervisor.mjs.
//
// Environment: PORT (default 3000), SPOR_TRUSTED_PROXIES (default 0), SPOR_DIST_DIR (next.config.ts).
// The database is opened, migrated and seeded by instrumentation.ts while Next prepares, before the
// server listens.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrustedProxies } from "../http/client-address.mjs";
import { log, requestIdFrom, withRequestContext } from "./log.mjs";
import { createRequestGuard } from "./request-guard.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// React and Next choose their production builds from NODE_ENV when they load.
if (process.env.NODE_ENV !== "production") process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal(`PORT skal være et portnummer (fik "${process.env.PORT}"). PORT must be a port number.`);
  process.exit(1);
}
let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.SPOR_TRUSTED_PROXIES);
} catch (error) {
  log.fatal(error.message);
  process.exit(1);
}

const drainSeconds = Number(process.env.SPOR_DRAIN_SECONDS || 10);
let closing = false;

const guard = createRequestGuard({ trustedProxies });
const server = http.createServer();
const app = next({ dev: false, dir: root, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  // Every request gets an id: the trusted proxy's X-Request-Id, or a new one. Next's code reads it from
  // the request's header (error responses, the onRequestError hook); every log line written while the
  // request runs carries it (./log.mjs); the client gets it back to quote when reporting a problem.
  const requestId = requestIdFrom(req.headers["x-request-id"], trustedProxies > 0);
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  withRequestContext(requestId, () => {
    const started = process.hrtime.bigint();
    if (closing) res.setHeader("Connection", "close");
    res.once("close", () => {
      if (closing) server.closeIdleConnections();
      // The path only: a query string can carry search words or an e-mail address.
      const path = (req.url ?? "/").split("?")[0];
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        { method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, finished: res.writableFinished },
        "request",
      );
    });
    if (!guard(req, res)) return;
    handle(req, res).catch((error) => {
      log.error({ err: error, method: req.method }, "Fejl under behandling af en forespørgsel");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify({ error: "Der skete en fejl på serveren.", requestId }));
      } else {
        res.destroy();
      }
    });
  });
});

server.on("error", (error) => {
  log.fatal(`Serveren kunne ikke lytte på port ${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, async () => {
  // Next runs instrumentation.ts (open, migrate and seed the database) before it answers its first
  // request, so the server is ready only once a first request has been answered. A start that fails
  // there ends the process before the supervisor was told "ready" (see ./supervisor.mjs).
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${server.address().port}/api/health/live`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      /* not answering yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log.info({ port, trustedProxies }, `Klar på http://localhost:${port}`);
  process.send?.({ type: "ready", pid: process.pid });
});

/**
 * Drain on SIGTERM/SIGINT: stop taking connections, let the requests under way finish (at most
 * SPOR_DRAIN_SECONDS, default 10; then the process ends anyway), close Next and the database pool, exit 0.
 * Keep-alive connections are closed as soon as their request is answered (Connection: close), so an
 * idle client cannot hold the drain open.
 */
async function shutdown(exitCode) {
  if (closing) return;
  closing = true;
  log.info({ drainSeconds }, "Stopper: tager ikke imod nye forespørgsler, venter på dem, der er i gang");
  const force = setTimeout(() => {
    log.warn({ drainSeconds }, "Forespørgsler var stadig i gang, da ventetiden udløb; stopper alligevel");
    process.exit(exitCode);
  }, drainSeconds * 1000);
  force.unref();
  await new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeIdleConnections();
  });
  await app.close().catch((error) => log.error({ err: error }, "Next kunne ikke lukkes"));
  const database = globalThis[Symbol.for("spor.database")];
  await database?.close().catch((error) => log.error({ err: error }, "Databasen kunne ikke lukkes"));
  log.info("Stoppet");
  process.exit(exitCode);
}

process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));
// The supervisor is gone (killed with SIGKILL itself): don't live on without it.
process.on("disconnect", () => void shutdown(0));
