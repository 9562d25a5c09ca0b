import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccess } from "@/lib/auth/load-access";
import type { SporDatabase } from "@/lib/database/open";
import { commitImport, planImport } from "@/lib/exchange/import-rows";
import { parseLegacyExport } from "@/lib/exchange/legacy-format";
import { legacyToImportRow } from "@/lib/exchange/legacy-import";
import { runReport } from "@/lib/reports/run";
import type { ReportRow } from "@/lib/reports/types";
import { createTestDatabase } from "@/tests/helpers/test-db";

// An old raw export goes in through the importer; the reports' channel, type, closure and form
// distributions must equal an independent count of the file's rows.

const CHANNELS = ["TLFIND", "PRSNLG", "EMLIND", "SLVBTJN", "TLFUD", "DOKUD"];
const TYPES = ["OPRET", "STATUS", "INFO", "VEJL", ""];
const CLOSURES = ["STRAKS", "STRAKS", "HOLD", ""];

/** A deterministic "old export" of 300 rows in autumn 2013's weeks 43–45. */
function legacyFile(): { bytes: Uint8Array; lines: string[][] } {
  const lines: string[][] = [];
  let seed = 7;
  const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n; // Park–Miller: exact in doubles
  for (let i = 0; i < 300; i++) {
    const channel = CHANNELS[next(CHANNELS.length)];
    const asksForm = !channel.startsWith("TLF") && channel !== "SLVBTJN";
    const day = 21 + next(18); // 21 Oct – 7 Nov 2013
    const date = day <= 31 ? `${day}-10-2013` : `${String(day - 31).padStart(2, "0")}-11-2013`;
    lines.push([
      "Køge",
      "259",
      "koege_bs",
      next(3) === 0 ? "23.09.02" : "23.05.10",
      channel,
      TYPES[next(TYPES.length)],
      CLOSURES[next(CLOSURES.length)],
      asksForm ? (next(5) === 0 ? "JA" : "NEJ") : "",
      `${date} ${String(8 + next(8)).padStart(2, "0")}:${String(next(60)).padStart(2, "0")}:00`,
      "",
      "",
      "Tracetool",
    ]);
  }
  const header = "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;";
  const text = [header, ...lines.map((l) => `${l.join(";")};`)].join("\r\n") + "\r\n";
  return { bytes: Uint8Array.from(text, (c) => c.charCodeAt(0)), lines };
}

const count = (lines: string[][], column: number) => {
  const counts: Record<string, number> = {};
  for (const l of lines) counts[l[column]] = (counts[l[column]] ?? 0) + 1;
  return counts;
};

let database: SporDatabase;
let lines: string[][];
let run: (
  slug: string,
  params?: Record<string, string>,
) => Promise<{ tables: { id: string; rows: ReportRow[]; total?: ReportRow | null }[] }>;

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  const koege = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } });
  await database.prisma.unit.updateMany({ where: { municipalityId: koege.id, name: "Borgerservice" }, data: { legacyLogin: "koege_bs" } });
  const round = await database.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } });
  await database.prisma.municipalityCountingWeek.createMany({
    data: [43, 44, 45].map((isoWeek) => ({ municipalityId: koege.id, roundId: round.id, isoYear: 2013, isoWeek })),
  });
  const file = legacyFile();
  lines = file.lines;
  const parsed = await parseLegacyExport(file.bytes);
  expect(parsed.errors).toEqual([]);
  const plan = await planImport(
    database.prisma,
    koege.id,
    parsed.rows.map((r) => legacyToImportRow(r)),
  );
  await commitImport(database.prisma, plan, { actorUserId: null, kind: "LEGACY_IMPORT", source: "LEGACY_IMPORT", fileName: "2013.csv" });
  const coordinator = await database.prisma.user.findUniqueOrThrow({ where: { email: "koordinator@koege.test" } });
  const access = await loadAccess(database.prisma, coordinator.id);
  run = async (slug, params = {}) =>
    (await runReport(database.sql, access, slug, { runde: "autumn-2013", kommune: "259", ...params })).result as never;
});
afterAll(() => database.close());

const table = (result: Awaited<ReturnType<typeof run>>, id: string) => result.tables.find((t) => t.id === id)!;

describe("reports on an imported old raw export", () => {
  it("channel distribution equals the file's", async () => {
    const rows = table(await run("kanaler"), "i-alt").rows;
    const fromReport = Object.fromEntries(rows.map((r) => [String(r.channelCode), Number(r.contacts)]));
    expect(fromReport).toEqual(count(lines, 4));
  });

  it("contact type distribution equals the file's", async () => {
    const rows = table(await run("typer"), "pr-type").rows;
    const fromReport = Object.fromEntries(rows.filter((r) => Number(r.contacts) > 0).map((r) => [String(r.code), Number(r.contacts)]));
    const expected = count(lines, 5);
    delete expected[""];
    expect(fromReport).toMatchObject(expected);
  });

  it("closure and form counts equal the file's", async () => {
    const closure = table(await run("afslutning", { efter: "kanal" }), "pr-kanal").total!;
    const c = count(lines, 6);
    expect({ yes: Number(closure.yes), no: Number(closure.no), none: Number(closure.none) }).toEqual({
      yes: c.STRAKS,
      no: c.HOLD,
      none: c[""],
    });
    const forms = table(await run("blanketter", { efter: "kanal" }), "pr-kanal").total!;
    const f = count(lines, 7);
    expect({ yes: Number(forms.yes), no: Number(forms.no) }).toEqual({ yes: f.JA, no: f.NEJ });
  });

  it("appears in Udvikling as the round it was imported for, with a round without data after it", async () => {
    const result = await run("udvikling");
    const rows = table(result, "pr-runde").rows;
    expect(rows[0]).toMatchObject({ round: "Efterår 2013", package: "KOMHEN efterår 2013: 45 opgaver", contacts: lines.length });
    // Spring 2015 had no package; the round after it has one again.
    expect(rows[1]).toMatchObject({ round: "Forår 2015", contacts: 0, selfService: null, packageChange: "Ingen opgavepakke i runden" });
    expect(rows[2]).toMatchObject({ packageChange: "Ny pakke (runden før havde ingen)" });
    const channels = table(result, "kanaler-pr-runde").rows.filter((r) => r.round === "Efterår 2013");
    expect(Object.fromEntries(channels.map((r) => [String(r.channelCode), Number(r.contacts)]))).toEqual(count(lines, 4));
  });
});
