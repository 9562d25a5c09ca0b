import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appliedMigrations, migrate, readMigrations } from "@/lib/database/migrator";
import { openDatabase } from "@/lib/database/open";
import { EmbeddedDatabaseError } from "@/lib/database/pglite-dir";

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "spor-db-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
const tmpDir = (name: string) => path.join(tmpRoot, name);

function writeMigrations(dir: string, files: Record<string, string>) {
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
}

describe("migrator", () => {
  it("applies each migration once and records it", async () => {
    const db = openDatabase({ kind: "memory" });
    const all = readMigrations();
    expect(await migrate(db.sql, all)).toEqual(all.map((m) => m.name));
    expect(await migrate(db.sql, all)).toEqual([]);
    expect(await appliedMigrations(db.sql)).toEqual(all.map((m) => m.name));
    await db.close();
  });

  it("rolls a failing migration back completely", async () => {
    const dir = tmpDir("failing");
    writeMigrations(dir, {
      "20260101000000_good": `CREATE TABLE good (id int);`,
      "20260102000000_bad": `CREATE TABLE half (id int); INSERT INTO nope VALUES (1);`,
    });
    const db = openDatabase({ kind: "memory" });
    await expect(migrate(db.sql, readMigrations(dir))).rejects.toThrow(/nope/);
    const tables = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_spor_migrations", "good"]);
    expect(await appliedMigrations(db.sql)).toEqual(["20260101000000_good"]);
    await db.close();
  });

  it("refuses a migration that was changed after it ran", async () => {
    const dir = tmpDir("changed");
    writeMigrations(dir, { "20260101000000_one": `CREATE TABLE one (id int);` });
    const db = openDatabase({ kind: "memory" });
    await migrate(db.sql, readMigrations(dir));
    writeMigrations(dir, { "20260101000000_one": `CREATE TABLE one (id bigint);` });
    await expect(migrate(db.sql, readMigrations(dir))).rejects.toThrow(/er ændret efter den blev kørt/);
    await db.close();
  });
});

// Each of these creates a PGlite data directory (initdb in WebAssembly, then every migration): about
// 10 s on a quiet 2-core machine, over 60 s when the machine is shared with other builds and tests.
describe("embedded database directory", { timeout: 240_000 }, () => {
  it("keeps its data across a restart", async () => {
    const dataDir = tmpDir("persist");
    const first = openDatabase({ kind: "embedded", dataDir });
    await migrate(first.sql);
    await first.prisma.municipality.create({ data: { number: 259, name: "Køge" } });
    await first.close();

    const second = openDatabase({ kind: "embedded", dataDir });
    expect(await migrate(second.sql)).toEqual([]);
    expect(await second.prisma.municipality.findMany({ select: { number: true, name: true } })).toEqual([{ number: 259, name: "Køge" }]);
    await second.close();
  });

  it("refuses a directory that another live process holds, with advice", async () => {
    const dataDir = tmpDir("locked");
    fs.mkdirSync(dataDir, { recursive: true });
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dataDir, "spor.lock"), String(holder.pid));
      expect(() => openDatabase({ kind: "embedded", dataDir })).toThrow(EmbeddedDatabaseError);
      expect(() => openDatabase({ kind: "embedded", dataDir })).toThrow(/bruges allerede af en anden proces/);
    } finally {
      holder.kill();
    }
  });

  it("refuses a second open in the same process", async () => {
    const dataDir = tmpDir("twice");
    const first = openDatabase({ kind: "embedded", dataDir });
    expect(() => openDatabase({ kind: "embedded", dataDir })).toThrow(/allerede åben i denne proces/);
    await first.close();
    const again = openDatabase({ kind: "embedded", dataDir });
    await again.close();
  });

  it("takes over a stale lock left by a dead process", async () => {
    const dataDir = tmpDir("stale");
    fs.mkdirSync(dataDir, { recursive: true });
    const dead = spawnSync("true");
    fs.writeFileSync(path.join(dataDir, "spor.lock"), String(dead.pid));
    const db = openDatabase({ kind: "embedded", dataDir });
    await db.sql.query("SELECT 1");
    await db.close();
  });

  it("explains a half-initialised directory instead of crashing", () => {
    const dataDir = tmpDir("half");
    fs.mkdirSync(path.join(dataDir, "base"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "postgresql.conf"), "");
    expect(() => openDatabase({ kind: "embedded", dataDir })).toThrow(/kun delvist oprettet.*slet mappen/s);
  });
});
