import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRemotePGlite, type RemotePGlite } from "@/lib/database/pglite-remote";
import { PrismaClient } from "@/lib/generated/prisma/client";

// PGlite in a worker thread must be indistinguishable from PGlite on the calling thread: the same
// values, the same errors (Prisma maps PGlite's DatabaseError to its own codes), the same
// transactions. Each case runs on both and compares.
let remote: RemotePGlite;
let local: PGlite;

const SETUP = `
  CREATE TYPE mood AS ENUM ('glad', 'sur');
  CREATE TABLE sample (id int PRIMARY KEY, note text, at timestamptz, big bigint, amount numeric(10,2),
    doc jsonb, raw bytea, tags text[], nums int[], feeling mood, flag boolean, ident uuid, day date);`;
const ROW = `INSERT INTO sample VALUES (1, 'æøå', '2026-11-23 10:15:00.123+01', 9007199254740993, 12.50,
  '{"a": [1, 2]}', '\\x0102ff', '{x,"y z"}', '{1,2,3}', 'glad', true, '6f1c1d1e-0000-4000-8000-000000000001', '2026-11-23')`;

beforeAll(async () => {
  remote = startRemotePGlite(undefined);
  local = new PGlite();
  for (const db of [remote, local]) {
    await db.exec(SETUP);
    await db.exec(ROW);
  }
});

afterAll(async () => {
  await remote.close();
  await local.close();
});

describe("PGlite in a worker thread", () => {
  it("returns the same values as PGlite on this thread, as objects and as arrays", async () => {
    const sql = "SELECT *, $1::int + 1 AS param FROM sample";
    expect(await remote.query(sql, [41])).toEqual(await local.query(sql, [41]));
    const arrays = { rowMode: "array" as const };
    expect(await remote.query(sql, [41], arrays)).toEqual(await local.query(sql, [41], arrays));
    expect((await remote.query<{ param: number }>(sql, [41])).rows[0].param).toBe(42);
  });

  it("applies the caller's parsers, which cannot cross the thread boundary", async () => {
    const options = { parsers: { 1184: (value: string) => `tid:${value}` } };
    const sql = "SELECT at, note FROM sample";
    expect(await remote.query(sql, [], options)).toEqual(await local.query(sql, [], options));
  });

  it("raises PostgreSQL errors as DatabaseError with code and detail", async () => {
    const failing = (db: RemotePGlite | PGlite) => db.query("INSERT INTO sample (id) VALUES (1)").catch((e: unknown) => e);
    const [fromRemote, fromLocal] = (await Promise.all([failing(remote), failing(local)])) as Record<string, unknown>[];
    expect(fromRemote).toBeInstanceOf(Error);
    expect(fromRemote.constructor).toBe(fromLocal.constructor);
    for (const key of ["message", "code", "detail", "severity", "constraint", "table"]) expect(fromRemote[key]).toEqual(fromLocal[key]);
  });

  it("commits a transaction, rolls one back on error, and keeps other queries out meanwhile", async () => {
    await remote.transaction(async (tx) => {
      await tx.query("INSERT INTO sample (id, note) VALUES (2, 'committed')");
    });
    await expect(
      remote.transaction(async (tx) => {
        await tx.query("INSERT INTO sample (id, note) VALUES (3, 'rolled back')");
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    await remote.transaction(async (tx) => {
      await tx.query("INSERT INTO sample (id, note) VALUES (4, 'explicit rollback')");
      await tx.rollback();
    });
    const ids = await remote.query<{ id: number }>("SELECT id FROM sample ORDER BY id");
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it("serves the Prisma adapter, including its transactions and error codes", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(remote as unknown as PGlite) });
    const rows = await prisma.$queryRaw<{ id: number; note: string }[]>`SELECT id, note FROM sample WHERE id = ${1}`;
    expect(rows).toEqual([{ id: 1, note: "æøå" }]);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO sample (id, note) VALUES (5, 'in tx')`;
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await prisma.$queryRaw`SELECT id FROM sample WHERE id = 5`).toEqual([]);
    await expect(prisma.$executeRaw`INSERT INTO sample (id) VALUES (1)`).rejects.toMatchObject({ code: "P2010" });
  });
});
