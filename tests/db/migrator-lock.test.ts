import { describe, expect, it } from "vitest";
import { appliedMigrations, migrate, readMigrations } from "@/lib/database/migrator";
import { openDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";

// Two instances upgraded at once both run the migrations on start: the advisory lock in migrate()
// (lib/database/migrator.ts) lets each migration run exactly once, and neither start fails.
// A PostgreSQL server question: PGlite is one process's database.

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("two migrators at once on a PostgreSQL server", () => {
  it("apply every migration exactly once between them, without an error", async () => {
    const scratch = await createScratchDatabase(serverUrl!, "spor_migrate_twice");
    const a = openDatabase({ kind: "server", url: scratch.url });
    const b = openDatabase({ kind: "server", url: scratch.url });
    try {
      const [fromA, fromB] = await Promise.all([migrate(a.sql), migrate(b.sql)]);
      const all = readMigrations().map((m) => m.name);
      expect([...fromA, ...fromB].sort()).toEqual(all);
      expect(fromA.filter((name) => fromB.includes(name))).toEqual([]);
      expect(await appliedMigrations(a.sql)).toEqual(all);
    } finally {
      await a.close();
      await b.close();
      await scratch.drop();
    }
  });
});
