import crypto from "node:crypto";
import pg from "pg";
import { setDatabase } from "@/lib/db";
import { migrate } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { seedReferenceData } from "@/lib/seed/reference";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close). It is also installed
 * as the process's database, so code under test that calls db() uses it.
 */
export async function createTestDatabase(options: { reference?: boolean } = {}): Promise<SporDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: SporDatabase;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `spor_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = openDatabase({ kind: "server", url: url.toString() });
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
  } else {
    database = openDatabase({ kind: "memory" });
  }
  await migrate(database.sql);
  if (options.reference !== false) await seedReferenceData(database.prisma);
  setDatabase(database);
  const close = database.close.bind(database);
  database.close = async () => {
    setDatabase(undefined);
    await close();
    await dropDatabase();
  };
  return database;
}
