import "server-only";
import { resolveDatabaseTarget } from "@/lib/database/config";
import { openDatabase, type SporDatabase } from "@/lib/database/open";

// Next.js bundles server code into several module graphs (instrumentation, pages, route handlers),
// so a module-level singleton would open the database more than once. One instance per process
// lives on globalThis instead; for PGlite that is also a correctness requirement.
const KEY = Symbol.for("spor.database");
type GlobalWithDb = typeof globalThis & { [KEY]?: SporDatabase };

/** The process's database (PGlite or PostgreSQL, chosen by DATABASE_URL), opened on first use. */
export function getDatabase(): SporDatabase {
  const store = globalThis as GlobalWithDb;
  store[KEY] ??= openDatabase(resolveDatabaseTarget());
  return store[KEY];
}

/** Installs a specific database as the process's database (tests and the CLI). */
export function setDatabase(db: SporDatabase | undefined): void {
  (globalThis as GlobalWithDb)[KEY] = db;
}

/** The Prisma client for the process's database. */
export function db() {
  return getDatabase().prisma;
}
