import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { instantAt, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { ReportNotFoundError } from "@/lib/reports/context";
import { tableMatrix } from "@/lib/reports/format";
import { runReport } from "@/lib/reports/run";
import type { ReportRow, ReportTable } from "@/lib/reports/types";
import { CHANNELS } from "@/lib/reference/codes";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Udvikling (lib/reports/trends.ts) against an independent computation in plain TypeScript over the
// rows written here: four rounds, the third with a new task package (one obligatory task in, one out)
// and no registrations for municipality 901; an old raw export's rows in the first round; national
// figures over approved municipalities only, round by round.

let database: SporDatabase;
const ids: Record<string, string> = {};
const coordinator = (m: string): Access => ({
  userId: "c",
  memberships: [{ role: "COORDINATOR", municipalityId: ids[m], unitId: null }],
  leadUnitIds: [],
});
const national: Access = { userId: "n", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

type RoundKey = "R1" | "R2" | "R3" | "R4";
const ROUNDS: Record<RoundKey, { code: string; name: string; year: number; week: number; pkg: "PA" | "PB" }> = {
  R1: { code: "t-2021-f", name: "Forår 2021", year: 2021, week: 17, pkg: "PA" },
  R2: { code: "t-2021-e", name: "Efterår 2021", year: 2021, week: 43, pkg: "PA" },
  R3: { code: "t-2022-f", name: "Forår 2022", year: 2022, week: 17, pkg: "PB" },
  R4: { code: "t-2022-e", name: "Efterår 2022", year: 2022, week: 43, pkg: "PB" },
};
/** Who approved which round: 902's data in R2 is not approved and never counts nationally. */
const APPROVED: Record<RoundKey, string[]> = { R1: ["901"], R2: ["901"], R3: ["902"], R4: ["901"] };

interface Row {
  m: string;
  unit: string;
  task: string;
  channel: string;
  type: string | null;
  closure: "STRAKS" | "HOLD" | null;
  form: boolean | null;
  qty: number;
  round: RoundKey;
  /** Week of the round: 0, 1 or 2. */
  week?: number;
  source?: RegistrationSource;
  outside?: boolean;
  test?: boolean;
}
const written: Row[] = [];

async function write(rows: Row[]) {
  await database.prisma.registration.createMany({
    data: rows.map((r) => {
      const round = ROUNDS[r.round];
      const week = round.week + (r.week ?? 0);
      return {
        id: crypto.randomUUID(),
        municipalityId: ids[r.m],
        unitId: ids[r.unit],
        taskId: ids[r.task],
        channelCode: r.channel,
        contactTypeCode: r.type,
        closureCode: r.closure,
        form: r.form,
        quantity: r.qty,
        occurredAt: instantAt(new Date(mondayOfIsoWeek(round.year, week).getTime() + 86_400_000), 10, 0),
        isoYear: round.year,
        isoWeek: week,
        source: r.source ?? "MANUAL",
        isTest: r.test ?? false,
        inCountingWeek: !r.outside,
      };
    }),
  });
  written.push(...rows);
}

// ---- The independent computation --------------------------------------------------------------

const channel = (code: string) => CHANNELS.find((c) => c.code === code)!;
const sum = (rows: Row[]) => rows.reduce((s, r) => s + r.qty, 0);
const rate = (num: number, den: number) => (den > 0 ? num / den : null);
const isTx = (r: Row) =>
  channel(r.channel).direction === "IN" &&
  (r.type === "OPRET" || r.type === "STATUS" || (r.type === null && channel(r.channel).selfService));
function figures(rows: Row[]) {
  const tx = rows.filter(isTx);
  const inbound = rows.filter((r) => channel(r.channel).direction === "IN");
  const closed = rows.filter((r) => !channel(r.channel).bulk && r.closure !== null);
  const asked = rows.filter((r) => channel(r.channel).asksForm && r.form !== null);
  const typed = rows.filter((r) => !channel(r.channel).bulk && r.type !== null);
  return {
    registrations: rows.length,
    contacts: sum(rows),
    inbound: sum(inbound),
    selfService: rate(sum(tx.filter((r) => channel(r.channel).selfService)), sum(tx)),
    selfServiceN: sum(tx),
    closure: rate(sum(closed.filter((r) => r.closure === "STRAKS")), sum(closed)),
    closureN: sum(closed),
    form: rate(sum(asked.filter((r) => r.form)), sum(asked)),
    formN: sum(asked),
    transactions: rate(sum(typed.filter((r) => r.type === "OPRET" || r.type === "STATUS")), sum(typed)),
    transactionsN: sum(typed),
    phone: rate(sum(inbound.filter((r) => r.channel === "TLFIND")), sum(inbound)),
    visit: rate(sum(inbound.filter((r) => r.channel === "PRSNLG")), sum(inbound)),
  };
}
const counted = (where: (r: Row) => boolean) => written.filter((r) => !r.outside && !r.test && where(r));
const SHARES = ["selfService", "closure", "form", "transactions", "phone", "visit"] as const;

/** The rounds after R4 that have started (the seeded current round): shown with "–". */
let later: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  for (const [key, number, title] of [
    ["T1", "90.02.01", "Opgave et"],
    ["T2", "90.02.02", "Opgave to"],
    ["T3", "90.02.03", "Opgave tre"],
  ] as const) {
    ids[key] = (await p.task.create({ data: { number, title, level: "EMNE", source: "KLE" } })).id;
  }
  const pa = await p.taskPackage.create({ data: { code: "t-pakke-a", name: "Pakke A" } });
  const pb = await p.taskPackage.create({ data: { code: "t-pakke-b", name: "Pakke B" } });
  await p.taskPackageItem.createMany({
    data: [
      { packageId: pa.id, taskId: ids.T1, title: "Et", obligatory: true },
      { packageId: pa.id, taskId: ids.T2, title: "To", obligatory: true },
      // B: T2 left the package (kept as removed), T3 came in.
      { packageId: pb.id, taskId: ids.T1, title: "Et", obligatory: true },
      { packageId: pb.id, taskId: ids.T2, title: "To", obligatory: true, removed: true },
      { packageId: pb.id, taskId: ids.T3, title: "Tre", obligatory: true },
    ],
  });
  for (const [key, r] of Object.entries(ROUNDS)) {
    ids[key] = (
      await p.countingRound.create({
        data: {
          code: r.code,
          name: r.name,
          startsOn: mondayOfIsoWeek(r.year, r.week),
          isoYear: r.year,
          firstWeek: r.week,
          weekCount: 3,
          packageId: r.pkg === "PA" ? pa.id : pb.id,
        },
      })
    ).id;
  }
  for (const number of [901, 902]) {
    const m = await p.municipality.create({ data: { number, name: `Kommune ${number}` } });
    ids[String(number)] = m.id;
  }
  ids.U1 = (await p.unit.create({ data: { municipalityId: ids["901"], name: "Borgerservice" } })).id;
  ids.U2 = (await p.unit.create({ data: { municipalityId: ids["901"], name: "Ydelse" } })).id;
  ids.U902 = (await p.unit.create({ data: { municipalityId: ids["902"], name: "Enhed 902" } })).id;

  const own = (
    round: RoundKey,
    unit: string,
    task: string,
    ch: string,
    type: string | null,
    closure: Row["closure"],
    form: boolean | null,
    qty: number,
    extra: Partial<Row> = {},
  ): Row => ({ m: unit === "U902" ? "902" : "901", unit, task, channel: ch, type, closure, form, qty, round, ...extra });
  await write([
    // R1: 901, partly from an old raw export (Datakilde Tracetool), in two of the round's weeks.
    own("R1", "U1", "T1", "TLFIND", "OPRET", "STRAKS", null, 12, { source: "LEGACY_TRACETOOL" }),
    own("R1", "U1", "T1", "SLVBTJN", "OPRET", null, true, 4, { source: "LEGACY_TRACETOOL", week: 1 }),
    own("R1", "U1", "T2", "PRSNLG", "STATUS", "HOLD", false, 6, { source: "LEGACY_IMPORT", week: 2 }),
    own("R1", "U2", "T2", "TLFUD", "INFO", "STRAKS", null, 3),
    own("R1", "U2", "T1", "BRGDK", null, null, null, 9, { source: "UPLOAD" }),
    // Never counted: outside the counting weeks, and a test registration.
    own("R1", "U1", "T1", "PRSNLG", "OPRET", "STRAKS", true, 500, { outside: true }),
    own("R1", "U2", "T2", "PRSNLG", "OPRET", "STRAKS", true, 700, { test: true }),
    // R2: 901, and 902 (not approved for R2).
    own("R2", "U1", "T1", "SLVBTJN", "OPRET", null, true, 20),
    own("R2", "U1", "T1", "TLFIND", "STATUS", "HOLD", null, 10),
    own("R2", "U2", "T2", "PRSNLG", "OPRET", "STRAKS", true, 5, { week: 2 }),
    own("R2", "U2", "T2", "EMLIND", "VEJL", "STRAKS", false, 7),
    own("R2", "U902", "T1", "SLVBTJN", "OPRET", null, true, 40),
    // R3: no registrations for 901; 902 counted and approved.
    own("R3", "U902", "T1", "TLFIND", "OPRET", "STRAKS", null, 8),
    own("R3", "U902", "T3", "SLVBTJN", "STATUS", null, true, 2),
    // R4: 901 on the new package's tasks.
    own("R4", "U1", "T1", "SLVBTJN", "OPRET", null, true, 30),
    own("R4", "U1", "T3", "TLFIND", "OPRET", "STRAKS", null, 5),
    own("R4", "U2", "T3", "PRSNLG", "STATUS", "HOLD", true, 5, { week: 1 }),
    own("R4", "U2", "T1", "TLFUD", "INFO", "STRAKS", null, 2),
  ]);
  // Approved after the rows are written (approval freezes the round's registrations).
  for (const [round, approved] of Object.entries(APPROVED)) {
    for (const m of approved) await p.roundApproval.create({ data: { municipalityId: ids[m], roundId: ids[round] } });
  }
  later = (
    await database.sql.query<{ name: string }>(
      `SELECT name FROM counting_round WHERE starts_on > $1::date AND starts_on <= (now() AT TIME ZONE 'Europe/Copenhagen')::date ORDER BY starts_on, code`,
      [mondayOfIsoWeek(2022, 43).toISOString().slice(0, 10)],
    )
  ).map((r) => r.name);
});
afterAll(() => database.close());

