import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import type { SporDatabase } from "@/lib/database/open";
import { flushRollups } from "@/lib/reports/rollups";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture, registrationOf, ROWS } from "./report-fixture";

// «Ekstra spørgsmål» reads report_answer_rollup (prisma/migrations/20261212000000_report_answer_rollup).
// It must equal a fresh count of the answers (test registrations left out) after every kind of
// change to answers or to their registrations, in either order inside a transaction; and the report
// must give the same figures from it as from the answered registrations, under every filter.

let database: SporDatabase;
let f: Fixture;
let questions: { id: string; options: string[] }[];

beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
  const p = database.prisma;
  questions = [];
  for (const text of ["Kunne det klares digitalt?", "Hvem ringede?"]) {
    const q = await p.extraQuestion.create({ data: { municipalityId: f.m.a, text } });
    const options = [];
    for (const [i, label] of ["Ja", "Nej", "Ved ikke"].entries())
      options.push((await p.extraQuestionOption.create({ data: { questionId: q.id, label, sortOrder: i } })).id);
    questions.push({ id: q.id, options });
  }
  // Every registration of municipality A answers the first question, every second one the other too
  // (test and outside-week rows included: the rollup must leave out the first and keep the second).
  const regs = await p.registration.findMany({ where: { municipalityId: f.m.a }, orderBy: { id: "asc" } });
  await p.registrationAnswer.createMany({
    data: regs.flatMap((r, i) => [
      { registrationId: r.id, questionId: questions[0].id, optionId: questions[0].options[i % 3] },
      ...(i % 2 ? [] : [{ registrationId: r.id, questionId: questions[1].id, optionId: questions[1].options[(i + 1) % 3] }]),
    ]),
  });
});
afterAll(() => database.close());

const KEY = "municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id";

/** The rollup after a flush, and the same counted afresh from the answers; returns the number of groups. */
async function expectInSync(): Promise<number> {
  await flushRollups((text) => database.sql.query(text));
  expect(await database.sql.query(`SELECT 1 FROM report_answer_rollup_pending`)).toEqual([]);
  const fresh = await database.sql.query(
    `SELECT concat_ws('|', ${KEY}) AS k, sum(q)::int AS q, count(*)::int AS n FROM (
       SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date AS occurred_on,
              g.unit_id, g.channel_code, g.source, a.question_id, a.option_id, g.quantity AS q
         FROM registration_answer a JOIN registration g ON g.id = a.registration_id WHERE NOT g.is_test) x
     GROUP BY 1 ORDER BY 1`,
  );
  const rollup = await database.sql.query(
    `SELECT concat_ws('|', ${KEY}) AS k, quantity AS q, registrations AS n FROM report_answer_rollup WHERE registrations <> 0 OR quantity <> 0 ORDER BY 1`,
  );
  expect(rollup).toEqual(fresh);
  return fresh.length;
}

const answered = async () =>
  await database.prisma.registration.findMany({
    where: { municipalityId: f.m.a, isTest: false, answers: { some: {} } },
    orderBy: { id: "asc" },
    include: { answers: true },
  });

