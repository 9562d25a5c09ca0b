import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { runReport } from "@/lib/reports/run";
import type { ReportRow, ReportTable } from "@/lib/reports/types";
import { createTestDatabase } from "@/tests/helpers/test-db";
import {
  closureAnswer,
  formAnswer,
  groupBy,
  groupOf,
  inWeeks,
  isTx,
  pgRound,
  type Reading,
  selfService,
  sumQ,
  timing,
  yesNo,
} from "./report-method-expected";
import { loadMethodFixture, METHOD_ROWS, type MethodFixture, PACKAGE } from "./report-method-fixture";

// Every figure the method's bases change, computed by Spor in SQL and independently in plain
// TypeScript (report-method-expected.ts) from the same crafted rows, on PGlite and PostgreSQL.

let database: SporDatabase;
let f: MethodFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadMethodFixture(database);
  // Approved (lib/approval): national figures count approved municipalities only, so the benchmark's
  // national column is this municipality's own (docs/method.md, "Godkendelse").
  for (const round of await database.prisma.countingRound.findMany({ select: { id: true } })) {
    await database.prisma.roundApproval.create({ data: { municipalityId: f.municipalityId, roundId: round.id } });
  }
});
afterAll(() => database.close());

const ROUND = [202647, 202648];
const EARLIER = [202637, 202638];
const rows = () => inWeeks(METHOD_ROWS, ROUND);
const number = (id: string) => [...f.taskIds.entries()].find(([, v]) => v === id)?.[0];

async function run(slug: string, params: Record<string, string> = {}, access = f.access.coordinator) {
  return (await runReport(database.sql, access, slug, { runde: "m-2026-47", kommune: "903", ...params })).result;
}
function table(result: { tables: ReportTable[] }, id: string): ReportTable {
  const t = result.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}
const by = (list: ReportRow[], key: string) => Object.fromEntries(list.map((r) => [String(r[key]), r]));

describe("the data exercises every rule", () => {
  it("has telephone forms, web closures, typeless self-service, both kinds of Fejlhenvendelse, group and emne rows, times", () => {
    const all = rows();
    expect(all.some((r) => r.channel.startsWith("TLF") && r.form !== null)).toBe(true);
    expect(all.some((r) => r.channel === "WEB" && r.closure !== null)).toBe(true);
    expect(all.some((r) => r.type === null && r.selfService && r.inbound)).toBe(true);
    expect(all.some((r) => r.type === "FEJL" && r.task !== "FEJL")).toBe(true);
    expect(all.some((r) => r.task === "FEJL" && r.type !== "FEJL")).toBe(true);
    expect(all.some((r) => r.task === "91.01") && all.some((r) => r.task === "91.01.00")).toBe(true);
    expect(all.some((r) => r.startedAt && !r.measured) && all.filter((r) => r.seconds !== null).length).toBeGreaterThan(5);
    expect(new Set(all.map((r) => r.precision))).toEqual(new Set(["TIME", "DATE", "WEEK"]));
  });
});

