import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { DuplicateImportError } from "@/lib/exchange/content-hash";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport, undoBatch } from "@/lib/exchange/import-rows";
import { describeImportWeeks } from "@/lib/exchange/import-weeks-text";
import { addRegistration, adminTestDatabase } from "@/tests/helpers/admin";

// An import's preview tells, before anything is written, how many rows fall outside the
// municipality's counting weeks, which national round covers them and which weeks the data covers;
// joining the round takes those weeks in. The same rows a second time are refused unless confirmed.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let koege: string;
let kbh: string;
let autumn2013: string;

/** An old raw export: rows on the given Danish days ("21-10-2013"), one contact each. */
function legacyFile(municipality: [number, string], days: string[], options: { lf?: boolean; reverse?: boolean } = {}): Uint8Array {
  const rows = days.map(
    (day, i) =>
      `${municipality[1]};${municipality[0]};bs_${municipality[0]};23.05.10;TLFIND;INFO;STRAKS;;${day} ${String(9 + i).padStart(2, "0")}:00:00;;;Tracetool;`,
  );
  if (options.reverse) rows.reverse();
  const eol = options.lf ? "\n" : "\r\n";
  const text = ["Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;", ...rows]
    .map((l) => l + eol)
    .join("");
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
// Weeks 43 (21–27 Oct 2013), 44 (28 Oct – 3 Nov) and 47 (18–24 Nov, in no round).
const KOEGE_DAYS = ["21-10-2013", "22-10-2013", "28-10-2013", "29-10-2013", "30-10-2013", "19-11-2013"];

// Each plan holds its file in the import worker until closed (afterAll): more at once than a server
// process allows (SPOR_IMPORT_WORKERS, default 2), so this file raises the cap.
process.env.SPOR_IMPORT_WORKERS = "50";
const opened: { close(): void }[] = [];
const plan = async (municipalityId: string, bytes: Uint8Array) => {
  const planned = await planFileImport(t.prisma, municipalityId, bytes, "legacy", { createMissingUnits: true });
  opened.push(planned.plan);
  return planned;
};
const weeksOf = async (municipalityId: string) =>
  (
    await t.prisma.municipalityCountingWeek.findMany({
      where: { municipalityId, roundId: autumn2013 },
      select: { isoWeek: true },
      orderBy: { isoWeek: "asc" },
    })
  ).map((w) => w.isoWeek);
const flagsOf = async (batchId: string) =>
  (await t.prisma.registration.findMany({ where: { batchId }, select: { inCountingWeek: true }, orderBy: { fileLine: "asc" } })).map(
    (r) => r.inCountingWeek,
  );

beforeAll(async () => {
  t = await adminTestDatabase();
  koege = t.municipalityId(259);
  kbh = t.municipalityId(101);
  autumn2013 = (await t.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } })).id;
  // Køge counts only the round's mandatory first week.
  await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: koege, roundId: autumn2013, isoYear: 2013, isoWeek: 43 } });
});
afterAll(async () => {
  for (const p of opened) p.close();
  delete process.env.SPOR_IMPORT_WORKERS;
  await t.database.close();
});

