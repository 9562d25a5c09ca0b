import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { channelColumnKey } from "@/lib/reports/task-channel";
import { runReport } from "@/lib/reports/run";
import type { ReportTable } from "@/lib/reports/types";
import { CHANNELS } from "@/lib/reference/codes";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { groupBy, groupOf, inWeeks, type Reading, sumQ } from "./report-method-expected";
import { loadMethodFixture, METHOD_ROWS, type MethodFixture } from "./report-method-fixture";

// Task × channel («Opgaver og kanaler») computed in SQL, against the same cells summed in plain
// TypeScript from the crafted rows of report-method-fixture.ts; and the self-service comparison's
// default round: the latest earlier round with registrations in the caller's scope.

let database: SporDatabase;
let f: MethodFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadMethodFixture(database);
});
afterAll(() => database.close());

const ROUND = [202647, 202648];
const run = async (slug: string, params: Record<string, string> = {}, access: Access = f.access.coordinator) =>
  runReport(database.sql, access, slug, { runde: "m-2026-47", kommune: "903", ...params });
const matrixOf = async (params: Record<string, string> = {}): Promise<ReportTable> =>
  (await run("opgaver-kanaler", params)).result.tables[0];
const order = new Map(CHANNELS.map((c, i) => [c.code, [c.direction === "IN" ? 0 : 1, i]]));

/** The matrix from the rows: cells, row totals, column totals, grand total; channels in the channels' order. */
function expectedMatrix(rows: Reading[], taskKey: (r: Reading) => string) {
  const channels = [...new Set(rows.map((r) => r.channel))].sort(
    (a, b) => order.get(a)![0] - order.get(b)![0] || order.get(a)![1] - order.get(b)![1],
  );
  const byTask = groupBy(rows, taskKey);
  const cells = Object.fromEntries(
    [...byTask].map(([task, list]) => [
      task,
      { ...Object.fromEntries(channels.map((c) => [channelColumnKey(c), sumQ(list.filter((r) => r.channel === c))])), total: sumQ(list) },
    ]),
  );
  const total = {
    ...Object.fromEntries(channels.map((c) => [channelColumnKey(c), sumQ(rows.filter((r) => r.channel === c))])),
    total: sumQ(rows),
  };
  return { channels, cells, total };
}

describe("task × channel", () => {
  it("every cell, row total, column total and the grand total match the rows, per task", async () => {
    const t = await matrixOf();
    const rows = inWeeks(METHOD_ROWS, ROUND);
    const expected = expectedMatrix(rows, (r) => r.rTask);
    expect(t.layout).toBe("matrix");
    expect(t.columns.map((c) => c.key)).toEqual(["code", "label", ...expected.channels.map(channelColumnKey), "total"]);
    expect(
      Object.fromEntries(
        t.rows.map((r) => [String(r.code), Object.fromEntries(Object.entries(r).filter(([k]) => k !== "code" && k !== "label"))]),
      ),
    ).toEqual(expected.cells);
    expect(t.total).toMatchObject(expected.total);
    // The matrix holds every contact once: its cells add up to the channel mix's total.
    const mix = (await run("kanaler")).result.tables[0];
    expect(mix.rows.reduce((s, r) => s + Number(r.contacts), 0)).toBe(t.total!.total);
  });

  it("rolled up to KLE groups, and within a unit", async () => {
    const grouped = await matrixOf({ niveau: "gruppe" });
    const expected = expectedMatrix(inWeeks(METHOD_ROWS, ROUND), (r) => groupOf(r.rTask));
    expect(grouped.rows.map((r) => String(r.code)).sort()).toEqual(Object.keys(expected.cells).sort());
    for (const row of grouped.rows) expect(row).toMatchObject(expected.cells[String(row.code)]);

    const c1 = await matrixOf({ enhed: f.units.c1, kanal: "TLFIND,PRSNLG" });
    const rows = inWeeks(METHOD_ROWS, ROUND).filter((r) => r.unit === "c1" && ["TLFIND", "PRSNLG"].includes(r.channel));
    const one = expectedMatrix(rows, (r) => r.rTask);
    expect(c1.columns.map((c) => c.key)).toEqual(["code", "label", ...one.channels.map(channelColumnKey), "total"]);
    for (const row of c1.rows) expect(row).toMatchObject(one.cells[String(row.code)]);
    expect(c1.total).toMatchObject(one.total);
  });

  it("with no contacts: no channel columns, no rows", async () => {
    const t = await matrixOf({ runde: "", fra: "2020-01-01", til: "2020-01-02" });
    expect(t.rows).toEqual([]);
    expect(t.columns.map((c) => c.key)).toEqual(["code", "label", "total"]);
  });
});

