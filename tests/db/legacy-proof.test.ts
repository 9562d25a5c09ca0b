import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import type { SporDatabase } from "@/lib/database/open";
import { exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { describeSummary, fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { REPORTS } from "@/lib/reports/registry";
import { runReport } from "@/lib/reports/run";
import type { ReportRow, ReportTable } from "@/lib/reports/types";
import { createTestDatabase } from "@/tests/helpers/test-db";
import {
  type ExpectedTable,
  expectedReport,
  type Fields,
  type FileRow,
  FIXTURE,
  type Lookup,
  type Params,
  readFixture,
  ROUNDS,
  type Round,
  TIMED_UNITS,
} from "./legacy-proof-expected";
import { expectedTrends, type LookupRound } from "./legacy-proof-trends";

// Proof on realistic old data (issue 12): an old raw export of Det Digitale Landkort
// (tests/fixtures/legacy, 954 rows from TraceTool and Landkort, autumn 2012 and 2013) goes in as
// `npx spor import legacy FILE --municipality 259 --create-units --join-round --timed-units koege_jc`
// does it, and every figure of every table of every report in the registry — bases (n) included —
// is compared with the same figure computed from the file's lines in plain TypeScript by the method
// (legacy-proof-expected.ts), under several filters. The old layout written back equals the file.

const FILE = new Uint8Array(fs.readFileSync(FIXTURE));
const fixture = readFixture(FILE);

let database: SporDatabase;
let municipalityId: string;
let lookup: Lookup;
let preview: string[];
let summary: Awaited<ReturnType<typeof planFileImport>>["summary"];
const access = (role: "NATIONAL" | "COORDINATOR", id: string | null): Access => ({
  userId: "test-user",
  memberships: [{ role, municipalityId: id, unitId: null }],
  leadUnitIds: [],
});
let coordinator: Access;
let trendRounds: LookupRound[];
const national = access("NATIONAL", null);

beforeAll(async () => {
  database = await createTestDatabase();
  const p = database.prisma;
  municipalityId = (await p.municipality.create({ data: { number: 259, name: "Køge" } })).id;
  coordinator = access("COORDINATOR", municipalityId);
  // What `npx spor import legacy` does (lib/cli/exchange-commands.ts): plan and preview, then commit
  // with the file's options, joining the rounds the preview offers.
  const planned = await planFileImport(p, municipalityId, FILE, "legacy", { createMissingUnits: true, timedUnits: TIMED_UNITS });
  try {
    expect(planned.plan.errors).toEqual([]);
    summary = planned.summary;
    preview = describeSummary(planned.summary);
    await commitImport(p, planned.plan, {
      actorUserId: null,
      fileName: "koege-2012-2013-raw-export.csv",
      ...fileImportOptions("legacy", planned, { joinRounds: true }),
    });
  } finally {
    planned.plan.close();
  }
  // The coordinator approves the old rounds (lib/approval): national figures count approved
  // municipalities only (docs/method.md, "Godkendelse"), so KL's views below include Køge.
  for (const code of Object.keys(ROUNDS)) {
    const round = await p.countingRound.findUniqueOrThrow({ where: { code }, select: { id: true } });
    await p.roundApproval.create({ data: { municipalityId, roundId: round.id } });
  }
  const units = await p.unit.findMany({ where: { municipalityId, archivedAt: null }, select: { id: true, name: true, legacyLogin: true } });
  const packages = new Map<string, { number: string; removed: boolean }[]>();
  for (const code of Object.keys(ROUNDS)) {
    const round = await p.countingRound.findUniqueOrThrow({
      where: { code },
      select: {
        package: { select: { items: { select: { removed: true, task: { select: { number: true } } }, orderBy: [{ sortOrder: "asc" }] } } },
      },
    });
    packages.set(
      code,
      (round.package?.items ?? []).map((i) => ({ number: i.task.number, removed: i.removed })),
    );
  }
  // Udvikling's setup: every national round in start order with its weeks, package and approvals.
  const allRounds = await p.countingRound.findMany({
    orderBy: [{ startsOn: "asc" }, { code: "asc" }],
    include: {
      package: { include: { items: { include: { task: { select: { number: true } } } } } },
      approvals: { select: { municipalityId: true } },
    },
  });
  trendRounds = allRounds.map((r) => ({
    code: r.code,
    name: r.name,
    startsOn: r.startsOn.toISOString().slice(0, 10),
    isoYear: r.isoYear,
    firstWeek: r.firstWeek,
    weekCount: r.weekCount,
    packageCode: r.package?.code ?? null,
    packageName: r.package?.name ?? null,
    items: (r.package?.items ?? []).map((i) => ({ number: i.task.number, obligatory: i.obligatory, removed: i.removed })),
    approvals: r.approvals.length,
    approvedByKoege: r.approvals.some((a) => a.municipalityId === municipalityId),
  }));
  lookup = {
    unitIdByLogin: new Map(units.map((u) => [u.legacyLogin!, u.id])),
    unitNameByLogin: new Map(units.map((u) => [u.legacyLogin!, u.name])),
    logins: units.map((u) => u.legacyLogin!),
    packageItems: (round: Round) => packages.get(round)!,
  };
});
afterAll(() => database.close());

// ---- Figure by figure ---------------------------------------------------------------------------

let compared = 0;
const reportsRun = new Set<string>();
const tablesRun = new Set<string>();

function same(problems: string[], where: string, actual: unknown, expected: unknown) {
  compared++;
  const close =
    typeof actual === "number" && typeof expected === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (!close && actual !== expected) problems.push(`${where}: Spor ${JSON.stringify(actual)}, method ${JSON.stringify(expected)}`);
}

function compareFields(problems: string[], where: string, actual: ReportRow | undefined, expected: Fields) {
  if (!actual) return void problems.push(`${where}: no such row in Spor's table`);
  for (const [field, value] of Object.entries(expected)) same(problems, `${where} ${field}`, actual[field], value);
}

function compareTable(problems: string[], where: string, table: ReportTable, expected: ExpectedTable) {
  // The answers-per-channel table has a column per option, keyed by the option's id: read it by label.
  const labelOf = new Map(table.columns.map((c) => [c.key, c.label]));
  const rows = table.id.endsWith("-kanaler")
    ? table.rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k === "label" || k === "total" ? k : `option:${labelOf.get(k)}`, v])),
      )
    : table.rows;
  const keyOf = (r: ReportRow) => expected.key.map((k) => String(r[k] ?? "")).join("|");
  const actualKeys = rows.map(keyOf);
  const expectedKeys = [...expected.rows.keys()];
  const order = (keys: string[]) => (expected.ordered ? keys : [...keys].sort());
  if (JSON.stringify(order(actualKeys)) !== JSON.stringify(order(expectedKeys)))
    problems.push(`${where}: rows ${JSON.stringify(actualKeys)}, method ${JSON.stringify(expectedKeys)}`);
  for (const [key, fields] of expected.rows)
    compareFields(
      problems,
      `${where} [${key}]`,
      rows.find((r) => keyOf(r) === key),
      fields,
    );
  if (expected.total) compareFields(problems, `${where} [I alt]`, table.total, expected.total);
  else if (table.total) problems.push(`${where}: Spor has a total row, the method none`);
  // Every share names its base: its n is a column of the table, and a sentence says what n counts.
  for (const c of table.columns.filter((x) => x.kind === "share")) {
    if (!c.base || !table.columns.some((x) => x.key === c.base!.n) || !table.bases?.some((b) => b.startsWith(`«${c.label}»`)))
      problems.push(`${where}: ${c.key} shows no base`);
  }
}

