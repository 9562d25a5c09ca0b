import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/database/migrator";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";

// The migration that gave every registration its real source (20261210010000_source_facts), run on
// a database holding registrations from before it: what can be recovered is, what cannot is left
// as it was (docs/method.md, "Data source").

const FIRST_NEW = "20261210000000";
let database: SporDatabase;
let drop = async () => {};

const M = "00000000-0000-4000-8000-000000000001";
const U = "00000000-0000-4000-8000-000000000002";
const T = "00000000-0000-4000-8000-000000000003";
const id = (n: number) => `00000000-0000-4000-8000-1000000000${String(n).padStart(2, "0")}`;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, "spor_test");
    database = openDatabase({ kind: "server", url: scratch.url });
    drop = scratch.drop;
  } else database = openDatabase({ kind: "memory" });
  const all = readMigrations();
  await migrate(
    database.sql,
    all.filter((m) => m.name < FIRST_NEW),
  );
  await database.sql.exec(`
    INSERT INTO municipality (id, number, name) VALUES ('${M}', 259, 'Køge');
    INSERT INTO unit (id, municipality_id, name, updated_at) VALUES ('${U}', '${M}', 'Borgerservice', now());
    INSERT INTO task (id, number, title, level, source, updated_at) VALUES ('${T}', '23.05.10', 'Flytning', 'EMNE', 'PACKAGE', now());
    INSERT INTO channel (code, name, direction) VALUES ('TLFIND', 'Telefon', 'IN');
    INSERT INTO "user" (id, name, email, kind, updated_at) VALUES ('person', 'Person', 'p@koege.test', 'PERSON', now()),
                                                                 ('counter', 'Fælles login', 's@koege.test', 'UNIT_LOGIN', now());
    INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, quantity, occurred_at, iso_year, iso_week, source, updated_at)
    VALUES ('${id(1)}', '${M}', '${U}', 'person',  '${T}', 'TLFIND', 1, '2026-10-19 08:00Z', 2026, 43, 'MANUAL', now()),
           ('${id(2)}', '${M}', '${U}', 'counter', '${T}', 'TLFIND', 1, '2026-10-19 08:10Z', 2026, 43, 'MANUAL', now()),
           ('${id(3)}', '${M}', '${U}', NULL,      '${T}', 'TLFIND', 1, '2026-10-19 08:20Z', 2026, 43, 'MANUAL', now()),
           ('${id(4)}', '${M}', '${U}', NULL,      '${T}', 'TLFIND', 1, '2013-10-21 07:00Z', 2013, 43, 'LEGACY_IMPORT', now()),
           ('${id(5)}', '${M}', '${U}', NULL,      '${T}', 'TLFIND', 40, '2026-10-19 10:00Z', 2026, 43, 'MASS', now());
  `);
  // The rollups as the old definitions kept them, with changes still pending.
  expect(await migrate(database.sql, all)).toEqual(all.filter((m) => m.name >= FIRST_NEW).map((m) => m.name));
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe("the source backfill", () => {
  it("recovers the shared unit login, and leaves what cannot be told apart as it was", async () => {
    const rows = await database.sql.query<{ id: string; source: string; file_line: number | null }>(
      `SELECT id::text, source::text, file_line FROM registration ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: id(1), source: "MANUAL", file_line: null }, // a personal account
      { id: id(2), source: "UNIT_LOGIN", file_line: null }, // the user is a unit's shared login
      { id: id(3), source: "MANUAL", file_line: null }, // the user was deleted: not known, stays
      { id: id(4), source: "LEGACY_IMPORT", file_line: null }, // TraceTool or Landkort: not known
      { id: id(5), source: "MASS", file_line: null },
    ]);
  });

  it("leaves every rollup equal to the registrations, the hours rollup now by source", async () => {
    await database.sql.query(`SELECT report_rollups_flush()`);
    const hours = await database.sql.query<{ source: string; quantity: number }>(
      `SELECT source::text, sum(quantity)::float8 AS quantity FROM report_rollup_hours WHERE registrations > 0 GROUP BY source ORDER BY source`,
    );
    const totals = await database.sql.query<{ source: string; quantity: number }>(
      `SELECT source::text, sum(quantity)::float8 AS quantity FROM report_rollup_totals WHERE registrations > 0 GROUP BY source ORDER BY source`,
    );
    const expected = [
      { source: "LEGACY_IMPORT", quantity: 1 },
      { source: "MANUAL", quantity: 2 },
      { source: "MASS", quantity: 40 },
      { source: "UNIT_LOGIN", quantity: 1 },
    ];
    expect(hours).toEqual(expected);
    expect(totals).toEqual(expected);
  });
});
