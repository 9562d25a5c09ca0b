import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { loadAccess } from "@/lib/auth/load-access";
import { cellField } from "@/lib/exchange/paper-sheet";
import {
  createPaperSheet,
  deletePaperSheet,
  loadSheetLayout,
  PaperSheetError,
  unitSheetDefaults,
} from "@/lib/exchange/paper-sheet-registration";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const NOW = new Date("2026-11-22T12:00:00Z");
let skranke: string;
let borgerservice: string;
let flytning: string;
let pas: string;

async function actor(email: string): Promise<Actor> {
  const id = t.userId(email);
  return { id, access: await loadAccess(t.prisma, id) };
}

/** A 2 × 3 sheet for Køge's Skranke in week 46 of 2026: Flytning 5 + 2 + 0, Pas 0 + 1 + 12. */
function sheet(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    unitId: skranke,
    when: "week",
    isoYear: "2026",
    isoWeek: "46",
    defaultType: "VEJL",
    defaultClosure: "STRAKS",
    [cellField(flytning, "PRSNLG")]: "5",
    [cellField(flytning, "TLFUD")]: "2",
    [cellField(flytning, "EMLUD")]: "",
    [cellField(pas, "TLFUD")]: "1",
    [cellField(pas, "EMLUD")]: "12",
    ...overrides,
  };
}

const counts = async () => ({
  registrations: await t.prisma.registration.count(),
  batches: await t.prisma.importBatch.count(),
  audit: await t.prisma.auditEvent.count({ where: { action: { not: "access.denied" } } }),
});

beforeAll(async () => {
  t = await adminTestDatabase();
  skranke = await t.unitId(259, "Borgerservice – Skranke");
  borgerservice = await t.unitId(259, "Borgerservice");
  flytning = await taskId(t.prisma, "23.05.10");
  pas = await taskId(t.prisma, "23.09.02");
});
afterAll(() => t.database.close());

