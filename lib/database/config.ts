import "server-only";
import path from "node:path";

/** Where Spor keeps its data: a PostgreSQL server, an embedded PGlite directory, or PGlite in memory. */
export type DatabaseTarget =
  | { kind: "server"; url: string }
  | { kind: "embedded"; dataDir: string }
  /** In memory; `snapshot` names a PGlite data-directory dump (dumpDataDir) to start from (tests). */
  | { kind: "memory"; snapshot?: string };

/**
 * One rule for the app, the CLI and the tests: `DATABASE_URL` selects a PostgreSQL server;
 * otherwise PGlite runs in-process with its files in `SPOR_DATA_DIR` (default ./data/pglite).
 * `SPOR_DATA_DIR=memory` keeps everything in memory (tests only).
 */
export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL skal begynde med postgres:// eller postgresql:// (fik "${url.slice(0, 20)}…").`);
    }
    return { kind: "server", url };
  }
  const dir = env.SPOR_DATA_DIR?.trim() || "data/pglite";
  if (dir === "memory") return { kind: "memory" };
  return { kind: "embedded", dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir) };
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case "server":
      return `PostgreSQL-server ${target.url.replace(/\/\/[^@/]*@/, "//***@")}`;
    case "embedded":
      return `indlejret PostgreSQL (PGlite) i ${target.dataDir}`;
    case "memory":
      return "PGlite i hukommelsen";
  }
}

export const DEFAULT_DB_POOL = 10;

/**
 * Connections one instance keeps to a PostgreSQL server for its requests (SPOR_DB_POOL, default 10):
 * Prisma's queries and the raw SQL share this one pool. Exports open one more each, at most
 * SPOR_EXPORT_CONCURRENCY at a time (lib/exchange/export-slots.ts), so an instance uses at most
 * SPOR_DB_POOL + SPOR_EXPORT_CONCURRENCY connections (docs/deployment.md, "PostgreSQL").
 */
export function dbPoolSize(env: Record<string, string | undefined> = process.env): number {
  return positiveInteger(env, "SPOR_DB_POOL", DEFAULT_DB_POOL, 200);
}

/** A whole number 1..max from the environment, or the default when unset; a clear Danish error otherwise. */
export function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new Error(`${name} skal være et helt tal fra 1 til ${max}, fik "${text}". / ${name} must be a whole number from 1 to ${max}.`);
  }
  return value;
}
