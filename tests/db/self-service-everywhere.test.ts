import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { instantAt, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { loadRound } from "@/lib/reports/context";
import { managementReport } from "@/lib/reports/management";
import { municipalityFigures, nationalFigures, publicContext } from "@/lib/reports/public-figures";
import { flushRollups } from "@/lib/reports/rollups";
import { runReport } from "@/lib/reports/run";
import type { ReportTable } from "@/lib/reports/types";
import { createTestDatabase } from "@/tests/helpers/test-db";

// One self-service rate everywhere (docs/method.md, "Én selvbetjeningsgrad"): for a municipality with
// its own counts only, one with KL's vendor counts only, one with both and a choice per task (vendor
// for one, own for the other) and one with both and no choice, the benchmark (own and national), the
// rankings, Det Digitale Landkort's public figures, Udvikling (per round and its task × round matrix)
// and Afrapportering's summary give the rate of «Selvbetjeningsgrad», and all equal a hand computation.
// Nationally only approved municipalities count: 955 (vendor counts, not approved) never does.

let database: SporDatabase;
const ids: Record<string, string> = {};
const ROUND = { code: "ss-2020", name: "Forår 2020", year: 2020, week: 10 };
const W10 = 10;
const W11 = 11;
const coordinator = (m: string): Access => ({
  userId: "c",
  memberships: [{ role: "COORDINATOR", municipalityId: ids[m], unitId: null }],
  leadUnitIds: [],
});
const national: Access = { userId: "n", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

type Task = "T1" | "T2";
/** Registrations: [municipality, task, week, channel, quantity], all of type OPRET. */
const REGISTRATIONS: [string, Task, number, "SLVBTJN" | "TLFIND", number][] = [
  ["951", "T1", W10, "SLVBTJN", 30],
  ["951", "T1", W10, "TLFIND", 10],
  ["951", "T2", W11, "TLFIND", 5],
  ["952", "T1", W10, "TLFIND", 20],
  ["952", "T2", W11, "TLFIND", 10],
  ["953", "T1", W10, "SLVBTJN", 10],
  ["953", "T1", W10, "TLFIND", 10],
  ["953", "T2", W10, "TLFIND", 5],
  ["954", "T1", W10, "SLVBTJN", 8],
  ["954", "T1", W10, "TLFIND", 12],
  ["955", "T1", W10, "TLFIND", 4],
];
/** The coordinator's grid (statistics module): [municipality, task, week, count]. */
const OWN: [string, Task, number, number][] = [
  ["951", "T2", W11, 15],
  ["953", "T2", W10, 5],
];
/** KL's vendor file: [municipality, task, week, count]. */
const VENDOR: [string, Task, number, number][] = [
  ["952", "T1", W10, 60],
  ["952", "T2", W11, 10],
  ["953", "T1", W10, 70],
  ["953", "T2", W10, 50],
  ["954", "T1", W10, 100],
  ["955", "T1", W10, 40],
];
const CHOICES: [string, Task, "OWN" | "VENDOR"][] = [
  ["953", "T1", "VENDOR"],
  ["953", "T2", "OWN"],
];
const APPROVED = ["951", "952", "953", "954"];

/** The hand computation: per municipality, task and week one figure (own unless only the vendor's, or chosen), then sums. */
function expected(municipalities: string[], choices = CHOICES) {
  let self = 0;
  let tx = 0;
  for (const m of municipalities)
    for (const task of ["T1", "T2"] as Task[])
      for (const week of [W10, W11]) {
        const regs = REGISTRATIONS.filter((r) => r[0] === m && r[1] === task && r[2] === week);
        const own = OWN.filter((r) => r[0] === m && r[1] === task && r[2] === week);
        const vendor = VENDOR.find((r) => r[0] === m && r[1] === task && r[2] === week);
        const ownSelf = regs.filter((r) => r[3] === "SLVBTJN").reduce((s, r) => s + r[4], 0) + own.reduce((s, r) => s + r[3], 0);
        const hasOwn = regs.some((r) => r[3] === "SLVBTJN") || own.length > 0;
        const choice = choices.find((c) => c[0] === m && c[1] === task)?.[2];
        const chosen = vendor && (!hasOwn || choice === "VENDOR") ? vendor[3] : ownSelf;
        self += chosen;
        tx += regs.filter((r) => r[3] !== "SLVBTJN").reduce((s, r) => s + r[4], 0) + chosen;
      }
  return { self, tx, rate: tx ? self / tx : null };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  ids.T1 = (await p.task.create({ data: { number: "90.05.01", title: "Selv et", level: "EMNE", source: "KLE" } })).id;
  ids.T2 = (await p.task.create({ data: { number: "90.05.02", title: "Selv to", level: "EMNE", source: "KLE" } })).id;
  ids.round = (
    await p.countingRound.create({
      data: {
        code: ROUND.code,
        name: ROUND.name,
        startsOn: mondayOfIsoWeek(ROUND.year, ROUND.week),
        isoYear: ROUND.year,
        firstWeek: ROUND.week,
        weekCount: 2,
      },
    })
  ).id;
  for (const number of [951, 952, 953, 954, 955]) {
    const m = await p.municipality.create({ data: { number, name: `Kommune ${number}`, publishLandkort: true } });
    ids[String(number)] = m.id;
    ids[`U${number}`] = (await p.unit.create({ data: { municipalityId: m.id, name: `Borgerservice ${number}` } })).id;
    for (const isoWeek of [W10, W11])
      await p.municipalityCountingWeek.create({ data: { municipalityId: m.id, roundId: ids.round, isoYear: ROUND.year, isoWeek } });
  }
  await p.registration.createMany({
    data: REGISTRATIONS.map(([m, task, week, channelCode, quantity]) => ({
      id: crypto.randomUUID(),
      municipalityId: ids[m],
      unitId: ids[`U${m}`],
      taskId: ids[task],
      channelCode,
      contactTypeCode: "OPRET",
      closureCode: channelCode === "SLVBTJN" ? null : "STRAKS",
      quantity,
      occurredAt: instantAt(new Date(mondayOfIsoWeek(ROUND.year, week).getTime() + 86_400_000), 10, 0),
      isoYear: ROUND.year,
      isoWeek: week,
      source: "MANUAL" as const,
    })),
  });
  for (const [rows, source, kind] of [
    [OWN, "STATISTICS_MODULE", "SELF_SERVICE_GRID"],
    [VENDOR, "VENDOR", "VENDOR_FILE"],
  ] as const) {
    for (const [m, task, week, count] of rows) {
      const batch = await p.importBatch.create({ data: { municipalityId: ids[m], kind, rowCount: 1, totalQuantity: count } });
      await p.selfServiceCount.create({
        data: {
          municipalityId: ids[m],
          taskId: ids[task],
          isoYear: ROUND.year,
          isoWeek: week,
          count,
          source,
          solution: source === "VENDOR" ? "KMD" : "Sag & Borger",
          batchId: batch.id,
        },
      });
    }
  }
  for (const [m, task, choice] of CHOICES)
    await p.selfServiceChoice.create({ data: { municipalityId: ids[m], taskId: ids[task], choice } });
  // Approved after the rows are written (approval freezes the round's data).
  for (const m of APPROVED) await p.roundApproval.create({ data: { municipalityId: ids[m], roundId: ids.round } });
  await flushRollups((text) => database.sql.query(text));
});
afterAll(() => database.close());

const table = (tables: ReportTable[], id: string) => tables.find((t) => t.id === id)!;

/** «Selvbetjeningsgrad» for one municipality and the round: the total row. */
async function selvbetjening(m: string) {
  const run = await runReport(database.sql, coordinator(m), "selvbetjening", { kommune: m, runde: ROUND.code });
  return table(run.result.tables, "pr-opgave").total!;
}

const WANT_SOURCE: Record<string, string> = {
  "951": "Egne tal",
  "952": "Leverandørdata (KMD)",
  "953": "Egne tal og leverandørdata (KMD); egne tal og leverandørdata fravalgt",
  "954": "Egne tal; leverandørdata fravalgt",
};

describe("one self-service rate everywhere", () => {
  it("has the hand-computed figures", () => {
    expect(expected(["951"])).toEqual({ self: 45, tx: 60, rate: 0.75 });
    expect(expected(["952"])).toEqual({ self: 70, tx: 100, rate: 0.7 });
    expect(expected(["953"])).toEqual({ self: 75, tx: 90, rate: 75 / 90 });
    expect(expected(["954"])).toEqual({ self: 8, tx: 20, rate: 0.4 });
    expect(expected(APPROVED)).toEqual({ self: 198, tx: 270, rate: 198 / 270 });
  });

  for (const m of APPROVED) {
    it(`gives municipality ${m} the rate of «Selvbetjeningsgrad» in the benchmark, the rankings, the Landkort, Udvikling and Afrapportering`, async () => {
      const want = expected([m]);
      const report = await selvbetjening(m);
      expect(report).toMatchObject({ self: want.self, tx: want.tx });
      expect(report.rate).toBeCloseTo(want.rate!, 12);

      const bench = await runReport(database.sql, national, "benchmark", { kommune: m, runde: ROUND.code });
      const row = table(bench.result.tables, "noegletal").rows.find((r) => r.label === "Selvbetjeningsgrad")!;
      expect(row.own).toBeCloseTo(want.rate!, 12);
      expect(row.ownN).toBe(want.tx);
      expect(row.base).toContain(`selvbetjening fra Kommune ${m}: ${WANT_SOURCE[m]}`);

      const ranks = await runReport(database.sql, national, "ranglister", { runde: ROUND.code });
      const ranked = table(ranks.result.tables, "rangliste").rows.find((r) => r.code === m)!;
      expect(ranked.selfService).toBeCloseTo(want.rate!, 12);
      expect(ranked).toMatchObject({ selfServiceN: want.tx, selfServiceSource: WANT_SOURCE[m] });

      const ctx = publicContext(await loadRound(database.sql.query.bind(database.sql), ROUND.code));
      const landkort = (await municipalityFigures(database.sql.query.bind(database.sql), ctx)).find((x) => x.number === Number(m))!;
      expect(landkort.figures!.selfService).toBeCloseTo(want.rate!, 12);
      expect(landkort.figures!.selfServiceN).toBe(want.tx);

      const trend = await runReport(database.sql, coordinator(m), "udvikling", { kommune: m });
      const perRound = table(trend.result.tables, "pr-runde").rows.find((r) => r.round === ROUND.name)!;
      expect(perRound.selfService).toBeCloseTo(want.rate!, 12);
      expect(perRound).toMatchObject({ selfServiceN: want.tx, selfServiceSource: WANT_SOURCE[m] });
      const matrix = table(trend.result.tables, "opgave-runde");
      const column = matrix.columns.find((c) => c.label === ROUND.name)!;
      expect(matrix.total![column.key]).toBeCloseTo(want.rate!, 12);

      const management = await managementReport(database.sql, coordinator(m), { runde: ROUND.code });
      const summary = management.summary.find((f) => f.key === "selfService")!;
      expect(summary.now).toBeCloseTo(want.rate!, 12);
      expect(summary.n).toBe(want.tx);
      expect(summary.base).toContain(`selvbetjening fra: ${WANT_SOURCE[m]}`);
    });
  }

  /** The national figure in the benchmark, the Landkort, Udvikling and Afrapportering, against the hand computation. */
  async function expectNationalFigures(sql: SqlExecutor = database.sql) {
    const want = expected(APPROVED);
    const query = sql.query.bind(sql);

    const bench = await runReport(sql, national, "benchmark", { kommune: "951", runde: ROUND.code });
    const row = table(bench.result.tables, "noegletal").rows.find((r) => r.label === "Selvbetjeningsgrad")!;
    expect(row.national).toBeCloseTo(want.rate!, 12);
    expect(row.nationalN).toBe(want.tx);
    expect(row.municipalities).toBe(APPROVED.length);

    const landkort = await nationalFigures(query, publicContext(await loadRound(query, ROUND.code)));
    expect(landkort.selfService).toBeCloseTo(want.rate!, 12);
    expect(landkort.selfServiceN).toBe(want.tx);
    expect(landkort.municipalities).toBe(APPROVED.length);

    const trend = await runReport(sql, national, "udvikling", {});
    const perRound = table(trend.result.tables, "pr-runde").rows.find((r) => r.round === ROUND.name)!;
    expect(perRound.selfService).toBeCloseTo(want.rate!, 12);
    expect(perRound.selfServiceN).toBe(want.tx);
    // Udvikling's channel mix nationally: the approved municipalities' registrations per channel.
    const mix = table(trend.result.tables, "kanaler-pr-runde").rows.filter((r) => r.round === ROUND.name);
    for (const code of ["SLVBTJN", "TLFIND"]) {
      const contacts = REGISTRATIONS.filter(([m, , , c]) => APPROVED.includes(m) && c === code).reduce((n, r) => n + r[4], 0);
      expect(mix.find((r) => r.channelCode === code)?.contacts, code).toBe(contacts);
    }
    const matrix = table(trend.result.tables, "opgave-runde");
    const column = matrix.columns.find((c) => c.label === ROUND.name)!;
    expect(matrix.total![column.key]).toBeCloseTo(want.rate!, 12);

    const management = await managementReport(sql, national, { runde: ROUND.code });
    const summary = management.summary.find((f) => f.key === "selfService")!;
    expect(summary.now).toBeCloseTo(want.rate!, 12);
    expect(summary.n).toBe(want.tx);
  }

  // 955 has registrations and has not approved: national figures read per municipality.
  it("gives the national figure over approved municipalities only, the same in the benchmark, the Landkort, Udvikling and Afrapportering", async () => {
    await expectNationalFigures();
  });

  // Once every municipality with registrations has approved, national figures that are not broken down
  // by municipality read the rollups without one (approvedScopeSources in lib/reports/sql.ts); 955's
  // vendor counts still do not count.
  it("gives the same national figures once every municipality with registrations has approved", async () => {
    await database.prisma.registration.deleteMany({ where: { municipalityId: ids["955"] } });
    await flushRollups((text) => database.sql.query(text));
    // A new executor, so the figures are computed again rather than taken from the approved memo
    // (deleting an unapproved municipality's registrations rightly leaves the memo's state unchanged).
    await expectNationalFigures({ ...database.sql });
  });
});

// docs/method.md: counts for a whole municipality do not apply with a filter on registration sources,
// nationally neither (Benchmark compares the municipality and the country on the same terms).
describe("with a filter on registration sources", () => {
  it("counts registrations only, for the municipality and nationally", async () => {
    const registered = (municipalities: string[]) => {
      const rows = REGISTRATIONS.filter(([m]) => municipalities.includes(m));
      const self = rows.filter((r) => r[3] === "SLVBTJN").reduce((n, r) => n + r[4], 0);
      const tx = rows.reduce((n, r) => n + r[4], 0);
      return { rate: self / tx, tx };
    };
    const bench = await runReport({ ...database.sql }, national, "benchmark", { kommune: "953", runde: ROUND.code, kilde: "MANUAL" });
    const row = table(bench.result.tables, "noegletal").rows.find((r) => r.label === "Selvbetjeningsgrad")!;
    expect(row.own).toBeCloseTo(registered(["953"]).rate, 12);
    expect(row.ownN).toBe(registered(["953"]).tx);
    expect(row.national).toBeCloseTo(registered(APPROVED).rate, 12);
    expect(row.nationalN).toBe(registered(APPROVED).tx);
  });
});

// Approved-only figures are computed once per state of approvals and setup (lib/reports/approved-memo.ts).
describe("approved figures from memory", () => {
  let computed = 0;
  /** One executor for the whole test (the memo is per executor) that counts the key-figure queries. */
  const counting = (): SqlExecutor => ({
    ...database.sql,
    query: (text, params) => {
      if (text.includes('AS "selfServiceN"')) computed++;
      return database.sql.query(text, params);
    },
  });
  const nationalColumn = async (sql: SqlExecutor, m: string) => {
    // As KL, who sees the national column with fewer than five other municipalities behind it.
    const bench = await runReport(sql, national, "benchmark", { kommune: m, runde: ROUND.code });
    const row = table(bench.result.tables, "noegletal").rows.find((r) => r.label === "Selvbetjeningsgrad")!;
    return { national: row.national as number, nationalN: row.nationalN };
  };

  it("computes Benchmark's national column once for every municipality, and again when a choice or an approval changes", async () => {
    const sql = counting();
    const first = await nationalColumn(sql, "951");
    expect(computed).toBe(3); // the municipality's own figures, the national ones, the national ones per municipality
    expect(await nationalColumn(sql, "952")).toEqual(first);
    expect(computed).toBe(4); // only 952's own figures

    // Self-service choices are not frozen by approval: 953 now counts its own figure for T1.
    await database.prisma.selfServiceChoice.updateMany({ where: { municipalityId: ids["953"], taskId: ids.T1 }, data: { choice: "OWN" } });
    const chosen: typeof CHOICES = [
      ["953", "T1", "OWN"],
      ["953", "T2", "OWN"],
    ];
    const afterChoice = await nationalColumn(sql, "951");
    expect(computed).toBe(7);
    const want = expected(APPROVED, chosen);
    expect(afterChoice.national).toBeCloseTo(want.rate!, 12);
    expect(afterChoice.nationalN).toBe(want.tx);
    expect(want.tx).not.toBe(first.nationalN);

    // A reopened round leaves the national figures.
    await database.prisma.roundApproval.deleteMany({ where: { municipalityId: ids["954"] } });
    const afterReopen = await nationalColumn(sql, "951");
    expect(computed).toBe(10);
    const wantReopened = expected(["951", "952", "953"], chosen);
    expect(afterReopen.national).toBeCloseTo(wantReopened.rate!, 12);
    expect(afterReopen.nationalN).toBe(wantReopened.tx);
  });
});
