import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlExecutor } from "./sql-executor";
import { MIGRATION_LOCK_TIMEOUT_MS, setLocalTimeouts } from "./timeouts";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma/migrations");

/** Reads prisma/migrations/<timestamp>_<name>/migration.sql in name order (Prisma's own layout). */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`Mappen med migreringer findes ikke: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** The advisory lock every migrator takes (any number no other lock of Spor's uses). */
const MIGRATION_LOCK = 774411;

const LEDGER = `
CREATE TABLE IF NOT EXISTS "_spor_migrations" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/**
 * Applies every migration not yet recorded, each in its own transaction together with its ledger row,
 * so a failed migration leaves nothing behind. A changed, already-applied migration is refused:
 * migrations are immutable once they have run anywhere.
 * An advisory lock keeps two servers starting at once from racing on PostgreSQL (also on creating
 * the ledger: two concurrent CREATE TABLE IF NOT EXISTS can both try to create it, and one fails;
 * tests/db/migrator-lock.test.ts runs two migrators at once).
 */
export async function migrate(db: SqlExecutor, migrations = readMigrations()): Promise<string[]> {
  await db.transaction(async (tx) => {
    await tx.exec(setLocalTimeouts({ statementMs: 0, lockMs: 0 }));
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(LEDGER);
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Wait for another server's migration as long as it takes; then no statement limit (an index on
      // millions of rows takes a while) and at most MIGRATION_LOCK_TIMEOUT_MS for each lock.
      await tx.exec(setLocalTimeouts({ statementMs: 0, lockMs: 0 }));
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await tx.exec(setLocalTimeouts({ statementMs: 0, lockMs: MIGRATION_LOCK_TIMEOUT_MS }));
      const rows = await tx.query<{ checksum: string }>(`SELECT "checksum" FROM "_spor_migrations" WHERE "name" = $1`, [migration.name]);
      if (rows.length > 0) {
        if (rows[0].checksum !== migration.checksum) {
          throw new Error(`Migreringen ${migration.name} er ændret efter den blev kørt. ` + `Ret aldrig en kørt migrering; lav en ny.`);
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO "_spor_migrations" ("name", "checksum") VALUES ($1, $2)`, [migration.name, migration.checksum]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

export async function appliedMigrations(db: SqlExecutor): Promise<string[]> {
  await db.exec(LEDGER);
  const rows = await db.query<{ name: string }>(`SELECT "name" FROM "_spor_migrations" ORDER BY "name"`);
  return rows.map((row) => row.name);
}
