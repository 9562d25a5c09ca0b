import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { undoBatch } from "@/lib/exchange/import-rows";
import { flushRollups, QUALITY_ROLLUP, ROLLUPS, SELF_SERVICE_ROLLUP, TIMED_ROLLUPS } from "@/lib/reports/rollups";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The reports read the report rollups; each must equal a fresh aggregation of the registrations'
// reporting values (the view report_registration: test registrations left out, unasked answers left
// out, Fejlhenvendelse one way) after every kind of change: inserts one by one and in bulk,
// corrections, re-marking the counting-week flag, moving to another unit, marking as test,
// deletions and undoing an import batch. The view itself is checked against a plain TypeScript
// reading of the method at the end.

let database: SporDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
});
afterAll(() => database.close());

// How each rollup column is computed from a registration: read from the catalog, so a rollup
// added later is compared too.
const EXPRESSION: Record<string, string> = {
  occurred_on: "(occurred_at AT TIME ZONE 'Europe/Copenhagen')::date",
  occurred_at: "date_trunc('hour', occurred_at)",
};

/** The registrations a rollup holds, where not all (the timed ones: measured registrations). */
const ROWS_OF: Record<string, string> = {
  // Inbound transactions on self-service channels (INBOUND_TX in lib/reports/figures.ts).
  report_rollup_self_service: `channel_code IN (SELECT code FROM channel WHERE self_service AND direction = 'IN')
    AND (contact_type_code IN ('OPRET', 'STATUS') OR contact_type_code IS NULL)`,
};

async function rollupTables(): Promise<{ table: string; keys: string[] }[]> {
  const columns = await database.sql.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name LIKE 'report\\_rollup\\_%' AND table_name <> 'report_rollup_pending'
        AND column_name NOT IN ('id', 'quantity', 'registrations')
      ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name]);
  return [...tables].map(([table, keys]) => ({ table, keys }));
}

async function expectInSync() {
  await flushRollups((text) => database.sql.query(text));
  expect(await database.sql.query(`SELECT 1 FROM report_rollup_pending`)).toEqual([]);
  const tables = await rollupTables();
  expect(tables.map((t) => t.table).sort()).toEqual(
    [...ROLLUPS, ...TIMED_ROLLUPS, SELF_SERVICE_ROLLUP, QUALITY_ROLLUP].map((r) => r.from.replace(/ r$/, "")).sort(),
  );
  let rows = 0;
  for (const { table, keys } of tables) {
    const key = (expr: (k: string) => string) => `concat_ws('|', ${keys.map((k) => `${expr(k)}::text`).join(", ")})`;
    const fresh = await database.sql.query<{ k: string; q: number; n: number }>(
      `SELECT ${key((k) => EXPRESSION[k] ?? k)} AS k, sum(quantity)::int AS q, count(*)::int AS n
         FROM report_registration WHERE ${ROWS_OF[table] ?? (table.startsWith("report_rollup_timed") ? "seconds IS NOT NULL" : "true")} GROUP BY 1 ORDER BY 1`,
    );
    const rollup = await database.sql.query<{ k: string; q: number; n: number }>(
      `SELECT ${key((k) => k)} AS k, quantity AS q, registrations AS n FROM ${table} WHERE registrations <> 0 OR quantity <> 0 ORDER BY 1`,
    );
    expect(rollup, table).toEqual(fresh);
    // The one rollup that holds some channels only: the demo data must give it rows to compare.
    if (table in ROWS_OF) expect(fresh.length, `${table} compared on no rows`).toBeGreaterThan(0);
    rows += fresh.length;
  }
  return rows;
}

