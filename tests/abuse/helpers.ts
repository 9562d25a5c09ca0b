import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { inject } from "vitest";
import { type AppMode, type RunningApp, signInCookie, startApp as startBuiltApp, type StartOptions } from "@/scripts/bench/app-server";
import { sampleRss, treeRss } from "@/scripts/bench/process-memory";

// The abuse suite runs the production build the way `npm start` runs it (bin/spor.mjs serve) on
// loopback, and attacks it as an attacker or a careless client would. Each file starts its own server.

export const PASSWORD = "spor-demo-2026";
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const MB = 1024 * 1024;

export { sampleRss, signInCookie, treeRss, type AppMode, type RunningApp };

/**
 * Starts the production build (scripts/bench/app-server.ts). On the PostgreSQL server its new database
 * is a copy of the run's template (tests/helpers/abuse-template.ts: migrated, reference and demo data
 * as a first start leaves them), so each file's server starts in about a second instead of migrating
 * and seeding again; the embedded mode still starts from an empty directory.
 */
export function startApp(mode: AppMode, serverUrl: string, port: number, options: StartOptions = {}): Promise<RunningApp> {
  return startBuiltApp(mode, serverUrl, port, { template: inject("abuseTemplate"), ...options });
}

/** Modes to run a database-dependent check in: embedded always, the server when one answers. */
export async function databaseModes(): Promise<AppMode[]> {
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return ["embedded", "server"];
  } catch {
    return ["embedded"];
  }
}

/** The process that actually serves (the deepest descendant of bin/spor.mjs), for kill -9 and RSS. */
export function serverPid(rootPid: number): number {
  let pid = rootPid;
  for (;;) {
    let kids: number[] = [];
    try {
      kids = fs
        .readdirSync(`/proc/${pid}/task`)
        .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/))
        .filter(Boolean)
        .map(Number);
    } catch {
      return pid;
    }
    if (!kids.length) return pid;
    pid = kids[0];
  }
}

/**
 * Whether the server still answers its liveness probe after an attack: a dead or hung server never
 * does; a live one may need more than one probe's 5 s while the machine is busy (the suite runs beside
 * the database tests, scripts/test-all.sh), so it gets 30 s. How fast it answers is the benchmarks'
 * business (docs/benchmarks.md), not this check's.
 */
export async function staysUp(baseUrl: string): Promise<boolean> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (await isLive(baseUrl)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

export async function isLive(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health/live`, { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

export interface FloodResult {
  /** The HTTP status the server answered with, if it answered. */
  status: number | null;
  /** The answer's body (first 2 kB), if any. */
  body: string;
  /** Bytes the client managed to send before the server answered or closed. */
  sent: number;
  error?: string;
}

/**
 * POSTs `total` bytes of `chunk` repeated, with Content-Length or chunked, as fast as the server takes
 * them; stops as soon as the server answers or closes. Bounded by `timeoutMs`.
 */
export function flood(
  url: string,
  options: { total: number; withLength: boolean; headers?: Record<string, string>; prefix?: string; timeoutMs?: number },
): Promise<FloodResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (options.withLength) headers["content-length"] = String(options.total);
    else headers["transfer-encoding"] = "chunked";
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    let done = false;
    let body = "";
    let status: number | null = null;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ status, body: body.slice(0, 2048), sent, error });
    };
    const request = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "POST", headers, agent: false },
      (response) => {
        status = response.statusCode ?? null;
        response.setEncoding("utf8");
        response.on("data", (d: string) => (body += d));
        response.on("end", () => finish());
        response.on("error", () => finish());
      },
    );
    const timer = setTimeout(() => finish("timeout"), options.timeoutMs ?? 60_000);
    request.on("error", (e) => {
      // The server may close the connection after answering 413; a status already read still counts.
      setTimeout(() => finish(e.message), 200);
    });
    const write = () => {
      if (options.prefix && sent === 0) {
        request.write(options.prefix);
        sent += Buffer.byteLength(options.prefix);
      }
      while (!done && sent < options.total) {
        const part = options.total - sent >= chunk.length ? chunk : chunk.subarray(0, options.total - sent);
        sent += part.length;
        if (!request.write(part)) {
          request.once("drain", write);
          return;
        }
      }
      if (!done) request.end();
    };
    write();
  });
}

/** A new registration for the registration endpoint. */
export function registration(unitId: string, taskId: string, id: string = crypto.randomUUID()) {
  return {
    id,
    unitId,
    channelCode: "TLFIND",
    taskId,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  };
}

export async function getJson<T>(baseUrl: string, path: string, cookie: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo registrant's phone unit and a task in it. */
export async function registrationTarget(baseUrl: string, cookie: string): Promise<{ unitId: string; taskId: string }> {
  const me = await getJson<{ registrationUnits: { id: string; name: string }[] }>(baseUrl, "/api/me", cookie);
  const unit = me.registrationUnits.find((u) => u.name === "Borgerservice – Telefon");
  if (!unit) throw new Error("demo unit Borgerservice – Telefon not found");
  const setup = await getJson<{ tasks: { id: string; number: string }[] }>(baseUrl, `/api/units/${unit.id}`, cookie);
  return { unitId: unit.id, taskId: setup.tasks[0].id };
}

/** Posts one registration; the status, or null when the server could not be reached. */
export async function postRegistration(baseUrl: string, cookie: string, body: object): Promise<number | null> {
  try {
    const response = await fetch(`${baseUrl}/api/registrations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** The server action id of an exported action, from the build's manifest (a real id, as a browser sends it). */
export function actionId(exportedName: string, distDir = process.env.SPOR_DIST_DIR ?? ".next"): string {
  const manifest = JSON.parse(fs.readFileSync(`${distDir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} not in the build's manifest`);
  return entry[0];
}
