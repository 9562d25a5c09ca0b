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
      throw new Error(
        `DATABASE_URL skal begynde med postgres:// eller postgresql:// (fik "${url.slice(0, 20)}…").`,
      );
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
