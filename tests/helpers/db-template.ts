import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";
import { pgliteExecutor } from "@/lib/database/sql-executor";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoData } from "@/lib/seed/demo";
import { seedReferenceData } from "@/lib/seed/reference";

// The database tests' global setup: migrate (and seed the reference data) ONCE per run, and let every
// test file start from a copy (tests/helpers/test-db.ts). Migrating per file took 5–16 s of each
// file's time on a busy 2-core machine; a copy takes a fraction of it (docs/benchmarks.md,
// "Test suite"). On the PostgreSQL server the copies are CREATE DATABASE … TEMPLATE; on PGlite they
// are dumps of the data directory that each in-memory database loads. Three templates: migrated,
// + reference data, + reference and demo data (the demo users' password hashes alone took seconds
// per file; createTestDatabase({ demo: true })).

/** What the test files get through inject("databaseTemplates"). */
export interface DatabaseTemplates {
  /** Database names on the server in TEST_DATABASE_URL: migrated, + reference data, + demo data. */
  server?: { migrated: string; reference: string; demo: string };
  /** PGlite data-directory dumps: migrated, + reference data, + demo data. */
  pglite?: { migrated: string; reference: string; demo: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

// The two database projects (vitest.config.ts: "db" and "db-isolated") each run this setup, in the
// one main process: the first makes the templates, the second gets the same ones, and the last
// teardown removes them.
const SHARED = Symbol.for("spor.test.databaseTemplates");
type Shared = { made: Promise<{ templates: DatabaseTemplates; remove: () => Promise<void> }>; users: number };

export default async function setup(project: TestProject) {
  const store = globalThis as typeof globalThis & { [SHARED]?: Shared };
  const shared = (store[SHARED] ??= { made: makeTemplates(), users: 0 });
  shared.users += 1;
  const { templates, remove } = await shared.made;
  project.provide("databaseTemplates", templates);
  return async () => {
    shared.users -= 1;
    if (shared.users === 0) {
      delete store[SHARED];
      await remove();
    }
  };
}

async function makeTemplates(): Promise<{ templates: DatabaseTemplates; remove: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    // Each template starts as a copy of the one before (migrated once), closed before it is copied.
    const build = async (from: { name: string } | undefined, fill: (database: SporDatabase) => Promise<unknown>) => {
      const template = await createScratchDatabase(serverUrl, "spor_template", { template: from?.name });
      const database = openDatabase({ kind: "server", url: template.url });
      try {
        await fill(database);
      } finally {
        await database.close();
      }
      return template;
    };
    const migrated = await build(undefined, (database) => migrate(database.sql));
    const reference = await build(migrated, (database) => seedReferenceData(database.prisma, { currentRound: true }));
    const demo = await build(reference, (database) => seedDemoData(database.prisma));
    return {
      templates: { server: { migrated: migrated.name, reference: reference.name, demo: demo.name } },
      remove: async () => {
        await migrated.drop();
        await reference.drop();
        await demo.drop();
      },
    };
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spor-test-templates-"));
  const lite = new PGlite();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  const dump = async (name: string) => {
    const file = path.join(dir, `${name}.tar`);
    fs.writeFileSync(file, new Uint8Array(await (await lite.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  try {
    await migrate(pgliteExecutor(lite));
    const migrated = await dump("migrated");
    await seedReferenceData(prisma, { currentRound: true });
    const reference = await dump("reference");
    await seedDemoData(prisma);
    const demo = await dump("demo");
    return { templates: { pglite: { migrated, reference, demo } }, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await prisma.$disconnect();
    await lite.close();
  }
}
