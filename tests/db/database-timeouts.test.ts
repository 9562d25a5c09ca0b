import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DATABASE_BUSY_MESSAGE, databaseBusy } from "@/lib/actions/database-errors";
import { errorResponse, route } from "@/lib/actions/route";
import { getDatabase, db } from "@/lib/db";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { createApiToken } from "@/lib/ingestion/tokens";
import { adminTestDatabase } from "@/tests/helpers/admin";

// Statement and lock timeouts on the PostgreSQL server (lib/database/timeouts.ts): a request that
// needs a locked table answers 503 "Databasen er optaget …" after the lock timeout instead of
// waiting for the lock, and nothing is written. PGlite has one connection and cannot cancel a
// statement, so these run only with TEST_DATABASE_URL; on PGlite the same limit is how long a request
// may wait for another request's transaction to end (lib/database/pglite-worker.mjs), tested below.

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("database timeouts on a PostgreSQL server", () => {
  let t: Awaited<ReturnType<typeof adminTestDatabase>>;
  let url: string;
  beforeAll(async () => {
    t = await adminTestDatabase();
    url = (t.database.target as { url: string }).url;
  });
  afterAll(() => t.database.close());

  /** Runs `fn` while another connection holds an ACCESS EXCLUSIVE lock on `table` (as a long migration or a stuck job would). */
  async function whileLocked<T>(table: string, fn: () => Promise<T>): Promise<T> {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      return await fn();
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  }

  // A route handler like the ingestion API's, through the one route wrapper and the real domain write.
  const ingest = route({
    method: "POST",
    path: "/test/ingest-while-locked",
    auth: "api-token",
    body: { json: z.object({ registrations: z.array(z.unknown()) }), limit: 64 * 1024 },
    handler: async ({ token, body }) =>
      Response.json(await ingestRegistrations(db(), token!, body.registrations, new Date()), { status: 201 }),
  });
  // A handler that reads through the raw SQL executor (reports, exports on PGlite, health).
  const rawCount = route({
    method: "GET",
    path: "/test/raw-count-while-locked",
    auth: "public",
    handler: async () => Response.json(await getDatabase().sql.query(`SELECT count(*)::int AS n FROM registration`)),
  });

  it("sets the request limits on both pools, and the command line's longer ones", async () => {
    const show = async (database: SporDatabase) => ({
      sql: await database.sql.query(`SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`),
      prisma: await database.prisma
        .$queryRaw`SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`,
    });
    expect(await show(t.database)).toEqual({ sql: [{ statement: "15s", lock: "3s" }], prisma: [{ statement: "15s", lock: "3s" }] });
    const cli = openDatabase(t.database.target, { timeouts: CLI_TIMEOUTS });
    try {
      expect(await show(cli)).toEqual({ sql: [{ statement: "0", lock: "1min" }], prisma: [{ statement: "0", lock: "1min" }] });
    } finally {
      await cli.close();
    }
  });

  it("answers 503 in Danish when the table a write needs is locked, and writes nothing", async () => {
    const { secret } = await createApiToken(await t.koege(), { municipalityId: t.municipalityId(259), name: "Låsetest", unitIds: [] });
    const before = { registrations: await t.prisma.registration.count(), batches: await t.prisma.importBatch.count() };
    const item = {
      id: crypto.randomUUID(),
      unit: "Borgerservice",
      task: "23.05.10",
      channelCode: "SLVBTJN",
      contactTypeCode: "OPRET",
      closureCode: "STRAKS",
      form: false,
      occurredAt: new Date(Date.now() - 24 * 3600_000).toISOString(),
      quantity: 1,
    };
    const request = () =>
      new Request("http://localhost/test/ingest-while-locked", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({ registrations: [item] }),
      });
    const response = await whileLocked("registration", () => ingest(request(), { params: Promise.resolve({}) }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: DATABASE_BUSY_MESSAGE });
    expect({ registrations: await t.prisma.registration.count(), batches: await t.prisma.importBatch.count() }).toEqual(before);

    // The same request once the lock is gone is written: the refusal was the lock, nothing else.
    expect((await ingest(request(), { params: Promise.resolve({}) })).status).toBe(201);
    expect(await t.prisma.registration.count()).toBe(before.registrations + 1);
  });

  it("answers 503 when a raw SQL read waits for a locked table", async () => {
    const response = await whileLocked("registration", () =>
      rawCount(new Request("http://localhost/test/raw-count-while-locked"), { params: Promise.resolve({}) }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: DATABASE_BUSY_MESSAGE });
  });

  it("recognises a cancelled statement from Prisma's driver adapter and from the raw SQL executor", async () => {
    const short = openDatabase(t.database.target, { timeouts: { statementMs: 200, lockMs: 200 } });
    try {
      const viaPrisma = await short.prisma.$queryRaw`SELECT pg_sleep(5)::text`.catch((e: unknown) => e);
      const viaSql = await short.sql.query("SELECT pg_sleep(5)").catch((e: unknown) => e);
      const viaModel = await whileLocked("municipality", () => short.prisma.municipality.count().catch((e: unknown) => e));
      for (const error of [viaPrisma, viaSql, viaModel]) {
        expect(databaseBusy(error)?.status).toBe(503);
        expect(errorResponse(error).status).toBe(503);
      }
    } finally {
      await short.close();
    }
  });
});