async function trend(access: Access, params: Record<string, string | string[]> = {}) {
  const run = await runReport(database.sql, access, "udvikling", params);
  const table = (id: string) => run.result.tables.find((t) => t.id === id)!;
  return { ...run, main: table("pr-runde"), channels: table("kanaler-pr-runde") };
}

const rowOf = (table: ReportTable, round: string) => table.rows.find((r) => r.round === round)!;

function expectFigures(row: ReportRow, rows: Row[], label: string) {
  const f = figures(rows);
  expect(row.registrations, label).toBe(f.registrations);
  expect(row.contacts, label).toBe(f.contacts);
  expect(row.inbound, label).toBe(f.inbound);
  for (const key of SHARES) {
    if (f[key] === null) expect(row[key], `${label} ${key}`).toBeNull();
    else expect(row[key], `${label} ${key}`).toBeCloseTo(f[key], 10);
  }
  expect(row.selfServiceN, label).toBe(f.selfServiceN);
  expect(row.closureN, label).toBe(f.closureN);
  expect(row.formN, label).toBe(f.formN);
  expect(row.transactionsN, label).toBe(f.transactionsN);
}

describe("Udvikling for a municipality", () => {
  it("has one row per round from the first counted one, each as computed from that round's rows", async () => {
    const { main, ctx } = await trend(coordinator("901"));
    expect(ctx.allRounds).toBe(true);
    expect(ctx.round).toBeNull();
    // The seeded rounds of 2011–2015 come before 901's first registration and are left out; the
    // rounds after R4 that have started are shown without data.
    expect(main.rows.map((r) => r.round)).toEqual([...Object.values(ROUNDS).map((r) => r.name), ...later]);
    for (const key of ["R1", "R2", "R4"] as const) {
      expectFigures(
        rowOf(main, ROUNDS[key].name),
        counted((r) => r.m === "901" && r.round === key),
        key,
      );
    }
    expect(rowOf(main, "Forår 2021").approved).toBe("Ja");
  });

  it("counts an old raw export's rows in their round", async () => {
    const { main } = await trend(coordinator("901"), { kilde: ["LEGACY_TRACETOOL", "LEGACY_IMPORT"] });
    const legacy = counted((r) => r.m === "901" && Boolean(r.source?.startsWith("LEGACY")));
    expect(legacy.every((r) => r.round === "R1")).toBe(true);
    expect(main.rows[0].round).toBe("Forår 2021");
    expectFigures(main.rows[0], legacy, "R1 legacy");
    expect(main.rows.slice(1).every((r) => r.contacts === 0)).toBe(true);
  });

  it("shows a round without registrations with 0 and «–», and says why", async () => {
    const { main } = await trend(coordinator("901"));
    for (const name of [ROUNDS.R3.name, ...later]) {
      const row = rowOf(main, name);
      expect(row.contacts).toBe(0);
      for (const key of SHARES) expect(row[key], `${name} ${key}`).toBeNull();
      expect(row.approved).toBe("Nej");
    }
    for (const key of SHARES) expect(main.missing?.[key]).toMatch(/n = 0/);
  });

  it("notes the package version where the round's package changed, with the tasks that came and left", async () => {
    const { main, result } = await trend(coordinator("901"));
    expect(main.rows.map((r) => [r.round, r.package, r.packageChange]).slice(0, 4)).toEqual([
      ["Forår 2021", "Pakke A", ""],
      ["Efterår 2021", "Pakke A", ""],
      ["Forår 2022", "Pakke B", "Ny pakke (1 obligatorisk opgave kom til, 1 udgik)"],
      ["Efterår 2022", "Pakke B", ""],
    ]);
    const self = result.charts.find((c) => c.title === "Selvbetjeningsgrad pr. runde")!;
    expect(self.bars.slice(0, 4).map((b) => b.label)).toEqual(["Forår 2021", "Efterår 2021", "Forår 2022 (ny pakke)", "Efterår 2022"]);
    expect(self.bars[0].value).toBeCloseTo(figures(counted((r) => r.m === "901" && r.round === "R1")).selfService!, 10);
    expect(self.target?.value).toBe(0.8);
  });

  it("has a chart per key figure, each over the same rounds as the table", async () => {
    const { main, result } = await trend(coordinator("901"));
    for (const title of [
      "Henvendelser pr. runde",
      "Selvbetjeningsgrad pr. runde",
      "Andel straksafsluttet pr. runde",
      "Andel med blanket pr. runde",
    ]) {
      const chart = result.charts.find((c) => c.title === title);
      expect(chart, title).toBeDefined();
      expect(chart!.tableId).toBe("pr-runde");
      expect(chart!.bars).toHaveLength(main.rows.length);
    }
  });

  it("has the channel mix per round, each channel's share of the round's direction", async () => {
    const { channels } = await trend(coordinator("901"));
    for (const key of ["R1", "R2", "R4"] as const) {
      const rows = counted((r) => r.m === "901" && r.round === key);
      const got = channels.rows.filter((r) => r.round === ROUNDS[key].name);
      const codes = [...new Set(rows.map((r) => r.channel))].sort();
      expect(got.map((r) => r.channelCode).sort(), key).toEqual(codes);
      for (const row of got) {
        const dir = channel(String(row.channelCode)).direction;
        const inDir = sum(rows.filter((r) => channel(r.channel).direction === dir));
        const mine = sum(rows.filter((r) => r.channel === row.channelCode));
        expect(row.contacts).toBe(mine);
        expect(row.inDirection).toBe(inDir);
        expect(row.share as number).toBeCloseTo(mine / inDir, 10);
      }
    }
    const empty = channels.rows.filter((r) => r.round === ROUNDS.R3.name);
    expect(empty).toEqual([expect.objectContaining({ channel: "Ingen registreringer i runden", contacts: 0, share: null })]);
  });

  it("follows one task over the rounds with the task filter", async () => {
    const { main } = await trend(coordinator("901"), { opgave: "90.02.01" });
    for (const key of ["R1", "R2", "R4"] as const) {
      expectFigures(
        rowOf(main, ROUNDS[key].name),
        counted((r) => r.m === "901" && r.round === key && r.task === "T1"),
        key,
      );
    }
  });

  it("gives a unit lead their unit's rounds only, and nothing outside their scope", async () => {
    const lead: Access = {
      userId: "l",
      memberships: [{ role: "UNIT_LEAD", municipalityId: ids["901"], unitId: ids.U2 }],
      leadUnitIds: [ids.U2],
    };
    const { main } = await trend(lead);
    for (const key of ["R1", "R2", "R4"] as const) {
      expectFigures(
        rowOf(main, ROUNDS[key].name),
        counted((r) => r.unit === "U2" && r.round === key),
        key,
      );
    }
    await expect(trend(lead, { enhed: ids.U1 })).rejects.toBeInstanceOf(ReportNotFoundError);
    await expect(trend(coordinator("901"), { kommune: "902" })).rejects.toBeInstanceOf(ReportNotFoundError);
  });

  it("reads the same from the rollups as from the registrations", async () => {
    for (const [access, params] of [
      [coordinator("901"), {}],
      [coordinator("901"), { opgave: "90.02.01", kanal: "SLVBTJN,TLFIND" }],
      [national, {}],
    ] as const) {
      const run = await runReport(database.sql, access, "udvikling", params);
      const direct = await run.report.run(database.sql.query.bind(database.sql), { ...run.ctx, useRollups: false });
      expect(await run.report.run(database.sql.query.bind(database.sql), run.ctx)).toEqual(direct);
    }
  });
});