/** Runs a report as `who` and compares every table with the method's figures; returns the problems. */
async function prove(slug: string, params: Params, who: "coordinator" | "national" = "coordinator"): Promise<string[]> {
  const { alle, ...filters } = params;
  const url = {
    ...(alle ? {} : { kommune: "259" }),
    ...filters,
    ...(params.enhed ? { enhed: lookup.unitIdByLogin.get(params.enhed) } : {}),
  };
  const { result } = await runReport(database.sql, who === "national" ? national : coordinator, slug, url);
  const expected =
    slug === "udvikling"
      ? expectedTrends(fixture.rows, params, trendRounds)
      : expectedReport(slug, fixture.rows, fixture.questions, params, lookup, who === "national");
  const where = `${slug} ${JSON.stringify(params)}${who === "national" ? " (national)" : ""}`;
  const problems: string[] = [];
  if (JSON.stringify(result.tables.map((t) => t.id)) !== JSON.stringify(Object.keys(expected))) {
    problems.push(`${where}: tables ${result.tables.map((t) => t.id).join(", ")}, method ${Object.keys(expected).join(", ")}`);
  }
  for (const table of result.tables) if (expected[table.id]) compareTable(problems, `${where} ${table.id}`, table, expected[table.id]);
  reportsRun.add(slug);
  for (const t of result.tables) tablesRun.add(`${slug}/${t.id}`);
  return problems;
}