const ids = async (take: number, skip = 0) =>
  (await database.prisma.registration.findMany({ take, skip, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);

describe("report rollups", () => {
  it("match the demo data after seeding", async () => {
    expect(await expectInSync()).toBeGreaterThan(10);
  });

  it("follow single inserts and corrections", async () => {
    const template = await database.prisma.registration.findFirstOrThrow({ where: { isTest: false } });
    const id = crypto.randomUUID();
    await database.prisma.registration.create({
      data: {
        ...template,
        id,
        quantity: 4,
        occurredAt: new Date(Date.UTC(2026, 9, 20, 22, 30)),
        isoYear: 2026,
        isoWeek: 43,
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    await expectInSync();
    // A correction that changes only fields no rollup holds nets out to nothing.
    await database.prisma.registration.update({ where: { id }, data: { startedAt: new Date(), endedAt: null } });
    await expectInSync();
    // Timing it adds it to the timed rollup; saying the time was not measured takes it out again.
    await database.prisma.registration.update({
      where: { id },
      data: { startedAt: new Date(Date.UTC(2026, 9, 20, 22, 25, 10)), endedAt: new Date(Date.UTC(2026, 9, 20, 22, 30)) },
    });
    await expectInSync();
    await database.prisma.registration.update({ where: { id }, data: { measuredTime: false, timePrecision: "DATE" } });
    await expectInSync();
    await database.prisma.registration.update({
      where: { id },
      data: { closureCode: "HOLD", form: false, quantity: 2, contactTypeCode: "STATUS" },
    });
    await expectInSync();
  });

  it("follow corrections, re-marking, moving units, test marks and deletions of many rows", async () => {
    const some = await ids(60);
    await database.prisma.registration.updateMany({ where: { id: { in: some.slice(0, 20) } }, data: { closureCode: "HOLD", quantity: 3 } });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { id: { in: some.slice(10, 30) } }, data: { inCountingWeek: false } });
    await expectInSync();
    const [first] = await database.sql.query<{ id: string; municipality_id: string }>(
      `SELECT id, municipality_id FROM registration WHERE id = $1::uuid`,
      [some[0]],
    );
    const other = await database.prisma.unit.findFirstOrThrow({
      where: { municipalityId: first.municipality_id, registrations: { none: { id: first.id } } },
    });
    await database.prisma.registration.updateMany({
      where: { id: { in: some.slice(0, 5) }, municipalityId: first.municipality_id },
      data: { unitId: other.id },
    });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { id: { in: some.slice(30, 40) } }, data: { isTest: true } });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { id: { in: some.slice(35, 40) } }, data: { isTest: false } });
    await expectInSync();
    await database.prisma.registration.deleteMany({ where: { id: { in: some.slice(40) } } });
    await expectInSync();
  });

  it("follow an import of many rows and its undo", async () => {
    const template = await database.prisma.registration.findFirstOrThrow({
      where: { isTest: false },
      select: { municipalityId: true, unitId: true, taskId: true },
    });
    const batch = await database.prisma.importBatch.create({
      data: { municipalityId: template.municipalityId, kind: "UPLOAD", fileName: "uge43.csv", rowCount: 500 },
    });
    await database.prisma.registration.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        id: crypto.randomUUID(),
        ...template,
        channelCode: i % 2 ? "WEB" : "SLVBTJN",
        contactTypeCode: i % 3 ? "OPRET" : null,
        quantity: 1 + (i % 7),
        occurredAt: new Date(Date.UTC(2026, 9, 19 + (i % 12), 6 + (i % 15), i % 60)),
        isoYear: 2026,
        isoWeek: 43 + Math.floor((i % 12) / 7),
        source: "UPLOAD" as const,
        batchId: batch.id,
        isTest: i % 50 === 0,
      })),
    });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { source: "UPLOAD" }, data: { inCountingWeek: false } });
    await expectInSync();
    await undoBatch(database.prisma, null, template.municipalityId, batch.id);
    expect(await database.prisma.registration.count({ where: { batchId: batch.id } })).toBe(0);
    await expectInSync();
  });

  it("are rebuilt exactly by report_rollups_rebuild()", async () => {
    const before = await expectInSync();
    await database.sql.query(`SELECT report_rollups_rebuild()`);
    expect(await expectInSync()).toBe(before);
  });
});