describe("shares only over questions asked and answered", () => {
  it("closure by channel leaves web visits out of the share, whatever the file said", async () => {
    const t = table(await run("afslutning", { efter: "kanal" }), "pr-kanal");
    const expected = groupBy(rows(), (r) => r.channel);
    for (const [code, list] of expected) expect(by(t.rows, "code")[code], code).toMatchObject(yesNo(list, closureAnswer));
    expect(by(t.rows, "code").WEB).toMatchObject({ yes: 0, no: 0, share: null });
    expect(t.total).toMatchObject(yesNo(rows(), closureAnswer));
  });

  it("forms by task: never the telephone's NEJ; the base names the channels not asked", async () => {
    const t = table(await run("blanketter", { efter: "opgave" }), "pr-opgave");
    for (const [task, list] of groupBy(rows(), (r) => r.rTask))
      expect(by(t.rows, "code")[task], task).toMatchObject(yesNo(list, formAnswer));
    expect(t.total).toMatchObject(yesNo(rows(), formAnswer));
    expect(t.columns.map((c) => c.key)).toContain("answered");
    expect(t.bases!.join(" ")).toMatch(/alle kanaler undtagen Telefon \(ind og ud\), Besøg på hjemmeside \(ind\)/);
  });

  it("contact types: shares of contacts with a type; Fejlhenvendelse however registered", async () => {
    const result = await run("typer");
    const typed = sumQ(rows().filter((r) => r.rType !== null));
    const types = by(table(result, "pr-type").rows, "code");
    for (const [type, list] of groupBy(rows(), (r) => r.rType)) {
      expect(types[type ?? ""], String(type)).toMatchObject({
        contacts: sumQ(list),
        share: type === null ? null : sumQ(list) / typed,
        typed,
      });
    }
    expect(table(result, "pr-type").total).toMatchObject({ contacts: sumQ(rows()), share: null, typed });
    expect(types.FEJL.contacts).toBe(sumQ(rows().filter((r) => (r.type === "FEJL" || r.task === "FEJL") && r.channel !== "WEB")));
  });

  it("the key figures and the ranking use the same bases, with n", async () => {
    const all = rows();
    const bench = by(table(await run("benchmark", {}, f.access.national), "noegletal").rows, "label");
    const closure = yesNo(all, closureAnswer);
    expect(bench["Andel straksafsluttet"]).toMatchObject({
      own: closure.share,
      ownN: closure.answered,
      national: closure.share,
      nationalN: closure.answered,
    });
    const typed = all.filter((r) => r.rType !== null);
    expect(bench["Andel transaktioner"].own).toBeCloseTo(
      sumQ(typed.filter((r) => r.rType === "OPRET" || r.rType === "STATUS")) / sumQ(typed),
      12,
    );
    expect(bench.Selvbetjeningsgrad).toMatchObject({ own: selfService(all).rate, ownN: selfService(all).tx });
    const rank = by(table(await run("ranglister", { kommune: "" }, f.access.national), "rangliste").rows, "code")["903"];
    expect(rank).toMatchObject({
      selfService: selfService(all).rate,
      selfServiceN: selfService(all).tx,
      closureN: closure.answered,
      formN: yesNo(all, formAnswer).answered,
    });
  });
});

describe("self-service", () => {
  it("counts typeless self-service counts as transactions, per task and against the earlier round", async () => {
    const t = table(await run("selvbetjening", { sammenlign: "m-2026-37" }), "pr-opgave");
    const earlier = groupBy(inWeeks(METHOD_ROWS, EARLIER), (r) => r.rTask);
    for (const [task, list] of groupBy(rows(), (r) => r.rTask)) {
      const now = selfService(list);
      const before = earlier.has(task) ? selfService(earlier.get(task)!) : null;
      const change = now.rate !== null && before?.rate != null ? pgRound((now.rate - before.rate) * 1000) / 10 : null;
      expect(by(t.rows, "code")[task], task).toMatchObject({ ...now, earlier: before?.rate ?? null, earlierTx: before?.tx ?? 0, change });
    }
    expect(t.total).toMatchObject(selfService(rows()));
    expect(rows().some((r) => isTx(r) && r.rType === null)).toBe(true);
  });

  it("rolls emner up to their KLE group on request, in every task table", async () => {
    const t = table(await run("selvbetjening", { niveau: "gruppe" }), "pr-opgave");
    const groups = groupBy(rows(), (r) => groupOf(r.rTask));
    expect(t.rows.map((r) => r.code).sort()).toEqual([...groups.keys()].sort());
    for (const [group, list] of groups) expect(by(t.rows, "code")[group]).toMatchObject(selfService(list));
    expect(by(t.rows, "code")["91.01"].label).toBe("Gruppe ni-et");
    const mix = table(await run("kanaler", { niveau: "gruppe", efter: "opgave", opgave: "91.01" }), "pr-opgave");
    expect(new Set(mix.rows.map((r) => r.code))).toEqual(new Set(["91.01"]));
    expect(mix.rows.reduce((s, r) => s + Number(r.contacts), 0)).toBe(sumQ(rows().filter((r) => groupOf(r.rTask) === "91.01")));
  });

  it("gives KL's table: the package's tasks in order with KL's names, – without data, a total, exact or in whole percent", async () => {
    for (const whole of [false, true]) {
      const t = table(await run("selvbetjening", { sammenlign: "m-2026-37", ...(whole ? { afrund: "1" } : {}) }), "kl");
      const items = PACKAGE.filter(([, , removed]) => !removed);
      expect(t.rows.map((r) => [r.code, r.label])).toEqual(items.map(([n, title]) => [n, title]));
      const rate = (s: { self: number; tx: number }) => (s.tx > 0 ? (whole ? pgRound((100 * s.self) / s.tx) / 100 : s.self / s.tx) : null);
      const line = (now: Reading[], before: Reading[]) => {
        const [a, b] = [selfService(now), selfService(before)];
        const [ra, rb] = [rate(a), rate(b)];
        const dash = (has: boolean, v: number | null) => (has && v !== null ? v : "–");
        const change = ra !== null && rb !== null ? (whole ? pgRound((ra - rb) * 100) : pgRound((ra - rb) * 1000) / 10) : "–";
        return {
          selfNow: dash(now.length > 0, a.self),
          txNow: dash(now.length > 0, a.tx),
          rateNow: dash(now.length > 0, ra),
          selfBefore: dash(before.length > 0, b.self),
          rateBefore: dash(before.length > 0, rb),
          change,
        };
      };
      const earlier = inWeeks(METHOD_ROWS, EARLIER);
      for (const [i, [task]] of items.entries())
        expect(t.rows[i], task).toMatchObject(
          line(
            rows().filter((r) => r.rTask === task),
            earlier.filter((r) => r.rTask === task),
          ),
        );
      expect(by(t.rows, "code")["91.09.09"]).toMatchObject({ selfNow: "–", rateNow: "–", change: "–" });
      const inPackage = (r: Reading) => items.some(([n]) => n === r.rTask);
      expect(t.total).toMatchObject(line(rows().filter(inPackage), earlier.filter(inPackage)));
      expect(t.columns.find((c) => c.key === "rateNow")!.decimals).toBe(whole ? 0 : 1);
    }
  });
});