describe("Udvikling nationally", () => {
  it("counts, round by round, only the municipalities that approved that round", async () => {
    const { main } = await trend(national);
    expect(main.rows.map((r) => r.round)).toEqual([...Object.values(ROUNDS).map((r) => r.name), ...later]);
    for (const key of Object.keys(ROUNDS) as RoundKey[]) {
      const row = rowOf(main, ROUNDS[key].name);
      expectFigures(
        row,
        counted((r) => r.round === key && APPROVED[key].includes(r.m)),
        key,
      );
      expect(row.approved).toBe(APPROVED[key].length);
    }
    // 902's unapproved R2 registrations are not in the national R2.
    expect(rowOf(main, "Efterår 2021").contacts).toBe(sum(counted((r) => r.round === "R2" && r.m === "901")));
  });

  it("is the municipality's own when KL picks one", async () => {
    const { main } = await trend(national, { kommune: "902" });
    expect(main.rows.map((r) => r.round)).toEqual([ROUNDS.R2.name, ROUNDS.R3.name, ROUNDS.R4.name, ...later]);
    // Not approved, but the municipality's own figures include it.
    expectFigures(
      rowOf(main, "Efterår 2021"),
      counted((r) => r.m === "902" && r.round === "R2"),
      "R2",
    );
    expect(rowOf(main, "Efterår 2021").approved).toBe("Nej");
  });
});