describe("answer rollup", () => {
  it("holds the answers given with their registrations", async () => {
    expect(await expectInSync()).toBeGreaterThan(5);
  });

  it("follows answers changed on their own: inserted, changed in place, deleted", async () => {
    const [r] = await answered();
    await database.prisma.registrationAnswer.update({
      where: { registrationId_questionId: { registrationId: r.id, questionId: questions[0].id } },
      data: { optionId: questions[0].options[2] },
    });
    await expectInSync();
    await database.prisma.registrationAnswer.deleteMany({ where: { registrationId: r.id } });
    await expectInSync();
    await database.prisma.registrationAnswer.create({
      data: { registrationId: r.id, questionId: questions[1].id, optionId: questions[1].options[0] },
    });
    await expectInSync();
  });

  it("follows corrections of the registration and its answers, in either order", async () => {
    const [r1, r2] = await answered();
    // The registration first, then its answers (as correctRegistration in lib/registrations/mutations.ts does).
    await database.prisma.$transaction(async (tx) => {
      await tx.registration.update({
        where: { id: r1.id },
        data: { unitId: f.unit.a2, channelCode: "EMLIND", quantity: 9, source: "UPLOAD" },
      });
      await tx.registrationAnswer.deleteMany({ where: { registrationId: r1.id } });
      await tx.registrationAnswer.create({
        data: { registrationId: r1.id, questionId: questions[0].id, optionId: questions[0].options[1] },
      });
    });
    await expectInSync();
    // The answers first, then the registration: into another week and out of the counting weeks.
    await database.prisma.$transaction(async (tx) => {
      await tx.registrationAnswer.deleteMany({ where: { registrationId: r2.id } });
      await tx.registrationAnswer.createMany({
        data: questions.map((q) => ({ registrationId: r2.id, questionId: q.id, optionId: q.options[0] })),
      });
      await tx.registration.update({
        where: { id: r2.id },
        data: { occurredAt: new Date(Date.UTC(2026, 9, 26, 23, 30)), isoWeek: 44, inCountingWeek: false },
      });
    });
    await expectInSync();
  });

  it("follows test marks, deletions and deletions of many registrations", async () => {
    const regs = await answered();
    await database.prisma.registration.updateMany({ where: { id: { in: regs.slice(0, 2).map((r) => r.id) } }, data: { isTest: true } });
    await expectInSync();
    await database.prisma.registration.updateMany({ where: { id: regs[0].id }, data: { isTest: false } });
    await expectInSync();
    await database.prisma.registration.delete({ where: { id: regs[2].id } });
    await expectInSync();
    await database.prisma.registration.deleteMany({ where: { id: { in: regs.slice(3, 6).map((r) => r.id) } } });
    expect(await expectInSync()).toBeGreaterThan(0);
  });

  it("is rebuilt exactly by report_answer_rollup_rebuild()", async () => {
    const before = await expectInSync();
    await database.sql.query(`SELECT report_answer_rollup_rebuild()`);
    expect(await expectInSync()).toBe(before);
  });

  it("gives «Ekstra spørgsmål» the figures the answered registrations give, under every filter", async () => {
    // The fixture's rows of municipality A once more, answered. The earlier tests changed, moved and
    // deleted answered rows picked by random ids, so what is left of them differs from run to run;
    // these copies give every filter below the same rows to count in every run.
    for (const [i, row] of ROWS.filter(([unit]) => unit !== "b1").entries()) {
      const registration = registrationOf(row, f);
      await database.prisma.registration.create({ data: registration });
      await database.prisma.registrationAnswer.create({
        data: { registrationId: registration.id, questionId: questions[0].id, optionId: questions[0].options[i % 3] },
      });
    }
    const used = new Set<string>();
    const query = async <T>(sql: string, params?: unknown[]) => {
      used.add(sql.includes("report_answer_rollup") ? "rollup" : sql.includes("registration_answer a") ? "answers" : "other");
      return database.sql.query<T>(sql, params);
    };
    const filters: Record<string, string | string[]>[] = [
      {},
      { fra: "2026-10-20", til: "2026-10-21" },
      { fra: "2026-10-21" },
      { enhed: f.unit.a1 },
      { kanal: ["TLFIND", "PRSNLG"] },
      { kilde: "UPLOAD" },
      { udenfor: "1" },
      { uge: "2026-44" },
      { opgave: "90.01.01" },
      { opgave: "90.01.01", fra: "2026-10-20", enhed: f.unit.a1 },
    ];
    const cases: [Access, Record<string, string | string[]>[]][] = [
      [f.access.national, filters],
      [f.access.leadA1, [{}, { opgave: "90.01.01" }, { fra: "2026-10-20", til: "2026-10-21" }]],
    ];
    let withAnswers = 0;
    let compared = 0;
    for (const [access, sets] of cases) {
      for (const set of sets) {
        compared++;
        const params = { runde: "t-2026-43", kommune: "901", ...set };
        const run = await runReport(database.sql, access, "svar", params);
        const viaRollup = await run.report.run(query, run.ctx);
        const direct = await run.report.run(database.sql.query.bind(database.sql), { ...run.ctx, useRollups: false });
        expect(viaRollup, JSON.stringify(params)).toEqual(direct);
        if (direct.tables.some((t) => t.total && Number(t.total.contacts) > 0)) withAnswers++;
      }
    }
    // Every filter here matches some of the copies above, so none may compare two empty reports.
    expect(withAnswers).toBe(compared);
    expect(used).toEqual(new Set(["rollup", "answers", "other"]));
  });
});