describe("time is only what was measured", () => {
  it("Tidsforbrug: measured rows only, in whole seconds, per task and channel with a total", async () => {
    const result = await run("tidsforbrug");
    const measured = rows().filter((r) => r.seconds !== null);
    for (const [id, key] of [
      ["pr-opgave", (r: Reading) => r.rTask],
      ["pr-kanal", (r: Reading) => r.channel],
    ] as const) {
      const t = table(result, id);
      const groups = groupBy(measured, key);
      expect(t.rows).toHaveLength(groups.size);
      for (const [k, list] of groups) {
        const row = by(t.rows, "code")[k];
        const want = timing(list);
        expect(row.timed, k).toBe(want.timed);
        for (const f of ["average", "median", "total"] as const) expect(Number(row[f]), `${k} ${f}`).toBeCloseTo(want[f], 9);
      }
      expect(Number(t.total!.median)).toBeCloseTo(timing(measured).median, 9);
      expect(t.total!.timed).toBe(measured.length);
    }
    expect(rows().filter((r) => r.startedAt && r.seconds === null).length).toBeGreaterThan(0); // unmeasured times left out
  });

  it("Tidspunkt: only rows with a time of day in the hours; dates under «Uden klokkeslæt»; weeks in «Uden ugedag»", async () => {
    const t = table(await run("tidspunkt"), "ugedag-time");
    const local = (r: Reading) => new Date(r.occurredAt.toLocaleString("en-US", { timeZone: "Europe/Copenhagen" }));
    const dow = (r: Reading) => ((local(r).getDay() + 6) % 7) + 1;
    const timed = rows().filter((r) => r.precision === "TIME");
    for (const [hour, list] of groupBy(timed, (r) => local(r).getHours())) {
      const row = by(t.rows, "label")[`${String(hour).padStart(2, "0")}.00–${String(hour).padStart(2, "0")}.59`];
      expect(row.total, String(hour)).toBe(sumQ(list));
      for (let d = 1; d <= 7; d++) expect(row[`d${d}`]).toBe(sumQ(list.filter((r) => dow(r) === d)));
    }
    const dated = rows().filter((r) => r.precision === "DATE");
    const weekOnly = sumQ(rows().filter((r) => r.precision === "WEEK"));
    const timeless = by(t.rows, "label")["Uden klokkeslæt"];
    expect(timeless).toMatchObject({ undated: weekOnly, total: sumQ(dated) + weekOnly });
    for (let d = 1; d <= 7; d++) {
      expect(timeless[`d${d}`]).toBe(sumQ(dated.filter((r) => dow(r) === d)));
      expect(t.total![`d${d}`]).toBe(sumQ(rows().filter((r) => r.precision !== "WEEK" && dow(r) === d)));
    }
    expect(t.total).toMatchObject({ undated: weekOnly, total: sumQ(rows()) });
  });
});

