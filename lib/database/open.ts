import "server-only";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/server/log.mjs";
import { trackPool } from "@/lib/server/metrics.mjs";
import { registerBulkTarget } from "./bulk";
import { type DatabaseTarget, dbPoolSize } from "./config";
import { acquireDirectoryLock, checkNotHalfInitialised, EmbeddedDatabaseError } from "./pglite-dir";
import { startRemotePGlite, type RemotePGlite } from "./pglite-remote";
import { pgliteExecutor, poolExecutor, type SqlExecutor } from "./sql-executor";
import { type DatabaseTimeouts, pgTimeoutSettings, requestTimeouts } from "./timeouts";

export interface SporDatabase {
  target: DatabaseTarget;
  prisma: PrismaClient;
  /** Raw SQL on the same database (migrations, reports, tests). */
  sql: SqlExecutor;
  /** The statement and lock limits of this database's connections (PostgreSQL server only). */
  timeouts: DatabaseTimeouts;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Default: the request limits (SPOR_DB_STATEMENT_TIMEOUT_MS, SPOR_DB_LOCK_TIMEOUT_MS); the CLI passes its own. */
  timeouts?: DatabaseTimeouts;
}

/** Opens a database. PGlite opens synchronously; its first query waits until it is ready. */
export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): SporDatabase {
  const timeouts = options.timeouts ?? requestTimeouts();
  if (target.kind === "server") {
    // The pool sets the limits when a connection opens (lib/database/timeouts.ts).
    const limits = pgTimeoutSettings(timeouts);
    // jit=off: PostgreSQL compiles a query to machine code when its estimated cost passes
    // jit_above_cost, and the report queries' estimates do (a view like approved_week is guessed at
    // 1,000 rows per round) while they run in milliseconds over the rollups. Measured here: 300–400 ms
    // of compiling per report query at 10 million registrations, 2.2 s per query on a small test
    // database, against nothing gained. Sent when each connection opens.
    const pool = new pg.Pool({ connectionString: target.url, max: dbPoolSize(), ...limits, options: "-c jit=off" });
    // An idle connection the server ends (a restart, DROP DATABASE … WITH (FORCE) in tests) makes the
    // pool emit "error"; without a listener that is an uncaught exception that ends the process.
    // The pool drops the dead client itself and opens a new one on the next query.
    pool.on("error", (error) => log.warn({ err: error }, "Databaseforbindelse lukket af serveren"));
    const untrack = trackPool(pool); // spor_db_pool_connections
    // One pool per process: Prisma's queries and the raw SQL share it (PrismaPg leaves an external pool
    // open on $disconnect; close() ends it), so connections per instance are this pool's max
    // (SPOR_DB_POOL) plus the running exports' own (at most SPOR_EXPORT_CONCURRENCY).
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    registerBulkTarget(prisma, () => ({ kind: "server", url: target.url, timeouts }));
    return {
      target,
      prisma,
      sql: poolExecutor(pool),
      timeouts,
      async close() {
        untrack();
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  let release = () => {};
  let dataDir: string | undefined;
  if (target.kind === "embedded") {
    checkNotHalfInitialised(target.dataDir);
    release = acquireDirectoryLock(target.dataDir);
    dataDir = target.dataDir;
  }
  const lite = openPGlite(dataDir, target.kind === "memory" ? target.snapshot : undefined, timeouts.lockMs);
  const ready = lite.waitReady.catch((error: unknown) => {
    release();
    throw new EmbeddedDatabaseError(
      `Den indlejrede database kunne ikke åbnes (${(error as Error).message}). ` +
        (target.kind === "embedded" ? `Er mappen ${target.dataDir} beskadiget, så tag en kopi, slet den og start igen.` : ""),
    );
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite as PGlite) });
  // PGlite in its own thread takes another thread's statements through a port; on this thread it cannot.
  registerBulkTarget(prisma, () => ("openPort" in lite ? { kind: "port", port: lite.openPort() } : null));
  const executor = pgliteExecutor(lite as PGlite);
  return {
    target,
    prisma,
    timeouts,
    sql: {
      exec: async (sql) => (await ready, executor.exec(sql)),
      query: async (sql, params) => (await ready, executor.query(sql, params)),
      transaction: async (fn) => (await ready, executor.transaction(fn)),
    },
    async close() {
      await prisma.$disconnect();
      if (!lite.closed) await lite.close();
      release();
    },
  };
}

/**
 * PGlite in its own worker thread (the default), or on the calling thread with
 * SPOR_PGLITE_THREAD=main (kept for comparison in the benchmark and as a fallback).
 */
function openPGlite(dataDir: string | undefined, snapshot: string | undefined, waitLimitMs: number): PGlite | RemotePGlite {
  if (process.env.SPOR_PGLITE_THREAD === "main") {
    if (snapshot) return new PGlite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) });
    return dataDir ? new PGlite(dataDir) : new PGlite();
  }
  return startRemotePGlite(dataDir, snapshot, waitLimitMs);
}
