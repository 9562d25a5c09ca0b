import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "@/lib/database/scratch";

export interface RunningApp {
  baseUrl: string;
  label: string;
  /** The `next start` process, for memory readings. */
  pid: number;
  /** The scratch database on the PostgreSQL server (server mode only). */
  databaseUrl?: string;
  /** The embedded database's directory (embedded modes only). */
  dataDir?: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Settles when `bin/spor.mjs serve` exits: its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Stops the server and removes its database, unless `keepDatabase` (to read it back afterwards; a later stop() removes it). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Starts the production build (`bin/spor.mjs serve`, as `npm start` does) on its own port with a fresh database and demo data:
 * an embedded PGlite directory, or a scratch database on the PostgreSQL server.
 */
export type AppMode = "server" | "embedded" | "embedded-main-thread" | "server-next-start";

export interface StartOptions {
  /** Extra environment for the server (e.g. SPOR_TRUSTED_PROXIES). */
  env?: Record<string, string>;
  /** Server mode: serve this existing database (another instance's) instead of a new scratch one; stop() leaves it. */
  databaseUrl?: string;
  /**
   * Server mode without databaseUrl: the new scratch database starts as a copy of this database on
   * the same server (one already migrated and seeded as a first start does), so the server's start
   * finds its migrations and demo data done (tests/helpers/abuse-template.ts).
   */
  template?: string;
}

export async function startApp(mode: AppMode, serverUrl: string, port: number, options: StartOptions = {}): Promise<RunningApp> {
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SPOR_BASE_URL: baseUrl,
    SPOR_DEMO: "1",
    NODE_ENV: "production",
    ...options.env,
  };
  let cleanup = async () => {};
  let label: string;
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  const onServer = mode === "server" || mode === "server-next-start";
  if (!onServer) {
    const dir = path.resolve(`data/bench-${process.pid}-${port}`);
    fs.rmSync(dir, { recursive: true, force: true });
    env.SPOR_DATA_DIR = dir;
    dataDir = dir;
    delete env.DATABASE_URL;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    if (mode === "embedded-main-thread") env.SPOR_PGLITE_THREAD = "main";
    else delete env.SPOR_PGLITE_THREAD;
    label =
      mode === "embedded"
        ? "embedded PostgreSQL (PGlite, on disk, in a worker thread of the app process)"
        : "embedded PostgreSQL on the app's main thread (SPOR_PGLITE_THREAD=main, for comparison)";
  } else {
    if (options.databaseUrl) {
      env.DATABASE_URL = databaseUrl = options.databaseUrl;
    } else {
      const scratch = await createScratchDatabase(serverUrl, "spor_bench_app", { template: options.template });
      env.DATABASE_URL = databaseUrl = scratch.url;
      cleanup = scratch.drop;
    }
    env.BETTER_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-0123";
    // Production on a PostgreSQL server requires the settings instances share (lib/http/instance-settings.ts):
    // the deployment id the build was made with, and the server-action key (scripts/test-all.sh builds with both).
    env.NEXT_DEPLOYMENT_ID ??= buildDeploymentId() ?? "";
    env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= TEST_ACTIONS_KEY;
    label =
      mode === "server"
        ? `PostgreSQL server (${new URL(serverUrl).host})`
        : `PostgreSQL server (${new URL(serverUrl).host}), plain \`next start\` without Spor's own server (for comparison)`;
  }
  // Started as `npm start` starts it in production (bin/spor.mjs serve: the supervisor and Spor's
  // server with its heap cap), or for comparison as Next's own `next start` with the same heap cap.
  const command =
    mode === "server-next-start"
      ? ["--max-old-space-size=384", "node_modules/next/dist/bin/next", "start", "-p", String(port)]
      : ["bin/spor.mjs", "serve"];
  const child = spawn(process.execPath, command, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitForHealth(baseUrl, child, () => output);
  return {
    baseUrl,
    label,
    pid: child.pid!,
    databaseUrl,
    dataDir,
    output: () => output,
    exited,
    async stop(options = {}) {
      await stopChild(child);
      if (!options.keepDatabase) await cleanup();
    },
  };
}

/** A server-action key for tests and benchmarks only (32 bytes, base64). */
export const TEST_ACTIONS_KEY = "c3Bvci10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMDEyMzQ=";

/** The deployment id the build in .next (or SPOR_DIST_DIR) was made with, if any. */
export function buildDeploymentId(): string | null {
  try {
    const file = path.resolve(process.env.SPOR_DIST_DIR ?? ".next", "routes-manifest.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { deploymentId?: string }).deploymentId ?? null;
  } catch {
    return null;
  }
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited while starting:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not become healthy in 120 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** Signs in through Better Auth's HTTP endpoint and returns the session cookie. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
