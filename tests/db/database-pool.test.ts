import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";

// One pool per instance, sized by SPOR_DB_POOL: Prisma's queries and the raw SQL share it, so an
// instance never holds more connections than that for its requests (docs/deployment.md, "PostgreSQL").
// A PostgreSQL server question: PGlite has one connection by construction.

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("the connection pool on a PostgreSQL server", () => {
  it("opens at most SPOR_DB_POOL connections however many queries wait, Prisma and SQL together", async () => {
    const scratch = await createScratchDatabase(serverUrl!, "spor_pool");
    const saved = process.env.SPOR_DB_POOL;
    process.env.SPOR_DB_POOL = "3";
    const database = openDatabase({ kind: "server", url: scratch.url });
    try {
      const seen = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()";
      const viaSql = Array.from({ length: 6 }, () =>
        database.sql.query<{ n: number }>(`SELECT pg_sleep(0.2)::text AS slept, (${seen}) AS n`),
      );
      const viaPrisma = Array.from({ length: 6 }, () =>
        database.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT pg_sleep(0.2)::text AS slept, (${seen}) AS n`),
      );
      const counts = [...(await Promise.all(viaSql)).map((r) => r[0].n), ...(await Promise.all(viaPrisma)).map((r) => r[0].n)];
      expect(Math.max(...counts)).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.SPOR_DB_POOL;
      else process.env.SPOR_DB_POOL = saved;
      await database.close();
      await scratch.drop();
    }
  });

  // Compiling report queries to machine code cost 300–400 ms each at 10 million registrations and
  // seconds on small databases (lib/database/open.ts): every connection of the pool has it off.
  it("runs Prisma's and the SQL executor's queries without JIT compilation", async () => {
    const scratch = await createScratchDatabase(serverUrl!, "spor_pool");
    const database = openDatabase({ kind: "server", url: scratch.url });
    try {
      expect((await database.sql.query<{ jit: string }>("SHOW jit"))[0].jit).toBe("off");
      expect((await database.prisma.$queryRawUnsafe<{ jit: string }[]>("SHOW jit"))[0].jit).toBe("off");
    } finally {
      await database.close();
      await scratch.drop();
    }
  });
});
