import { inject } from "vitest";
import { setDatabase } from "@/lib/db";
import { migrate } from "@/lib/database/migrator";
import { createScratchDatabase } from "@/lib/database/scratch";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { seedDemoData } from "@/lib/seed/demo";
import { seedReferenceData } from "@/lib/seed/reference";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped again on close). It is also installed
 * as the process's database, so code under test that calls db() uses it.
 *
 * It starts as a copy of the run's template (tests/helpers/db-template.ts: migrated, with the
 * reference data unless `reference: false`, and with the demo data — seedDemoData() as of the run's
 * start — if `demo: true`); without a template it migrates and seeds itself.
 */
export async function createTestDatabase(options: { reference?: boolean; demo?: boolean } = {}): Promise<SporDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const withDemo = options.demo === true;
  const withReference = withDemo || options.reference !== false;
  const templates = inject("databaseTemplates") ?? {};
  const pick = <T>(set: { migrated: T; reference: T; demo: T } | undefined) =>
    set ? (withDemo ? set.demo : withReference ? set.reference : set.migrated) : undefined;
  let database: SporDatabase;
  let dropDatabase = async () => {};
  let template: string | undefined;
  if (serverUrl) {
    template = pick(templates.server);
    const scratch = await createScratchDatabase(serverUrl, "spor_test", { template });
    database = openDatabase({ kind: "server", url: scratch.url });
    dropDatabase = scratch.drop;
  } else {
    template = pick(templates.pglite);
    database = openDatabase({ kind: "memory", snapshot: template });
  }
  // Started and loaded before the test sees it (PGlite loads a snapshot in seconds on a busy
  // machine; a test of timeouts must not count that).
  await database.sql.query("SELECT 1");
  if (!template) {
    await migrate(database.sql);
    if (withReference) await seedReferenceData(database.prisma, { currentRound: true });
    if (withDemo) await seedDemoData(database.prisma);
  }
  setDatabase(database);
  const close = database.close.bind(database);
  database.close = async () => {
    setDatabase(undefined);
    await close();
    await dropDatabase();
  };
  return database;
}
