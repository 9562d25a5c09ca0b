import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import { approveBenchRound } from "@/scripts/bench/report-filters";
import { BENCH_ROUND } from "@/scripts/generate-data";
import { createTestDatabase } from "@/tests/helpers/test-db";

// The report bench (scripts/bench/reports.ts) times the national views on generated data. The
// benchmark's national column and KL's ranking count approved municipalities only, and the generator
// approves nothing: without the bench's approval step they read nothing and their timings say nothing
// about issue 12's target.

let database: SporDatabase;
const national: Access = { userId: "bench", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  const round = await p.countingRound.create({
    data: { code: BENCH_ROUND.code, name: BENCH_ROUND.name, startsOn: new Date("2026-10-19"), isoYear: 2026, firstWeek: 43, weekCount: 3 },
  });
  const task = await p.task.findFirstOrThrow({ where: { number: "FEJL" }, select: { id: true } });
  for (const [number, counts] of [
    [801, true],
    [802, true],
    [803, false],
  ] as const) {
    const m = await p.municipality.create({ data: { number, name: `Genereret Kommune ${number}` } });
    const unit = await p.unit.create({ data: { municipalityId: m.id, name: "Borgerservice" } });
    if (counts) await p.municipalityCountingWeek.create({ data: { municipalityId: m.id, roundId: round.id, isoYear: 2026, isoWeek: 43 } });
    await p.registration.create({
      data: {
        id: crypto.randomUUID(),
        municipalityId: m.id,
        unitId: unit.id,
        taskId: task.id,
        channelCode: "TLFIND",
        contactTypeCode: "FEJL",
        closureCode: "STRAKS",
        quantity: 10,
        occurredAt: new Date("2026-10-20T09:00:00Z"),
        isoYear: 2026,
        isoWeek: 43,
        source: "MANUAL",
        inCountingWeek: counts,
      },
    });
  }
});
afterAll(() => database.close());

/** The municipalities in KL's ranking (lib/reports/benchmark.ts, ranking): national figures, approved only. */
const ranked = async () => {
  const { result } = await runReport(database.sql, national, "ranglister", { runde: BENCH_ROUND.code });
  return result.tables[0].rows.length;
};
/** KL's national channel mix counts every municipality, approved or not. */
const nationalContacts = async () => {
  const { result } = await runReport(database.sql, national, "kanaler", { runde: BENCH_ROUND.code });
  return result.tables[0].rows.reduce((sum, r) => sum + Number(r.contacts), 0);
};

describe("the report bench's approval of the bench round", () => {
  it("lets the approved-only national figures read the generated municipalities that count the round, once", async () => {
    // As generated: nobody approved, so the ranking (like the benchmark's national column) reads nothing.
    expect(await ranked()).toBe(0);
    expect(await nationalContacts()).toBe(20);
    expect(await approveBenchRound(database.sql)).toBe(2); // 801 and 802 count the round; 803 does not
    expect(await ranked()).toBe(2);
    expect(await nationalContacts()).toBe(20);
    expect(await approveBenchRound(database.sql)).toBe(0); // a kept bench database: nothing added
  });
});
