import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { resetAuth } from "@/lib/auth/auth";
import { setDatabase } from "@/lib/db";
import { openImportJobs } from "@/lib/exchange/import-job";
import type { DatabaseTarget } from "@/lib/database/config";
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
  // The database tests share a module graph per worker (vitest.config.ts): a Better Auth instance
  // made for the previous file's database must not serve this one.
  resetAuth();
  const close = database.close.bind(database);
  const importJobsBefore = openImportJobs();
  database.close = async () => {
    // The files of a worker share their modules (vitest.config.ts), so an import plan a file never
    // closed would hold one of the process's import slots (SPOR_IMPORT_WORKERS) for the next file.
    const left = openImportJobs() - importJobsBefore;
    if (left > 0) throw new Error(`This test file left ${left} import plan(s) open: close every plan in a finally (plan.close()).`);
    setDatabase(undefined);
    await close();
    await dropDatabase();
  };
  return database;
}

/**
 * A database with the reference and demo data that a test reaches the way an operator's command does
 * (by URL or by directory, tests/db/cli-report.test.ts), not through db(): a copy of the run's demo
 * template — a new database on the PostgreSQL server in TEST_DATABASE_URL (CREATE DATABASE … TEMPLATE),
 * or an embedded data directory unpacked from the PGlite dump. Without templates, migrated and seeded
 * here. `remove` drops the database or deletes the directory.
 */
export async function createDemoDatabaseTarget(prefix: string): Promise<{ target: DatabaseTarget; remove(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const templates = inject("databaseTemplates") ?? {};
  let target: DatabaseTarget;
  let remove: () => Promise<void>;
  let copied: boolean;
  if (serverUrl) {
    const template = templates.server?.demo;
    const scratch = await createScratchDatabase(serverUrl, prefix, { template });
    target = { kind: "server", url: scratch.url };
    remove = scratch.drop;
    copied = template !== undefined;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    target = { kind: "embedded", dataDir };
    remove = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    const dump = templates.pglite?.demo;
    if (dump) {
      // PGlite unpacks the dump into the empty directory before it starts; closed before the test opens it.
      const lite = new PGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(dump)]) });
      await lite.waitReady;
      await lite.close();
    }
    copied = dump !== undefined;
  }
  if (!copied) {
    const database = openDatabase(target);
    try {
      await migrate(database.sql);
      await seedReferenceData(database.prisma, { currentRound: true });
      await seedDemoData(database.prisma);
    } finally {
      await database.close();
    }
  }
  return { target, remove };
}
