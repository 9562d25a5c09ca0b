import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consecutiveIsoWeeks, isoWeekKey } from "@/lib/counting/iso-week";
import { openDatabase, type SporDatabase } from "@/lib/database/open";
import { parseCsv } from "@/lib/exchange/csv";
import { REPORTS } from "@/lib/reports/registry";
import { DEMO_QUESTION } from "@/lib/seed/demo-data";
import { runSpor, spawnSpor } from "../helpers/cli";
import { createDemoDatabaseTarget } from "../helpers/test-db";

// `npx spor report` as operators run it: the real bin against a real database (an embedded
// directory, or a scratch database on TEST_DATABASE_URL), with the figures checked against the
// registrations counted here in plain TypeScript. The commands run in-process (tests/helpers/cli.ts);
// the --help test runs the binary once (a spawn starts Node, tsx and the database: 3–15 s).

const CLI_TIMEOUT = 240_000;
const serverUrl = process.env.TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let cliEnv: Record<string, string | undefined>;
let open: () => SporDatabase;
let cleanup: () => Promise<void>;

interface Reg {
  id: string;
  municipalityId: string;
  unitId: string;
  taskId: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  quantity: number;
  isoYear: number;
  isoWeek: number;
  source: string;
  inCountingWeek: boolean;
  answers: { optionId: string }[];
}
let regs: Reg[];
let koege: string;
let round: { code: string; weekKeys: number[] };
let units: Map<string, string>;
let channels: Map<string, { direction: string; selfService: boolean; bulk: boolean }>;
let options: { id: string; label: string }[];
let skranke: string;
let taskNumbers: Map<string, string>;

const spor = (...args: string[]) => runSpor(cliEnv, ...args);

async function json(...args: string[]) {
  const result = await spor("report", ...args, "--format", "json");
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as {
    tables: {
      id: string;
      columns: { key: string }[];
      rows: Record<string, unknown>[];
      total: Record<string, unknown> | null;
      bases: string[];
    }[];
  } & Record<string, unknown>;
}

const sum = (rows: Reg[]) => rows.reduce((s, r) => s + r.quantity, 0);
const inRound = (r: Reg) => round.weekKeys.includes(r.isoYear * 100 + r.isoWeek);
/** Köge's registrations a report counts by default: the round's weeks, inside the counting weeks. */
const counted = () => regs.filter((r) => r.municipalityId === koege && inRound(r) && r.inCountingWeek);

beforeAll(async () => {
  // A copy of the run's demo template (tests/helpers/test-db.ts), not migrated and seeded again here.
  const demo = await createDemoDatabaseTarget(serverUrl ? "spor_test_cli" : "spor-cli-report");
  const target = demo.target;
  cleanup = demo.remove;
  if (target.kind === "server") {
    env = { ...process.env, DATABASE_URL: target.url };
    cliEnv = { DATABASE_URL: target.url, SPOR_DATA_DIR: undefined };
  } else if (target.kind === "embedded") {
    env = { ...process.env, SPOR_DATA_DIR: target.dataDir };
    cliEnv = { SPOR_DATA_DIR: target.dataDir, DATABASE_URL: undefined };
    delete env.DATABASE_URL;
  }
  open = () => openDatabase(target);
  const db = open();
  try {
    const m = await db.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } });
    koege = m.id;
    // Answers to the demo question on every registration of its unit (options in turn), and every
    // third registration of Køge marked as uploaded, so --source and svar have something to tell apart.
    const question = await db.prisma.extraQuestion.findFirstOrThrow({
      where: { municipalityId: koege, text: DEMO_QUESTION.text },
      include: { options: { orderBy: { sortOrder: "asc" } } },
    });
    options = question.options.map((o) => ({ id: o.id, label: o.label }));
    skranke = (await db.prisma.unit.findFirstOrThrow({ where: { municipalityId: koege, name: DEMO_QUESTION.unitName } })).id;
    const inUnit = await db.prisma.registration.findMany({ where: { unitId: skranke }, select: { id: true }, orderBy: { id: "asc" } });
    await db.prisma.registrationAnswer.createMany({
      data: inUnit.map((r, i) => ({ registrationId: r.id, questionId: question.id, optionId: options[i % options.length].id })),
    });
    const all = await db.prisma.registration.findMany({ where: { municipalityId: koege }, select: { id: true }, orderBy: { id: "asc" } });
    await db.prisma.registration.updateMany({
      where: { id: { in: all.filter((_, i) => i % 3 === 0).map((r) => r.id) } },
      data: { source: "UPLOAD" },
    });
    regs = (await db.prisma.registration.findMany({
      where: { isTest: false },
      select: {
        id: true,
        municipalityId: true,
        unitId: true,
        taskId: true,
        channelCode: true,
        contactTypeCode: true,
        closureCode: true,
        quantity: true,
        isoYear: true,
        isoWeek: true,
        source: true,
        inCountingWeek: true,
        answers: { select: { optionId: true } },
      },
    })) as Reg[];
    const r = await db.prisma.countingRound.findFirstOrThrow({ where: { code: { startsWith: "current-" } } });
    round = { code: r.code, weekKeys: consecutiveIsoWeeks({ isoYear: r.isoYear, isoWeek: r.firstWeek }, r.weekCount).map(isoWeekKey) };
    units = new Map((await db.prisma.unit.findMany({ where: { municipalityId: koege } })).map((u) => [u.id, u.name]));
    channels = new Map(
      (await db.prisma.channel.findMany()).map((c) => [c.code, { direction: c.direction, selfService: c.selfService, bulk: c.bulk }]),
    );
    taskNumbers = new Map((await db.prisma.task.findMany({ select: { id: true, number: true } })).map((t) => [t.id, t.number]));
  } finally {
    await db.close();
  }
}, CLI_TIMEOUT);