const ROUND_2013: Params = { runde: "autumn-2013" };
const ROUND_2012: Params = { runde: "autumn-2012" };
/** Weeks 42–46 of 2013 by date: the weeks' edges and the rows outside them. */
const AROUND_2013: Params = { fra: "2013-10-14", til: "2013-11-17" };
const LANDKORT: Params = { ...ROUND_2013, kilde: "LEGACY_LANDKORT" };
const TRACETOOL: Params = { ...ROUND_2013, kilde: "LEGACY_TRACETOOL" };
const GROUPS: Params = { ...ROUND_2013, niveau: "gruppe" };

async function proveAll(runs: [string, Params, ("coordinator" | "national")?][]) {
  const problems: string[] = [];
  for (const [slug, params, who] of runs) problems.push(...(await prove(slug, params, who)));
  expect(problems).toEqual([]);
}

describe("the fixture is realistic old data", () => {
  it("has both sources, telephone NEJ, web visits, typeless self-service, 00:00 rows, two questions, midnight rows, units, group and emne, Fejlhenvendelse, times", () => {
    const rows = fixture.rows;
    const has = (f: (r: FileRow) => boolean) => rows.filter(f).length;
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBeLessThanOrEqual(1000);
    expect(has((r) => r.source === "LEGACY_TRACETOOL") && has((r) => r.source === "LEGACY_LANDKORT")).toBeGreaterThan(100);
    expect(has((r) => r.channel.startsWith("TLF") && r.form === false && r.source === "LEGACY_TRACETOOL")).toBe(
      has((r) => r.channel.startsWith("TLF")),
    );
    expect(has((r) => r.channel === "WEB" && r.closure === "STRAKS")).toBeGreaterThan(100);
    expect(has((r) => r.selfService && r.type === null)).toBeGreaterThan(50);
    expect(has((r) => r.dateOnly)).toBe(has((r) => r.source === "LEGACY_LANDKORT"));
    expect(fixture.questions).toHaveLength(2);
    expect(fixture.questions.every((q) => has((r) => Boolean(r.answers[q])) > 50)).toBe(true);
    // Within the first hour of a Danish day the UTC date is the day before.
    expect(has((r) => r.hour === 0 && !r.dateOnly && r.inCountingWeek)).toBeGreaterThanOrEqual(3);
    expect(has((r) => r.hour === 23 && r.inCountingWeek)).toBeGreaterThanOrEqual(3);
    expect(has((r) => !r.inCountingWeek)).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.unit)).size).toBeGreaterThanOrEqual(5);
    expect(has((r) => r.task === "15.20") && has((r) => r.task === "15.20.00")).toBeGreaterThan(10);
    expect(has((r) => r.type === "FEJL" && r.rTask === "FEJL")).toBeGreaterThan(10);
    expect(has((r) => r.seconds !== null) && has((r) => r.startedAt !== null && r.seconds === null)).toBeGreaterThan(50);
  });

  it("previews the rows outside the counting weeks and the rounds that cover them, before anything is written", () => {
    const inRound = (r: FileRow) => Object.values(ROUNDS).some((w) => (w as readonly number[]).includes(r.weekKey));
    expect(summary.weeks!.outside.rows).toBe(fixture.rows.length); // the municipality counted nothing yet
    expect(summary.weeks!.uncovered.rows).toBe(fixture.rows.filter((r) => !inRound(r)).length);
    expect(summary.weeks!.rounds.map((r) => [r.code, r.joinWeeks.map((w) => w.isoYear * 100 + w.isoWeek)])).toEqual([
      ["autumn-2012", [...ROUNDS["autumn-2012"]]],
      ["autumn-2013", [...ROUNDS["autumn-2013"]]],
    ]);
    expect(preview.join("\n")).toMatch(/Tidsmåling \(tæller i Tidsforbrug\): koege_jc: \d+/);
  });
});

