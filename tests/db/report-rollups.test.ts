import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import type { SporDatabase } from "@/lib/database/open";
import { REPORTS } from "@/lib/reports/registry";
import { ROLLUPS, SELF_SERVICE_ROLLUP, TIMED_ROLLUPS } from "@/lib/reports/rollups";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";
import { loadMethodFixture } from "./report-method-fixture";

// The aggregate navigator may answer a report from any rollup that covers its dimensions and
// filters: every report, under every kind of filter, must give exactly what it gives when it reads
// `registration` itself. Together the cases below must send queries to every rollup.

let database: SporDatabase;
let f: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  await loadMethodFixture(database); // municipality 903: unasked answers, Fejlhenvendelse, KLE groups, timed and timeless rows
});
afterAll(() => database.close());

const FILTERS: Record<string, string | string[]>[] = [
  {},
  { efter: "opgave" },
  { efter: "enhed" },
  { efter: "uge" },
  { efter: "kommune" },
  { fra: "2026-10-20", til: "2026-10-21" },
  { fra: "2026-10-21" },
  { opgave: "90.01.01" },
  { kanal: ["TLFIND", "PRSNLG"] },
  { kilde: "UPLOAD" },
  { kilde: ["MANUAL", "UPLOAD"], efter: "enhed" },
  { kilde: "MANUAL", fra: "2026-10-20" },
  { udenfor: "1" },
  { uge: "2026-44" },
  { runde: "t-2026-53" },
  { opgave: "90.01.01", kanal: "SLVBTJN", fra: "2026-10-20" },
];

const METHOD_FILTERS: Record<string, string | string[]>[] = [
  { runde: "m-2026-47", sammenlign: "m-2026-37" },
  { runde: "m-2026-47", efter: "opgave", niveau: "gruppe" },
  { runde: "m-2026-47", efter: "kanal" },
  { runde: "m-2026-47", sammenlign: "m-2026-37", afrund: "1", pakke: "m-pakke" },
  { runde: "m-2026-47", kanal: ["WEB", "TLFIND", "SLVBTJN"] },
  { runde: "m-2026-47", kilde: "UPLOAD", efter: "opgave" },
  { runde: "m-2026-47", fra: "2026-11-17", til: "2026-11-24" },
  { runde: "m-2026-47", opgave: "91.01", niveau: "gruppe" },
];

async function compareAll(): Promise<Set<string>> {
  const used = new Set<string>();
  const query = async <T>(sql: string, params?: unknown[]) => {
    for (const m of sql.matchAll(/\b(report_rollup_\w+|FROM report_registration)\b/g)) used.add(m[1]);
    return database.sql.query<T>(sql, params);
  };
  const cases: [Access, string | undefined, typeof FILTERS][] = [
    [f.access.national, undefined, FILTERS],
    [f.access.national, "901", FILTERS],
    [f.access.leadA1, "901", [{}, { efter: "enhed" }, { fra: "2026-10-20", til: "2026-10-21" }]],
    [f.access.national, "903", METHOD_FILTERS],
    [f.access.national, undefined, METHOD_FILTERS.slice(0, 3)],
  ];
  for (const [access, kommune, filterSets] of cases) {
    for (const filters of filterSets) {
      const params = { runde: "t-2026-43", ...(kommune ? { kommune } : {}), ...filters };
      for (const { slug } of REPORTS) {
        let run;
        try {
          run = await runReport(database.sql, access, slug, params);
        } catch {
          continue; // not open to this user or view (e.g. benchmark without a municipality)
        }
        const viaRollups = await run.report.run(query, run.ctx);
        const direct = await run.report.run(database.sql.query.bind(database.sql), { ...run.ctx, useRollups: false });
        expect(viaRollups, `${slug} ${JSON.stringify(params)}`).toEqual(direct);
      }
    }
  }
  return used;
}

describe("aggregate navigator", () => {
  it("answers every report and filter exactly as the registrations do, using every rollup", async () => {
    const used = await compareAll();
    for (const r of [...ROLLUPS, ...TIMED_ROLLUPS, SELF_SERVICE_ROLLUP]) expect(used, r.from).toContain(r.from.replace(/ r$/, ""));
    expect(used).toContain("FROM report_registration"); // filters no rollup covers
  }, 300_000);

  it("still does after corrections and deletions", async () => {
    const some = await database.prisma.registration.findMany({ where: { isTest: false }, take: 6, orderBy: { quantity: "desc" } });
    await database.prisma.registration.update({
      where: { id: some[0].id },
      data: { closureCode: "HOLD", quantity: 11, unitId: f.unit.a2 },
    });
    await database.prisma.registration.update({ where: { id: some[1].id }, data: { inCountingWeek: false } });
    await database.prisma.registration.delete({ where: { id: some[2].id } });
    await compareAll();
  }, 300_000);
});
