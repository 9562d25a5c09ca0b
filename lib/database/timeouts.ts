// How long one statement may run and how long it may wait for a lock on a PostgreSQL server, so
// that no request waits more than a few seconds for the database: a request whose statement is
// cancelled gets 503 "Databasen er optaget lige nu …" (lib/actions/database-errors.ts).
//
// What legitimately runs long, and what it gets:
// - requests (the app's pools): SPOR_DB_STATEMENT_TIMEOUT_MS (default 15 s) and SPOR_DB_LOCK_TIMEOUT_MS
//   (default 3 s). The slowest reports at 10 million registrations take about 2 s (docs/benchmarks.md),
//   an import moves 50,000 staged rows per statement (MOVE_CHUNK, a few seconds each), an export fetches 5,000 rows per statement;
// - an export's own connection (a server-side cursor): EXPORT_STATEMENT_TIMEOUT_MS per statement,
//   because the first FETCH of a national export sorts every registration before it returns a row;
// - migrations: no statement limit and MIGRATION_LOCK_TIMEOUT_MS for locks, set with SET LOCAL in
//   each migration's transaction (lib/database/migrator.ts);
// - the command line (`npx spor`, scripts): CLI_TIMEOUTS, no statement limit.
// The embedded database (PGlite) cannot cancel a running statement (a 2 s pg_sleep under
// statement_timeout = 200 ms ran to its end), so it has no statement limit; its queries run one after
// the other on one connection, and the lock limit is how long a request may wait for another
// request's transaction to end (lib/database/pglite-worker.mjs), then the same 503.

export interface DatabaseTimeouts {
  /** statement_timeout in ms; 0 = none. */
  statementMs: number;
  /** lock_timeout in ms; 0 = wait as long as it takes. */
  lockMs: number;
}

export const DEFAULT_REQUEST_TIMEOUTS: DatabaseTimeouts = { statementMs: 15_000, lockMs: 3_000 };
export const CLI_TIMEOUTS: DatabaseTimeouts = { statementMs: 0, lockMs: 60_000 };
export const EXPORT_STATEMENT_TIMEOUT_MS = 300_000;
export const MIGRATION_LOCK_TIMEOUT_MS = 60_000;

function readMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${name} skal være et helt antal millisekunder (0 = ingen grænse), fik "${text}".`);
  return Number(text);
}

/** The request limits, from SPOR_DB_STATEMENT_TIMEOUT_MS and SPOR_DB_LOCK_TIMEOUT_MS. */
export function requestTimeouts(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  return {
    statementMs: readMs(env, "SPOR_DB_STATEMENT_TIMEOUT_MS", DEFAULT_REQUEST_TIMEOUTS.statementMs),
    lockMs: readMs(env, "SPOR_DB_LOCK_TIMEOUT_MS", DEFAULT_REQUEST_TIMEOUTS.lockMs),
  };
}

/** node-postgres connection settings (sent when each connection opens: no cost per query). */
export function pgTimeoutSettings(timeouts: DatabaseTimeouts): { statement_timeout: number; lock_timeout: number } {
  return { statement_timeout: timeouts.statementMs, lock_timeout: timeouts.lockMs };
}

/** Statements that set the limits for the rest of the current transaction. */
export function setLocalTimeouts(timeouts: DatabaseTimeouts): string {
  return `SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementMs)}; SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockMs)}`;
}
