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
import { createRequestGuard } from "./request-guard.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// React and Next choose their production builds from NODE_ENV when they load.
if (process.env.NODE_ENV !== "production") process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[spor] PORT skal være et portnummer (fik "${process.env.PORT}").`);
  process.exit(1);
}
let trustedProxies;
try {
  trustedProxies = parseTrustedProxies(process.env.SPOR_TRUSTED_PROXIES);
} catch (error) {
  console.error(`[spor] ${error.message}`);
  process.exit(1);
}

const guard = createRequestGuard({ trustedProxies });
const server = http.createServer();
const app = next({ dev: false, dir: root, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  if (!guard(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(`[spor] Fejl under ${req.method} ${req.url}:`, error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.end(JSON.stringify({ error: "Der skete en fejl på serveren." }));
    } else {
      res.destroy();
    }
  });
});

server.on("error", (error) => {
  console.error(`[spor] Serveren kunne ikke lytte på port ${port}: ${error.message}`);
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
  console.log(`[spor] Klar på http://localhost:${port} (pid ${process.pid}${trustedProxies ? `, ${trustedProxies} betroede proxyer` : ""}).`);
  process.send?.({ type: "ready", pid: process.pid });
});

let closing = false;
/** Stops taking requests, lets those under way finish (at most 10 s), closes Next and the database. */
async function shutdown(exitCode) {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(exitCode), 10_000);
  force.unref();
  await new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeIdleConnections();
  });
  await app.close().catch((error) => console.error(error));
  const database = globalThis[Symbol.for("spor.database")];
  await database?.close().catch((error) => console.error(error));
  process.exit(exitCode);
}

process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));
// The supervisor is gone (killed with SIGKILL itself): don't live on without it.
process.on("disconnect", () => void shutdown(0));