describe.skipIf(serverUrl)("the wait limit on the embedded database (PGlite's one connection)", () => {
  let t: Awaited<ReturnType<typeof adminTestDatabase>>;
  beforeAll(async () => {
    t = await adminTestDatabase();
  });
  afterAll(() => t.database.close());

  /** Runs `fn` while a transaction on `database` stays open for `ms` (as a long import's would). */
  async function whileTransactionOpen<T>(database: SporDatabase, ms: number, fn: () => Promise<T>): Promise<T> {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const holder = database.sql.transaction(async (tx) => {
      await tx.query("SELECT 1");
      opened();
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    await isOpen;
    try {
      return await fn();
    } finally {
      await holder;
    }
  }

  it("refuses a statement that waited longer than the limit as a lock timeout, and lets one through after a short transaction", async () => {
    const short = openDatabase({ kind: "memory" }, { timeouts: { statementMs: 0, lockMs: 300 } });
    try {
      await short.sql.query("SELECT 1");
      const started = Date.now();
      const refused = await whileTransactionOpen(short, 2_000, async () => ({
        sql: await short.sql.query("SELECT 1").catch((e: unknown) => e),
        prisma: await short.prisma.$queryRaw`SELECT 1`.catch((e: unknown) => e),
        transaction: await short.sql.transaction((tx) => tx.query("SELECT 1")).catch((e: unknown) => e),
        waited: Date.now() - started,
      }));
      for (const error of [refused.sql, refused.prisma, refused.transaction]) {
        expect(databaseBusy(error)?.status).toBe(503);
        expect(errorResponse(error).status).toBe(503);
      }
      // Refused at the limit, not when the long transaction ended.
      expect(refused.waited).toBeLessThan(2_000);
      // A transaction shorter than the limit only delays the next statement.
      expect(await whileTransactionOpen(short, 100, () => short.sql.query<{ n: number }>("SELECT 2 AS n"))).toEqual([{ n: 2 }]);
      expect(await short.sql.query<{ n: number }>("SELECT 3 AS n")).toEqual([{ n: 3 }]);
    } finally {
      await short.close();
    }
  });

  it("answers a registration 503 in Danish while another request's transaction holds the database past the limit, and writes nothing", async () => {
    const { secret } = await createApiToken(await t.koege(), { municipalityId: t.municipalityId(259), name: "Ventetest", unitIds: [] });
    const ingest = route({
      method: "POST",
      path: "/test/ingest-while-busy",
      auth: "api-token",
      body: { json: z.object({ registrations: z.array(z.unknown()) }), limit: 64 * 1024 },
      handler: async ({ token, body }) =>
        Response.json(await ingestRegistrations(db(), token!, body.registrations, new Date()), { status: 201 }),
    });
    const request = () =>
      new Request("http://localhost/test/ingest-while-busy", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({
          registrations: [
            {
              id: crypto.randomUUID(),
              unit: "Borgerservice",
              task: "23.05.10",
              channelCode: "SLVBTJN",
              contactTypeCode: "OPRET",
              closureCode: "STRAKS",
              form: false,
              occurredAt: new Date(Date.now() - 24 * 3600_000).toISOString(),
              quantity: 1,
            },
          ],
        }),
      });
    const before = await t.prisma.registration.count();
    const response = await whileTransactionOpen(t.database, t.database.timeouts.lockMs + 1_500, () =>
      ingest(request(), { params: Promise.resolve({}) }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: DATABASE_BUSY_MESSAGE });
    expect(await t.prisma.registration.count()).toBe(before);
    expect((await ingest(request(), { params: Promise.resolve({}) })).status).toBe(201);
  });
});