describe("every share shows its base", () => {
  it("channel mix: n per direction, and the filters in the sentence", async () => {
    const t = table(await run("kanaler", { kanal: ["TLFIND", "WEB"].join(","), kilde: "UPLOAD" }), "i-alt");
    const list = rows().filter((r) => ["TLFIND", "WEB"].includes(r.channel) && r.source === "UPLOAD");
    for (const r of t.rows) expect(r).toMatchObject({ inDirection: sumQ(list), share: Number(r.contacts) / sumQ(list) });
    expect(t.bases).toEqual([
      "«Andel af retningen» er regnet af alle henvendelser i samme retning (indgående eller udgående) (n: kolonnen «Henvendelser i retningen»). Kanaler: valgt i filteret: Telefon (ind), Besøg på hjemmeside (ind). Datakilder: Upload af CSV-fil.",
    ]);
  });

  it("every share column of every report has an n column and a sentence", async () => {
    for (const slug of ["kanaler", "selvbetjening", "typer", "afslutning", "blanketter", "svar", "benchmark", "tidsforbrug"]) {
      const result = await run(slug, { sammenlign: "m-2026-37" });
      for (const t of result.tables) {
        for (const c of t.columns.filter((x) => x.kind === "share")) {
          expect(c.base, `${slug} ${t.id} ${c.key}`).toBeDefined();
          expect(
            t.columns.some((x) => x.key === c.base!.n),
            `${slug} ${t.id} n`,
          ).toBe(true);
          expect(
            t.bases!.some((b) => b.startsWith(`«${c.label}»`)),
            `${slug} ${t.id} sentence`,
          ).toBe(true);
        }
      }
    }
    expect(number(f.fejlId)).toBe("FEJL");
  });
});

describe("a package filter reads Fejlhenvendelse one way on the registrations too", () => {
  // With a unit filter no rollup has the task, so the report reads report_registration, filtered on
  // the task as registered as well (lib/reports/sql.ts, for registration's task index) — which only
  // a package without Fejlhenvendelse allows. Without the unit filter it reads a rollup.
  const perChannel = (t: ReportTable) => Object.fromEntries(t.rows.map((r) => [String(r.channelCode), Number(r.contacts)]));
  const expected = (tasks: string[], unit?: "c1") =>
    Object.fromEntries(
      [
        ...groupBy(
          rows().filter((r) => tasks.includes(r.rTask) && (!unit || r.unit === unit)),
          (r) => r.channel,
        ),
      ].map(([k, l]) => [k, sumQ(l)]),
    );

  it("leaves a fejlhenvendelse on a package task out of a package without Fejlhenvendelse, and counts it in one with it", async () => {
    // Rows of c1 that the rule moves: registered on a package task with the type Fejlhenvendelse.
    expect(rows().some((r) => r.unit === "c1" && r.task === "91.01.05" && r.rTask === "FEJL")).toBe(true);
    const without = PACKAGE.filter(([, , removed]) => !removed).map(([n]) => n);
    expect(perChannel(table(await run("kanaler", { pakke: "m-pakke", enhed: f.units.c1 }), "i-alt"))).toEqual(expected(without, "c1"));
    expect(perChannel(table(await run("kanaler", { pakke: "m-pakke" }), "i-alt"))).toEqual(expected(without));

    const p = database.prisma;
    const pkg = await p.taskPackage.create({ data: { code: "m-fejl", name: "Pakke med fejlhenvendelser" } });
    for (const [i, n] of ["FEJL", "91.01.05"].entries()) {
      await p.taskPackageItem.create({
        data: { packageId: pkg.id, taskId: f.taskIds.get(n)!, title: n, obligatory: true, removed: false, sortOrder: i },
      });
    }
    expect(perChannel(table(await run("kanaler", { pakke: "m-fejl", enhed: f.units.c1 }), "i-alt"))).toEqual(
      expected(["FEJL", "91.01.05"], "c1"),
    );
    expect(perChannel(table(await run("kanaler", { pakke: "m-fejl" }), "i-alt"))).toEqual(expected(["FEJL", "91.01.05"]));
  });
});