describe("counting weeks in the preview", () => {
  it("counts the rows outside, names the round covering them, and says which weeks the data covers", async () => {
    const { summary } = await plan(koege, legacyFile([259, "Køge"], KOEGE_DAYS));
    const weeks = summary.weeks!;
    expect(weeks.weeks.map((w) => [w.isoWeek, w.rows, w.outsideRows])).toEqual([
      [43, 2, 0],
      [44, 3, 3],
      [47, 1, 1],
    ]);
    expect(weeks.outside).toEqual({ rows: 4, quantity: 4 });
    expect(weeks.uncovered).toEqual({ rows: 1, quantity: 1 });
    expect(weeks.rounds).toHaveLength(1);
    expect(weeks.rounds[0]).toMatchObject({ code: "autumn-2013", name: "Efterår 2013", rows: 3, quantity: 3 });
    // The data covers weeks 43 and 44; week 43 is counted already, so joining adds 44 — not 45, which has no data.
    expect(weeks.rounds[0].dataWeeks.map((w) => w.isoWeek)).toEqual([43, 44]);
    expect(weeks.rounds[0].joinWeeks.map((w) => w.isoWeek)).toEqual([44]);
    const text = describeImportWeeks(weeks);
    expect(text.covers).toBe(
      "Filens data dækker uge 43 (2013): 2 henvendelser; uge 44 (2013): 3 henvendelser; uge 47 (2013): 1 henvendelser.",
    );
    expect(text.outside).toMatch(/^4 af rækkerne \(4 henvendelser\) ligger uden for kommunens tælleuger\./);
    expect(text.rounds).toEqual([
      "3 rækker ligger i ugerne for den landsdækkende runde «Efterår 2013» (uge 43, 44 og 45 (2013)). Data dækker uge 43 og 44 (2013). Deltag i runden med uge 44 (2013), så de kommer med i rapporterne.",
    ]);
    expect(text.uncovered).toMatch(/^1 rækker ligger uden for alle landsdækkende runder; opret en lokal tælleperiode/);
  });

  it("offers the mandatory first week with the data's weeks to a municipality that counts none of the round", async () => {
    const { summary } = await plan(kbh, legacyFile([101, "København"], ["29-10-2013", "05-11-2013"]));
    expect(summary.weeks!.rounds.map((r) => r.joinWeeks.map((w) => w.isoWeek))).toEqual([[43, 44, 45]]);
    const only44 = await plan(kbh, legacyFile([101, "København"], ["29-10-2013"]));
    expect(only44.summary.weeks!.rounds[0].joinWeeks.map((w) => w.isoWeek)).toEqual([43, 44]);
  });

  it("joins the round with the weeks the data covers, re-marks what was stored, and leaves the rest outside", async () => {
    // A registration stored earlier in week 44, outside until now.
    const earlier = await addRegistration(t.prisma, {
      municipalityId: koege,
      unitId: await t.unitId(259, "Borgerservice"),
      occurredAt: new Date("2013-10-31T10:00:00Z"),
    });
    await t.prisma.registration.update({ where: { id: earlier }, data: { inCountingWeek: false } });
    const planned = await plan(koege, legacyFile([259, "Køge"], KOEGE_DAYS));
    const batch = await commitImport(t.prisma, planned.plan, {
      actorUserId: t.userId("koordinator@koege.test"),
      fileName: "2013.csv",
      ...fileImportOptions("legacy", planned, { joinRounds: true }),
    });
    expect(await weeksOf(koege)).toEqual([43, 44]);
    expect(await flagsOf(batch.id)).toEqual([true, true, true, true, true, false]);
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: earlier } })).inCountingWeek).toBe(true);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: "weeks.round.set", entityId: autumn2013, municipalityId: koege },
    });
    expect(audit).toMatchObject({
      before: { weeks: [43] },
      after: { weeks: [43, 44], reason: "import" },
      actorUserId: t.userId("koordinator@koege.test"),
    });
    await undoBatch(t.prisma, null, koege, batch.id);
  });

  it("without the choice, joins nothing and stores the rows outside", async () => {
    const planned = await plan(kbh, legacyFile([101, "København"], ["29-10-2013"]));
    const batch = await commitImport(t.prisma, planned.plan, {
      actorUserId: null,
      fileName: "kbh.csv",
      ...fileImportOptions("legacy", planned, {}),
    });
    expect(await weeksOf(kbh)).toEqual([]);
    expect(await flagsOf(batch.id)).toEqual([false]);
    expect(isoWeekOf(new Date("2013-10-29T12:00:00Z")).isoWeek).toBe(44);
    await undoBatch(t.prisma, null, kbh, batch.id);
  });
});

describe("the same rows twice", () => {
  const file = () => legacyFile([259, "Køge"], ["23-10-2013", "24-10-2013", "25-10-2013"]);
  const counts = async () => ({
    registrations: await t.prisma.registration.count({ where: { municipalityId: koege } }),
    batches: await t.prisma.importBatch.count(),
  });

  it("are refused unless confirmed, also saved again with other line endings and in another order", async () => {
    const first = await plan(koege, file());
    expect(first.summary.earlierImport).toBeNull();
    const batch = await commitImport(t.prisma, first.plan, {
      actorUserId: null,
      fileName: "okt.csv",
      ...fileImportOptions("legacy", first, {}),
    });
    expect((await t.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).contentHash).toBe(first.plan.contentHash);

    const again = await plan(koege, legacyFile([259, "Køge"], ["23-10-2013", "24-10-2013", "25-10-2013"], { lf: true, reverse: true }));
    expect(again.plan.contentHash).toBe(first.plan.contentHash);
    expect(again.summary.earlierImport).toMatchObject({ batchId: batch.id, fileName: "okt.csv", rows: 3 });
    const before = await counts();
    const refused = commitImport(t.prisma, again.plan, {
      actorUserId: null,
      fileName: "okt2.csv",
      ...fileImportOptions("legacy", again, {}),
    });
    await expect(refused).rejects.toBeInstanceOf(DuplicateImportError);
    await expect(refused).rejects.toThrow(
      /Rækkerne i filen er indlæst før: «okt.csv» den \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d \(3 rækker\)\..*Intet er gemt/,
    );
    expect(await counts()).toEqual(before);

    const confirmed = await commitImport(t.prisma, again.plan, {
      actorUserId: null,
      fileName: "okt2.csv",
      ...fileImportOptions("legacy", again, { allowDuplicate: true }),
    });
    expect(await counts()).toEqual({ registrations: before.registrations + 3, batches: before.batches + 1 });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "batch.create", entityId: confirmed.id } });
    expect(audit.after).toMatchObject({ confirmedDuplicate: true });

    // Undone batches no longer count.
    await undoBatch(t.prisma, null, koege, batch.id);
    await undoBatch(t.prisma, null, koege, confirmed.id);
    expect((await plan(koege, file())).summary.earlierImport).toBeNull();
  });

  it("differ when any row differs", async () => {
    const a = await plan(koege, legacyFile([259, "Køge"], ["23-10-2013", "24-10-2013"]));
    const b = await plan(koege, legacyFile([259, "Køge"], ["23-10-2013", "25-10-2013"]));
    expect(a.plan.contentHash).not.toBe(b.plan.contentHash);
  });
});
