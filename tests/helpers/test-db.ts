import { setDatabase } from "@/lib/db";
import { migrate } from "@/lib/database/migrator";
import { createScratchDatabase } from "@/lib/database/scratch";
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
    const scratch = await createScratchDatabase(serverUrl, "spor_test");
    database = openDatabase({ kind: "server", url: scratch.url });
    dropDatabase = scratch.drop;
  } else {
    database = openDatabase({ kind: "memory" });
  }
  await migrate(database.sql);
  if (options.reference !== false) await seedReferenceData(database.prisma, { currentRound: true });
  setDatabase(database);
  const close = database.close.bind(database);
  database.close = async () => {
    setDatabase(undefined);
    await close();
    await dropDatabase();
  };
  return database;
}
