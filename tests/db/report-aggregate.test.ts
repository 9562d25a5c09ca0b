import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { seedDemoData } from "@/lib/seed/demo";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The reports read registration_hourly; it must equal a fresh aggregation of `registration`
// after inserts, corrections, deletions and bulk imports.

let database: SporDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
});
afterAll(() => database.close());

const KEYS = `municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
  in_counting_week, iso_year, iso_week`;

async function expectInSync() {
  const fresh = await database.sql.query<{ k: string; q: number; n: number }>(
    `SELECT concat_ws('|', ${KEYS}, date_trunc('hour', occurred_at)) AS k, sum(quantity)::int AS q, count(*)::int AS n
       FROM registration GROUP BY ${KEYS}, date_trunc('hour', occurred_at) ORDER BY 1`,
  );
  const hourly = await database.sql.query<{ k: string; q: number; n: number }>(
    `SELECT concat_ws('|', ${KEYS}, occurred_at) AS k, quantity AS q, registrations AS n
       FROM registration_hourly WHERE registrations > 0 ORDER BY 1`,
  );
  expect(hourly).toEqual(fresh);
  return fresh.length;
}

describe("hourly report aggregate", () => {
  it("matches the demo data after seeding", async () => {
    expect(await expectInSync()).toBeGreaterThan(10);
  });

  it("follows corrections, deletions and bulk inserts exactly", async () => {
    const some = await database.prisma.registration.findMany({ take: 40, orderBy: { id: "asc" }, select: { id: true } });
    await database.prisma.registration.updateMany({ where: { id: { in: some.slice(0, 20).map((r) => r.id) } }, data: { closureCode: "HOLD", quantity: 3 } });
    await expectInSync();
    await database.prisma.registration.deleteMany({ where: { id: { in: some.slice(20).map((r) => r.id) } } });
    await expectInSync();
    const template = await database.prisma.registration.findFirstOrThrow({ select: { municipalityId: true, unitId: true, taskId: true } });
    await database.prisma.registration.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        id: crypto.randomUUID(),
        ...template,
        channelCode: i % 2 ? "WEB" : "SLVBTJN",
        quantity: 1 + (i % 7),
        occurredAt: new Date(Date.UTC(2026, 9, 19, 8 + (i % 9), i % 60)),
        isoYear: 2026,
        isoWeek: 43,
        source: "UPLOAD" as const,
      })),
    });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { source: "UPLOAD" }, data: { inCountingWeek: false } });
    await expectInSync();
  });
});