describe("every report's figures equal the method's, computed from the file", () => {
  it("Kanalfordeling: in all and by every breakdown, by source, by KLE group, around the weeks with and without rows outside them", async () => {
    await proveAll([
      ...["kanal", "opgave", "enhed", "uge", "kommune"].map((efter): [string, Params] => ["kanaler", { ...ROUND_2013, efter }]),
      ["kanaler", { ...GROUPS, efter: "opgave" }],
      ["kanaler", { ...LANDKORT, efter: "enhed" }],
      ["kanaler", { ...TRACETOOL, efter: "uge" }],
      ["kanaler", { ...AROUND_2013, efter: "uge" }],
      ["kanaler", { ...AROUND_2013, udenfor: "1", efter: "uge" }],
      ["kanaler", { ...ROUND_2012, efter: "enhed" }],
      ["opgaver-kanaler", ROUND_2013],
      ["opgaver-kanaler", { ...GROUPS }],
      ["kanaler", { ...ROUND_2013, enhed: "koege_bs", efter: "opgave" }],
      ["kanaler", { ...GROUPS, opgave: "15.20", efter: "opgave" }],
      ["kanaler", { ...ROUND_2013, opgave: "FEJL", efter: "enhed" }],
    ]);
  });

  it("Selvbetjeningsgrad: per task against the earlier round, KL's table exact and in whole percent, by KLE group, by source", async () => {
    await proveAll([
      ["selvbetjening", ROUND_2013],
      ["selvbetjening", { ...ROUND_2013, afrund: "1" }],
      ["selvbetjening", GROUPS],
      ["selvbetjening", LANDKORT],
      ["selvbetjening", ROUND_2012],
      ["selvbetjening", AROUND_2013],
      ["selvbetjening", { ...ROUND_2013, enhed: "(kommune)" }],
      ["selvbetjening", { ...ROUND_2013, kanal: "BRGDK" }],
    ]);
  });

  it("Henvendelsestyper, Afslutning and Blanketter: shares only over questions asked and answered", async () => {
    await proveAll([
      ["typer", ROUND_2013],
      ["typer", LANDKORT],
      ...["kanal", "opgave", "enhed"].map((efter): [string, Params] => ["afslutning", { ...ROUND_2013, efter }]),
      ["afslutning", { ...GROUPS, efter: "opgave" }],
      ["afslutning", { ...AROUND_2013, udenfor: "1", efter: "kanal" }],
      ["afslutning", { ...LANDKORT, efter: "kanal" }],
      ...["kanal", "opgave"].map((efter): [string, Params] => ["blanketter", { ...ROUND_2013, efter }]),
      ["blanketter", { ...TRACETOOL, efter: "kanal" }],
      ["blanketter", { ...ROUND_2012, efter: "opgave" }],
      ["blanketter", { ...ROUND_2013, enhed: "koege_jc", efter: "kanal" }],
      ["afslutning", { ...ROUND_2013, kanal: "WEB", efter: "opgave" }],
      ["typer", { ...ROUND_2013, enhed: "koege_tlf" }],
    ]);
  });

  it("Omkostninger, Tidspunkt and Tidsforbrug: prices in force, real times of day only, measured time only", async () => {
    await proveAll([
      ["omkostninger", ROUND_2013],
      ["omkostninger", ROUND_2012],
      ["tidspunkt", ROUND_2013],
      ["tidspunkt", LANDKORT],
      ["tidspunkt", { ...AROUND_2013, udenfor: "1" }],
      ["tidsforbrug", ROUND_2013],
      ["tidsforbrug", GROUPS],
      ["tidsforbrug", ROUND_2012],
      ["tidsforbrug", LANDKORT],
      ["tidsforbrug", { ...ROUND_2013, enhed: "koege_jc" }],
      ["tidspunkt", { ...ROUND_2013, enhed: "koege_tlf" }],
    ]);
  });

  it("Ekstra spørgsmål and Enhedernes deltagelse", async () => {
    await proveAll([
      ["svar", ROUND_2013],
      ["svar", ROUND_2012],
      ["svar", { ...AROUND_2013, udenfor: "1" }],
      ["enheder", ROUND_2013],
      ["enheder", ROUND_2012],
      ["enheder", { ...AROUND_2013, udenfor: "1" }],
      ["enheder", { ...ROUND_2013, enhed: "koege_bs" }],
      ["svar", { ...ROUND_2013, enhed: "koege_tlf", kanal: "TLFIND" }],
    ]);
  });

  it("Benchmark, Ranglister and Deltagelse: the municipality's key figures with their n, and KL's national views", async () => {
    await proveAll([
      ["benchmark", ROUND_2013],
      ["benchmark", ROUND_2013, "national"],
      ["benchmark", LANDKORT, "national"],
      ["ranglister", ROUND_2013, "national"],
      ["ranglister", TRACETOOL, "national"],
      ["deltagelse", ROUND_2013, "national"],
      ["benchmark", { ...ROUND_2013, opgave: "23.05.10" }, "national"],
      ["deltagelse", ROUND_2012, "national"],
    ]);
  });

  it("Udvikling: the key figures, channel mix and task × round matrix of every round, each over its own weeks", async () => {
    await proveAll([
      ["udvikling", {}],
      ["udvikling", {}, "national"],
      ["udvikling", { alle: "1" }, "national"],
      ["udvikling", { kilde: "LEGACY_LANDKORT" }],
      ["udvikling", { enhed: "koege_bs" }],
      ["udvikling", { opgave: "15.20.00" }],
      ["udvikling", { udenfor: "1" }],
    ]);
  });

  it("covered every report in the registry and every table they gave", () => {
    // Dækning compares registrations with counts from other systems, which an old export cannot hold
    // (tests/db/coverage.test.ts computes it by hand).
    const withoutReferenceCounts = new Set(["daekning"]);
    expect([...reportsRun].sort()).toEqual(
      REPORTS.map((r) => r.slug)
        .filter((slug) => !withoutReferenceCounts.has(slug))
        .sort(),
    );
    console.log(
      `legacy proof: ${compared} figures compared in ${tablesRun.size} tables of ${reportsRun.size} reports: ${[...tablesRun].join(", ")}`,
    );
    expect(compared).toBeGreaterThan(3000);
  });
});

describe("the old layout written back", () => {
  it("equals the file: every row in the file's order, its Datakilde as read, TraceTool's NEJ on the telephone", async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of exportRegistrationsStream(
      { municipalityIds: [municipalityId], from: new Date("2012-01-01"), to: new Date("2014-01-01") },
      "legacy",
    ) as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
    }
    const out = Buffer.concat(chunks).toString("latin1").split("\r\n");
    expect(out).toEqual(fixture.lines.concat(""));
    const sources = await database.prisma.registration.groupBy({ by: ["source"], where: { municipalityId }, _count: true });
    const count = (s: string) => fixture.rows.filter((r) => r.source === s).length;
    expect(Object.fromEntries(sources.map((s) => [s.source, s._count]))).toEqual({
      LEGACY_TRACETOOL: count("LEGACY_TRACETOOL"),
      LEGACY_LANDKORT: count("LEGACY_LANDKORT"),
    });
  });
});
