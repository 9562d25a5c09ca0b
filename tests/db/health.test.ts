import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { migrate, readMigrations } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { checkReadiness } from "@/lib/database/readiness";
import { createScratchDatabase } from "@/lib/database/scratch";
import { NOT_READY, readinessResponse } from "@/lib/http/health";
import { createTestDatabase } from "@/tests/helpers/test-db";

// /api/health/live (the process answers), /api/health/ready and its alias /api/health (the database
// answers, every migration is applied, the hot tables are not locked), on a real database.

const serverUrl = process.env.TEST_DATABASE_URL;
const context = { params: Promise.resolve({}) };
const call = async (handler: typeof ready, path: string) => {
  const response = await handler(new Request(`http://localhost${path}`), context);
  return { status: response.status, body: await response.json() };
};

/** A database that is not migrated (or only partly): a fresh in-memory PGlite or a scratch database. */
async function bareDatabase(): Promise<{ database: SporDatabase; close(): Promise<void> }> {
  if (!serverUrl) {
    const database = openDatabase({ kind: "memory" });
    await database.sql.query("SELECT 1"); // PGlite's start-up takes seconds on a busy machine: not what is checked here
    return { database, close: () => database.close() };
  }
  const scratch = await createScratchDatabase(serverUrl, "spor_test_health");
  const database = openDatabase({ kind: "server", url: scratch.url });
  return { database, close: async () => (await database.close(), await scratch.drop()) };
}

describe("on a migrated database", () => {
  let database: SporDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ reference: false });
  });
  afterAll(() => database.close());

  it("ready and its alias answer 200 ok; live answers 200 ok", async () => {
    expect(await call(ready, "/api/health/ready")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await call(health, "/api/health")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await call(live, "/api/health/live")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it.skipIf(!serverUrl)("ready answers 503 while a table every request reads is locked, and 200 again after", async () => {
    const holder = new pg.Client({ connectionString: (database.target as { url: string }).url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "session" IN ACCESS EXCLUSIVE MODE`);
      const locked = await call(ready, "/api/health/ready");
      expect(locked.status).toBe(503);
      expect(locked.body.problems).toEqual(["En tabel, som alle forespørgsler bruger, er låst (lock timeout)."]);
      expect((await call(live, "/api/health/live")).status).toBe(200);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    expect((await call(ready, "/api/health/ready")).status).toBe(200);
  });
});

describe("on a database that is not migrated", () => {
  it("answers 503 and says so without creating anything, then names the missing migration, then ok", async () => {
    const { database, close } = await bareDatabase();
    try {
      const all = readMigrations();
      expect(await checkReadiness(database)).toEqual({
        ok: false,
        problems: [`Databasen er ikke migreret: ingen af de ${all.length} migreringer er kørt.`],
      });
      const [{ tables }] = await database.sql.query<{ tables: number }>(
        `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tables).toBe(0);
      // What the load balancer sees: 503 with the Danish and English message.
      const response = await readinessResponse(database);
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 503,
        body: {
          status: "unavailable",
          ...NOT_READY,
          problems: [`Databasen er ikke migreret: ingen af de ${all.length} migreringer er kørt.`],
        },
      });

      await migrate(database.sql, all.slice(0, -1));
      expect(await checkReadiness(database)).toEqual({
        ok: false,
        problems: [`1 af ${all.length} migreringer er ikke kørt (den første: ${all.at(-1)!.name}).`],
      });
      await migrate(database.sql, all);
      expect(await checkReadiness(database)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  });
});