describe("Udvikling's task × round matrix", () => {
  const PACKAGE_TASKS: Record<"PA" | "PB", string[]> = { PA: ["T1", "T2"], PB: ["T1", "T3"] };
  const PACKAGE_NAMES = { PA: "Pakke A", PB: "Pakke B" };
  const NUMBERS: Record<string, string> = { T1: "90.02.01", T2: "90.02.02", T3: "90.02.03" };
  const selfRate = (rows: Row[]) => figures(rows).selfService;
  const matrixOf = async (access: Access) => {
    const run = await trend(access);
    return run.result.tables.find((t) => t.id === "opgave-runde")!;
  };

  /** Checks every cell against the rows: a column per counted round, a row per task with transactions. */
  function expectMatrix(matrix: ReportTable, rounds: RoundKey[], rowsOf: (round: RoundKey) => Row[]) {
    expect(matrix.columns.filter((c) => /^r\d+$/.test(c.key)).map((c) => c.label)).toEqual(rounds.map((k) => ROUNDS[k].name));
    const tasks = Object.keys(NUMBERS).filter((t) => rounds.some((k) => figures(rowsOf(k).filter((r) => r.task === t)).selfServiceN > 0));
    expect(matrix.rows.map((r) => r.code)).toEqual(tasks.map((t) => NUMBERS[t]));
    for (const [i, key] of rounds.entries()) {
      const col = `r${i}`;
      for (const task of tasks) {
        const row = matrix.rows.find((r) => r.code === NUMBERS[task])!;
        const mine = rowsOf(key).filter((r) => r.task === task);
        const want = selfRate(mine);
        if (want === null) expect(row[col], `${key} ${task}`).toBeNull();
        else expect(row[col] as number, `${key} ${task}`).toBeCloseTo(want, 10);
        expect(row[`${col}N`], `${key} ${task} n`).toBe(figures(mine).selfServiceN);
        const pkg = ROUNDS[key].pkg;
        expect(row[`${col}.missing`], `${key} ${task} note`).toBe(
          PACKAGE_TASKS[pkg].includes(task) ? undefined : `opgaven var ikke i rundens opgavepakke «${PACKAGE_NAMES[pkg]}»`,
        );
      }
      const all = selfRate(rowsOf(key));
      expect(matrix.total![col] as number, `${key} total`).toBeCloseTo(all!, 10);
    }
  }

  it("has the self-service rate per task and counted round, as computed from the rows", async () => {
    const matrix = await matrixOf(coordinator("901"));
    // R3 (no registrations for 901) and the later rounds have no column.
    expectMatrix(matrix, ["R1", "R2", "R4"], (k) => counted((r) => r.m === "901" && r.round === k));
    const t2 = matrix.rows.find((r) => r.code === "90.02.02")!;
    expect(t2.notInPackage).toBe("Efterår 2022 (Pakke B)");
    expect(t2.r2).toBeNull();
    expect(matrix.rows.find((r) => r.code === "90.02.03")!.notInPackage).toBe("Forår 2021 (Pakke A), Efterår 2021 (Pakke A)");
  });

  it("nationally, has a column per round with approved data, each over the municipalities that approved it", async () => {
    const matrix = await matrixOf(national);
    expectMatrix(matrix, ["R1", "R2", "R3", "R4"], (k) => counted((r) => r.round === k && APPROVED[k].includes(r.m)));
  });

  it("explains each «–» in the download: the package the task was not in, with a numbered note", async () => {
    const matrix = await matrixOf(coordinator("901"));
    const lines = tableMatrix(matrix);
    const header = lines[0];
    const t2 = lines.find((l) => l[0] === "90.02.02")!;
    expect(t2[header.indexOf("Efterår 2022 (%)")]).toBe("– (1)");
    const t3 = lines.find((l) => l[0] === "90.02.03")!;
    expect(t3[header.indexOf("Forår 2021 (%)")]).toBe("– (2)");
    expect(lines).toContainEqual(["(1) «–»: opgaven var ikke i rundens opgavepakke «Pakke B»"]);
    expect(lines).toContainEqual(["(2) «–»: opgaven var ikke i rundens opgavepakke «Pakke A»"]);
  });
});