afterAll(async () => cleanup?.());

describe("npx spor report", () => {
  it("prints every table as JSON with the figures the registrations give", { timeout: CLI_TIMEOUT }, async () => {
    expect(counted().length).toBeGreaterThan(50); // enough to tell figures apart

    const mix = await json("kanaler", "--municipality", "259", "--round", round.code, "--by", "enhed");
    expect(mix).toMatchObject({ report: "kanaler", municipality: 259, round: round.code, filters: { by: "enhed" } });
    expect(mix.tables.map((t) => t.id)).toEqual(["i-alt", "pr-enhed"]);
    const byChannel = new Map<string, number>();
    for (const r of counted()) byChannel.set(r.channelCode, (byChannel.get(r.channelCode) ?? 0) + r.quantity);
    expect(Object.fromEntries(mix.tables[0].rows.map((row) => [row.channelCode, row.contacts]))).toEqual(Object.fromEntries(byChannel));
    const byUnit = new Map<string, number>();
    for (const r of counted())
      byUnit.set(`${units.get(r.unitId)}|${r.channelCode}`, (byUnit.get(`${units.get(r.unitId)}|${r.channelCode}`) ?? 0) + r.quantity);
    expect(Object.fromEntries(mix.tables[1].rows.map((row) => [`${row.label}|${row.channelCode}`, row.contacts]))).toEqual(
      Object.fromEntries(byUnit),
    );
    for (const t of mix.tables) expect(t.bases).toEqual(expect.any(Array));
    // The first table at the top too, as the command printed it before it printed every table.
    expect(mix).toMatchObject({ table: "i-alt", rows: mix.tables[0].rows, columns: mix.tables[0].columns });

    // Answers from uploaded registrations in the question's unit (named as a person would).
    const answers = await json(
      "svar",
      "--municipality",
      "259",
      "--round",
      round.code,
      "--source",
      "upload",
      "--unit",
      DEMO_QUESTION.unitName.toUpperCase(),
    );
    const uploaded = counted().filter((r) => r.source === "UPLOAD" && r.unitId === skranke);
    const perOption = options.map((o) => ({
      label: o.label,
      contacts: sum(uploaded.filter((r) => r.answers.some((a) => a.optionId === o.id))),
    }));
    expect(answers.filters).toMatchObject({ units: [skranke], sources: ["UPLOAD"] });
    expect(answers.tables[0].rows.map((row) => ({ label: row.label, contacts: row.contacts }))).toEqual(perOption);
    expect(answers.tables[0].total).toMatchObject({ contacts: sum(uploaded) });
    expect(sum(uploaded)).toBeGreaterThan(0);

    // Self-service for one task, with a comparison round; the rate's parts counted here.
    const inbound = counted().filter(
      (r) => channels.get(r.channelCode)!.direction === "IN" && ["OPRET", "STATUS"].includes(r.contactTypeCode ?? ""),
    );
    const busiest = [...new Set(inbound.map((r) => r.taskId))].sort(
      (a, b) => sum(inbound.filter((r) => r.taskId === b)) - sum(inbound.filter((r) => r.taskId === a)),
    )[0];
    const rates = await json(
      "selvbetjening",
      "--municipality",
      "259",
      "--round",
      round.code,
      "--compare-round",
      "autumn-2013",
      "--task",
      taskNumber(busiest),
    );
    const tx = inbound.filter((r) => r.taskId === busiest);
    expect(rates).toMatchObject({ compareRound: "autumn-2013", filters: { tasks: [taskNumber(busiest)] } });
    expect(rates.tables[0].rows).toEqual([
      expect.objectContaining({
        code: taskNumber(busiest),
        tx: sum(tx),
        self: sum(tx.filter((r) => channels.get(r.channelCode)!.selfService)),
        earlier: null,
        change: null,
      }),
    ]);
    expect(rates.tables[0].columns.map((c) => c.key)).toContain("change");

    // Every municipality, registrations outside the counting weeks included.
    const closure = await json("afslutning", "--national", "--round", round.code, "--include-outside");
    const all = regs.filter(inRound);
    expect(closure).toMatchObject({ municipality: null, includeOutside: true });
    expect(closure.tables[0].total).toMatchObject({
      yes: sum(all.filter((r) => r.closureCode === "STRAKS")),
      no: sum(all.filter((r) => r.closureCode === "HOLD")),
      total: sum(all),
    });
  });

  it("prints every table as one CSV document, or one table with --table", { timeout: CLI_TIMEOUT }, async () => {
    const all = await spor("report", "typer", "--municipality", "259", "--round", round.code);
    expect(all.code, all.err).toBe(0);
    expect(all.err).toContain("Viser: Køge (259)");
    const lines = parseCsv(all.out);
    const titles = lines.filter((l) => /\[[a-z-]+\]$/.test(l[0] ?? "") && l.length === 1).map((l) => l[0]);
    expect(titles).toEqual(["Fordelt på gruppe [pr-gruppe]", "Fordelt på type [pr-type]"]);
    const section = lines.slice(lines.findIndex((l) => l[0] === "Fordelt på type [pr-type]") + 1);
    // The total row (no share of its own; the share's n: the contacts with a type), then the share's base (docs/formats.md).
    expect(section.find((l) => l[1] === "I alt")).toEqual(["", "I alt", "", String(sum(counted())), "", String(sum(counted()))]);
    expect(section.at(-1)).toEqual([
      "Grundlag: «Andel af henvendelser med type» er regnet af henvendelser med en type (n: kolonnen «Henvendelser med type (n)»). Kanaler: alle kanaler undtagen Besøg på hjemmeside (ind). Datakilder: alle datakilder.",
    ]);

    const one = await spor("report", "typer", "--municipality", "259", "--round", round.code, "--table", "pr-type");
    expect(one.code, one.err).toBe(0);
    expect(parseCsv(one.out)).toEqual(section);
    // The gruppe section ends with an empty line before the next title.
    expect(lines[lines.findIndex((l) => l[0] === "Fordelt på type [pr-type]") - 1]).toEqual([""]);

    const missing = await spor("report", "typer", "--municipality", "259", "--table", "findes-ikke");
    expect(missing).toMatchObject({
      code: 1,
      out: "",
      err: expect.stringContaining("Rapporten har ingen tabel findes-ikke. Tabeller: pr-gruppe, pr-type."),
    });
  });

  it(
    "rolls task tables up to KLE groups with --level gruppe; refuses --level and --whole-percent where they do not apply",
    { timeout: CLI_TIMEOUT },
    async () => {
      const grouped = await json("kanaler", "--municipality", "259", "--round", round.code, "--by", "opgave", "--level", "gruppe");
      expect(grouped.covers).toContain("opgaver samlet på KLE-gruppe");
      // Counted here: the reporting task (a contact of type Fejlhenvendelse is the task Fejlhenvendelse,
      // except on a channel counted in bulk), an emne xx.xx.xx under its group xx.xx.
      const byGroup = new Map<string, number>();
      for (const r of counted()) {
        const number = r.contactTypeCode === "FEJL" && !channels.get(r.channelCode)!.bulk ? "FEJL" : taskNumber(r.taskId);
        const group = /^\d\d\.\d\d\.\d\d$/.test(number) ? number.slice(0, 5) : number;
        byGroup.set(group, (byGroup.get(group) ?? 0) + r.quantity);
      }
      const table = grouped.tables.find((t) => t.id === "pr-opgave")!;
      const fromReport = new Map<string, number>();
      for (const row of table.rows) fromReport.set(String(row.code), (fromReport.get(String(row.code)) ?? 0) + Number(row.contacts));
      expect(Object.fromEntries(fromReport)).toEqual(Object.fromEntries(byGroup));
      expect([...byGroup.keys()].some((k) => /^\d\d\.\d\d$/.test(k))).toBe(true);

      const level = await spor("report", "typer", "--municipality", "259", "--level", "gruppe");
      expect(level).toMatchObject({
        code: 2,
        out: "",
        err: expect.stringContaining("Rapporten typer har ingen opgavetabeller at samle (--level)."),
      });
      const percent = await spor("report", "kanaler", "--municipality", "259", "--whole-percent");
      expect(percent).toMatchObject({
        code: 2,
        out: "",
        err: expect.stringContaining("--whole-percent gælder kun rapporten selvbetjening"),
      });
    },
  );

  it("answers --help with Danish usage and mistakes with Danish errors", { timeout: CLI_TIMEOUT }, async () => {
    const help = spawnSpor(env, "report", "--help"); // the binary itself
    expect(help.code).toBe(0);
    for (const r of REPORTS) expect(help.out).toContain(`  ${r.slug} `);
    expect(await spor("serve", "--help")).toMatchObject({ code: 0, out: expect.stringMatching(/^npx spor serve\n/) });
    const flag = await spor("report", "kanaler", "--municipality", "259", "--bogus");
    expect(flag).toMatchObject({
      code: 2,
      out: "",
      err: expect.stringContaining("Fejl: Ukendt tilvalg --bogus til npx spor report. Se npx spor report --help."),
    });
    const unit = await spor("report", "kanaler", "--municipality", "259", "--unit", "Findes ikke");
    expect(unit).toMatchObject({
      code: 1,
      out: "",
      err: expect.stringMatching(/Kommune 259 har ingen enhed "Findes ikke"\. Enhederne: .*Borgerservice/),
    });
  });
});

function taskNumber(taskId: string): string {
  return taskNumbers.get(taskId)!;
}