describe("the self-service comparison opens with the latest round the caller counted", () => {
  it("skips a round in between that the municipality did not count, and says why a «–» is there", async () => {
    // A round between the two, with no registrations in Metodeby.
    await database.prisma.countingRound.create({
      data: { code: "m-2026-42", name: "Uden tal", startsOn: mondayOfIsoWeek(2026, 42), isoYear: 2026, firstWeek: 42, weekCount: 2 },
    });
    const { ctx, result } = await run("selvbetjening");
    expect(ctx.compareRound?.code).toBe("m-2026-37");
    const table = result.tables.find((t) => t.id === "pr-opgave")!;
    expect(Object.keys(table.missing ?? {})).toEqual(["rate", "earlier", "change"]);
    expect(table.missing!.earlier).toMatch(/^ikke talt i denne runde/);
    expect(result.notes.join(" ")).toContain("den seneste tidligere runde med registreringer");
    // Chosen in the filter, the round in between is used, and its dashes say it was not counted.
    const chosen = await run("selvbetjening", { sammenlign: "m-2026-42" });
    expect(chosen.ctx.compareRound?.code).toBe("m-2026-42");
    const rows = chosen.result.tables.find((t) => t.id === "pr-opgave")!;
    expect(rows.rows.every((r) => r.earlier === null)).toBe(true);
    expect(rows.missing!.earlier).toMatch(/^ikke talt i denne runde: Metodeby har ingen indgående transaktioner i Uden tal/);
  });

  it("looks only in the caller's units: a unit that counted only this round has nothing to compare with", async () => {
    const p = database.prisma;
    const c3 = await p.unit.create({ data: { municipalityId: f.municipalityId, name: "C Ny" } });
    const monday = mondayOfIsoWeek(2026, 47);
    await p.registration.create({
      data: {
        id: crypto.randomUUID(),
        municipalityId: f.municipalityId,
        unitId: c3.id,
        taskId: f.taskIds.get("91.01.05")!,
        channelCode: "TLFIND",
        contactTypeCode: "OPRET",
        quantity: 1,
        occurredAt: new Date(monday.getTime() + 9 * 3600_000),
        isoYear: 2026,
        isoWeek: 47,
        inCountingWeek: true,
        source: "MANUAL",
      },
    });
    const lead: Access = {
      userId: "lead",
      memberships: [{ role: "UNIT_LEAD", municipalityId: f.municipalityId, unitId: c3.id }],
      leadUnitIds: [c3.id],
    };
    const own = await run("selvbetjening", {}, lead);
    expect(own.ctx.compareRound).toBeNull();
    expect(own.result.notes.join(" ")).toContain("Der er ingen tidligere runde med registreringer");
    // The coordinator picking that unit gets the same; the whole municipality still compares with m-2026-37.
    expect((await run("selvbetjening", { enhed: c3.id })).ctx.compareRound).toBeNull();
    expect((await run("selvbetjening", { enhed: f.units.c1 })).ctx.compareRound?.code).toBe("m-2026-37");
    // National staff across all municipalities: any registrations count.
    expect((await run("selvbetjening", { kommune: "" }, f.access.national)).ctx.compareRound?.code).toBe("m-2026-37");
  });
});