describe("keying in a paper tally sheet", () => {
  it("writes one PAPER_SHEET batch, one row per counted cell, read back with its totals, and undoes it", async () => {
    const coordinator = await actor("koordinator@koege.test");
    const batch = await createPaperSheet(t.prisma, coordinator, sheet(), NOW);
    expect(batch).toMatchObject({ rowCount: 4, totalQuantity: 20 });
    expect(batch.summary.text).toBe("4 registreringer med i alt 20 henvendelser");
    const stored = await t.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(stored).toMatchObject({ kind: "PAPER_SHEET", createdById: coordinator.id, fileName: null, undoneAt: null });
    const rows = await t.prisma.registration.findMany({
      where: { batchId: batch.id },
      select: {
        unitId: true,
        taskId: true,
        channelCode: true,
        contactTypeCode: true,
        closureCode: true,
        form: true,
        quantity: true,
        source: true,
        timePrecision: true,
        isoYear: true,
        isoWeek: true,
        userId: true,
      },
      orderBy: [{ quantity: "asc" }],
    });
    const common = {
      unitId: skranke,
      contactTypeCode: "VEJL",
      closureCode: "STRAKS",
      form: null,
      source: "PAPER_SHEET",
      timePrecision: "WEEK",
      isoYear: 2026,
      isoWeek: 46,
      userId: null,
    };
    expect(rows).toEqual([
      { ...common, taskId: pas, channelCode: "TLFUD", quantity: 1 },
      { ...common, taskId: flytning, channelCode: "TLFUD", quantity: 2 },
      { ...common, taskId: flytning, channelCode: "PRSNLG", quantity: 5 },
      { ...common, taskId: pas, channelCode: "EMLUD", quantity: 12 },
    ]);
    // Totals per task and per channel, as the grid showed them, computed in SQL.
    const perTask = await t.prisma.registration.groupBy({ by: ["taskId"], where: { batchId: batch.id }, _sum: { quantity: true } });
    expect(Object.fromEntries(perTask.map((r) => [r.taskId, r._sum.quantity]))).toEqual({ [flytning]: 7, [pas]: 13 });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "batch.create", entityId: batch.id } });
    expect(audit.after).toMatchObject({
      kind: "PAPER_SHEET",
      rowCount: 4,
      totalQuantity: 20,
      unit: "Borgerservice – Skranke",
      timePrecision: "WEEK",
    });

    await deletePaperSheet(t.prisma, coordinator, batch.id);
    expect(await t.prisma.registration.count({ where: { batchId: batch.id } })).toBe(0);
    expect((await t.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).undoneAt).not.toBeNull();
    await expect(deletePaperSheet(t.prisma, coordinator, batch.id)).rejects.toThrow(/allerede fortrudt/);
  });

  it("takes a row's own type and closure on a sheet with those columns, and dates a day at noon", async () => {
    const lead = await actor("leder@koege.test");
    const batch = await createPaperSheet(
      t.prisma,
      lead,
      sheet({ withTypes: "1", when: "date", date: "2026-11-18", [`type:${pas}`]: "OPRET", [`closure:${pas}`]: "HOLD" }),
      NOW,
    );
    const rows = await t.prisma.registration.findMany({
      where: { batchId: batch.id },
      select: { taskId: true, contactTypeCode: true, closureCode: true, timePrecision: true, occurredAt: true },
    });
    expect(new Set(rows.filter((r) => r.taskId === pas).map((r) => `${r.contactTypeCode}/${r.closureCode}`))).toEqual(
      new Set(["OPRET/HOLD"]),
    );
    expect(new Set(rows.filter((r) => r.taskId === flytning).map((r) => `${r.contactTypeCode}/${r.closureCode}`))).toEqual(
      new Set(["VEJL/STRAKS"]),
    );
    expect(rows.every((r) => r.timePrecision === "DATE" && r.occurredAt.toISOString() === "2026-11-18T11:00:00.000Z")).toBe(true);
    await deletePaperSheet(t.prisma, lead, batch.id);
  });

  it("refuses a wrong cell by its name and writes nothing", async () => {
    const coordinator = await actor("koordinator@koege.test");
    const before = await counts();
    const error = await createPaperSheet(
      t.prisma,
      coordinator,
      sheet({ [cellField(pas, "TLFUD")]: "3x", [cellField(flytning, "PRSNLG")]: "10000" }),
      NOW,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(PaperSheetError);
    expect(error.problems).toEqual([
      "Flytning (23.05.10), Personligt fremmøde (ind): skriv et helt tal fra 0 til 9.999, eller lad feltet stå tomt.",
      "Pas (23.09.02), Telefon (ud): skriv et helt tal fra 0 til 9.999, eller lad feltet stå tomt.",
    ]);
    await expect(createPaperSheet(t.prisma, coordinator, sheet({ isoWeek: "60" }), NOW)).rejects.toThrow(/uge fra 1 til 53/);
    await expect(createPaperSheet(t.prisma, coordinator, sheet({ isoWeek: "49" }), NOW)).rejects.toThrow(/ikke begyndt/);
    // A count for a channel the sheet leaves out (self-service in Borgerservice) is refused, not dropped.
    await expect(
      createPaperSheet(t.prisma, coordinator, { ...sheet({ unitId: borgerservice }), [cellField(flytning, "SLVBTJN")]: "4" }, NOW),
    ).rejects.toThrow(/passer ikke længere/);
    expect(await counts()).toEqual(before);
  });

  it("refuses units outside the caller's scope and changes nothing", async () => {
    const batch = await createPaperSheet(t.prisma, await actor("koordinator@koege.test"), sheet(), NOW);
    const before = await counts();
    for (const email of ["koordinator@kbh.test", "medarbejder@koege.test", "national@spor.test"]) {
      await expect(createPaperSheet(t.prisma, await actor(email), sheet(), NOW), email).rejects.toThrow(/kan ikke indtaste/);
      await expect(deletePaperSheet(t.prisma, await actor(email), batch.id), email).rejects.toThrow(/findes ikke/);
    }
    expect(await counts()).toEqual(before);
  });

  it("leaves out self-service and machine channels from the layout, and defaults to the unit's most used type and closure", async () => {
    const layout = await loadSheetLayout(t.prisma, borgerservice, false);
    expect(layout.channels.map((c) => c.code)).not.toContain("SLVBTJN");
    expect(layout.channels.map((c) => c.code)).not.toContain("BRGDK");
    expect(layout.channels.length).toBeGreaterThan(0);
    const coordinator = await actor("koordinator@koege.test");
    const a = await createPaperSheet(t.prisma, coordinator, sheet({ defaultType: "OPRET", defaultClosure: "HOLD", isoWeek: "45" }), NOW);
    const b = await createPaperSheet(
      t.prisma,
      coordinator,
      sheet({ defaultType: "INFO", defaultClosure: "STRAKS", isoWeek: "44", [cellField(pas, "EMLUD")]: "" }),
      NOW,
    );
    // In the 90 days before NOW: OPRET 20 + VEJL 20 (the earlier test's standing sheet) vs INFO 8: the tie goes by code.
    const sums = await t.prisma.registration.groupBy({
      by: ["contactTypeCode"],
      where: { unitId: skranke, occurredAt: { gte: new Date(NOW.getTime() - 90 * 86_400_000) } },
      _sum: { quantity: true },
    });
    const best = [...sums]
      .filter((s) => s.contactTypeCode && s.contactTypeCode !== "FEJL")
      .sort((x, y) => (y._sum.quantity ?? 0) - (x._sum.quantity ?? 0) || x.contactTypeCode!.localeCompare(y.contactTypeCode!))[0];
    expect((await unitSheetDefaults(t.prisma, skranke, NOW)).contactTypeCode).toBe(best.contactTypeCode);
    await deletePaperSheet(t.prisma, coordinator, a.id);
    await deletePaperSheet(t.prisma, coordinator, b.id);
  });
});
