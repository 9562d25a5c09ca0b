import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as vendorFile } from "@/app/api/self-service/vendor-file/route";
import { databaseFrozen } from "@/lib/actions/database-errors";
import { loadAccess } from "@/lib/auth/load-access";
import { resetAuth } from "@/lib/auth/auth";
import { mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { undoMunicipalityBatch } from "@/lib/exchange/undo";
import { runReport } from "@/lib/reports/run";
import type { ReportTable } from "@/lib/reports/types";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { saveSelfServiceGrid, setSelfServiceChoice } from "@/lib/self-service/grid";
import { undoVendorUpload } from "@/lib/self-service/vendor-import";
import { adminTestDatabase } from "@/tests/helpers/admin";
import { multipartRequest } from "@/tests/helpers/multipart";
import { signInCookie } from "@/tests/helpers/sign-in";

// Self-service counts from the systems that received them (issue 16): KL's vendor file through its
// real route handler (many municipalities, all or nothing, line-numbered errors, resend, undo per
// upload and per municipality), the coordinator's grid, and the self-service rate with exactly one
// source per municipality, task and week, against a hand computation. The crafted weeks (2031) hold
// no demo data.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const cookies = new Map<string, string>();
const KL = "national@spor.test";
const KOEGE = "koordinator@koege.test";
const noParams = { params: Promise.resolve({}) };
const encoder = new TextEncoder();
const HEADER = "kommune;opgave;uge;antal;loesning\r\n";
const W1 = "2031-W10";
const W2 = "2031-W11";
let tasks: { id: string; number: string }[] = [];
let roundId = "";

const send = (text: string, preview = false) =>
  multipartRequest(`/api/self-service/vendor-file${preview ? "?vis=1" : ""}`, cookies.get(KL)!, [
    { name: "fil", filename: "leverandoer.csv", bytes: encoder.encode(HEADER + text) },
  ]).then((r) => vendorFile(r, noParams));
const stored = async () => ({
  counts: await t.prisma.selfServiceCount.count(),
  batches: await t.prisma.importBatch.count(),
  registrations: await t.prisma.registration.count(),
});
/** What the rollups hold (flushed first): the counts must never reach them. */
async function rollups() {
  await t.database.sql.query("SELECT report_rollups_flush()");
  const tables = [
    "report_rollup_task_channels",
    "report_rollup_totals",
    "report_rollup_units",
    "report_rollup_national",
    "report_rollup_self_service",
  ];
  return Promise.all(
    tables.map(
      async (table) =>
        (
          await t.database.sql.query<{ n: number; q: number }>(
            `SELECT count(*)::int AS n, COALESCE(sum(quantity), 0)::float8 AS q FROM ${table}`,
          )
        )[0],
    ),
  );
}
const actor = async (email: string) => ({ id: t.userId(email), access: await loadAccess(t.prisma, t.userId(email)) });

/** One registration of `quantity` contacts on a Wednesday of the week. */
async function register(taskIndex: number, week: string, channelCode: string, type: "OPRET" | "STATUS", quantity: number) {
  const [year, w] = week.split("-W").map(Number);
  const occurredAt = new Date(mondayOfIsoWeek(year, w).getTime() + 2 * 86_400_000 + 10 * 3_600_000);
  await t.prisma.registration.create({
    data: {
      id: crypto.randomUUID(),
      municipalityId: t.municipalityId(259),
      unitId: await t.unitId(259, "Borgerservice – Skranke"),
      taskId: tasks[taskIndex].id,
      channelCode,
      contactTypeCode: type,
      closureCode: channelCode === "SLVBTJN" ? null : "STRAKS",
      occurredAt,
      isoYear: year,
      isoWeek: w,
      source: "MANUAL",
      quantity,
    },
  });
}

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  for (const email of [KL, KOEGE]) cookies.set(email, await signInCookie(t.prisma, email, DEMO_PASSWORD));
  tasks = await t.prisma.task.findMany({
    where: { level: "EMNE" },
    select: { id: true, number: true },
    orderBy: { number: "asc" },
    take: 4,
  });
  // Køge counts both weeks; a round over them with a package of the four tasks (the grid's frame).
  const pkg = await t.prisma.taskPackage.create({ data: { code: "selv-2031", name: "Selvbetjening 2031" } });
  await t.prisma.taskPackageItem.createMany({
    data: tasks.map((task, i) => ({ packageId: pkg.id, taskId: task.id, title: `Opgave ${i}`, obligatory: true, sortOrder: i })),
  });
  roundId = (
    await t.prisma.countingRound.create({
      data: {
        code: "selv-2031",
        name: "Forår 2031",
        startsOn: mondayOfIsoWeek(2031, 10),
        isoYear: 2031,
        firstWeek: 10,
        weekCount: 2,
        packageId: pkg.id,
      },
    })
  ).id;
  for (const isoWeek of [10, 11]) {
    await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: t.municipalityId(259), roundId, isoYear: 2031, isoWeek } });
  }
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

describe("KL's vendor file", () => {
  it("refuses a file with any bad line, naming every line in Danish, and writes nothing", async () => {
    const before = await stored();
    const [a, b] = tasks;
    const bad =
      `259;${a.number};${W1};10;KMD\r\n` + // 2 fine
      `999;${a.number};${W1};10;KMD\r\n` + // 3 unknown municipality
      `259;99.99.99;${W1};10;KMD\r\n` + // 4 unknown task
      `259;${a.number};2031-W54;10;KMD\r\n` + // 5 bad week
      `259;${b.number};${W1};-3;KMD\r\n` + // 6 negative count
      `259;${a.number};${W1};12;kmd\r\n`; // 7 duplicate of line 2 (solution's case aside)
    const response = await send(bad);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toBe("Filen har 5 fejl. Intet er gemt.");
    expect(body.problems).toEqual([
      "Linje 3: Kommunenummeret 999 er ikke en kommune i Spor.",
      'Linje 4: Opgaven "99.99.99" findes ikke i KLE.',
      "Linje 5: Uge 54 findes ikke i 2031.",
      "Linje 6: Antallet -3 er negativt; det skal være 0 eller mere.",
      "Linje 7: Samme kommune, opgave, uge og løsning står også i linje 2.",
    ]);
    expect(await stored()).toEqual(before);
  });

  it("is refused to coordinators", async () => {
    const response = await multipartRequest("/api/self-service/vendor-file", cookies.get(KOEGE)!, [
      { name: "fil", filename: "x.csv", bytes: encoder.encode(HEADER + `259;${tasks[0].number};${W1};1;KMD\r\n`) },
    ]).then((r) => vendorFile(r, noParams));
    expect(response.status).toBe(403);
  });

  it("previews, stores one batch per municipality under one upload, refuses a resend, and undoes per municipality and per upload", async () => {
    const before = await stored();
    const rolled = await rollups();
    const file = `259;${tasks[0].number};${W1};5;KMD\r\n101;${tasks[0].number};${W1};7;KMD\r\n101;${tasks[1].number};${W2};8;NemRefusion\r\n`;
    const preview = await send(file, true);
    expect(preview.status).toBe(200);
    expect((await preview.json()).ok).toMatch(/^Filen er i orden: 3 tal \(i alt 20 ansøgninger\) for 2 kommuner/);
    expect(await stored()).toEqual(before);

    const response = await send(file);
    expect(response.status).toBe(200);
    const batches = await t.prisma.importBatch.findMany({
      where: { kind: "VENDOR_FILE", undoneAt: null },
      orderBy: { totalQuantity: "asc" },
    });
    expect(batches.map((b) => [b.municipalityId, b.rowCount, b.totalQuantity])).toEqual([
      [t.municipalityId(259), 1, 5],
      [t.municipalityId(101), 2, 15],
    ]);
    expect(new Set(batches.map((b) => b.uploadId)).size).toBe(1);
    expect(await stored()).toEqual({ counts: before.counts + 3, batches: before.batches + 2, registrations: before.registrations });
    expect(await t.prisma.auditEvent.count({ where: { action: "selfservice.vendor.import" } })).toBe(2);
    expect(await rollups()).toEqual(rolled);

    // The same rows again, in another order: counted once.
    const again = await send(file.trim().split("\r\n").reverse().join("\r\n") + "\r\n");
    expect(again.status).toBe(409);
    expect(await stored()).toEqual({ counts: before.counts + 3, batches: before.batches + 2, registrations: before.registrations });

    // Køge's coordinator undoes Køge's part: København's stays.
    await undoMunicipalityBatch(t.prisma, await actor(KOEGE), batches[0].id);
    expect(await t.prisma.selfServiceCount.count({ where: { municipalityId: t.municipalityId(259), source: "VENDOR" } })).toBe(0);
    expect(await t.prisma.selfServiceCount.count({ where: { municipalityId: t.municipalityId(101), source: "VENDOR" } })).toBe(2);
    // KL undoes the upload: what is left of it goes.
    await expect(undoVendorUpload(t.prisma, await actor(KOEGE), batches[0].uploadId!)).rejects.toThrow();
    const undone = await undoVendorUpload(t.prisma, await actor(KL), batches[0].uploadId!);
    expect(undone).toEqual({ municipalities: 1, counts: 2 });
    expect(await t.prisma.selfServiceCount.count()).toBe(before.counts);
    expect(await rollups()).toEqual(rolled);
  });
});

describe("the self-service rate counts exactly one source per task and week", () => {
  // Task 0 own only (registrations, and the grid in week 2), task 1 vendor only, task 2 both (no
  // choice: own), task 3 both with the grid as its own figure (choice: vendor) in week 1 and own
  // self-service registrations alone in week 2 (they count whatever the choice: nothing to choose from).
  const own = [
    // [task, week, channel, type, quantity]
    [0, W1, "SLVBTJN", "OPRET", 30],
    [0, W1, "TLFIND", "OPRET", 10],
    [0, W2, "TLFIND", "OPRET", 5],
    [1, W1, "TLFIND", "OPRET", 20],
    [2, W1, "SLVBTJN", "OPRET", 10],
    [2, W1, "TLFIND", "STATUS", 10],
    [3, W1, "TLFIND", "OPRET", 5],
    [3, W2, "SLVBTJN", "OPRET", 4],
  ] as const;
  const grid = { 0: { [W2]: 20 }, 3: { [W1]: 15 } } as Record<number, Record<string, number>>;
  const vendor = { 1: { [W1]: 60 }, 2: { [W1]: 90 }, 3: { [W1]: 45 } } as Record<number, Record<string, number>>;

  /** The hand computation: per task and week the chosen figure, then sums per task. */
  function expected(choice: Record<number, "OWN" | "VENDOR">) {
    return tasks.map((_, task) => {
      let self = 0;
      let tx = 0;
      for (const week of [W1, W2]) {
        const rows = own.filter((r) => r[0] === task && r[1] === week);
        const ownSelf = rows.filter((r) => r[2] === "SLVBTJN").reduce((s, r) => s + r[4], 0) + (grid[task]?.[week] ?? 0);
        const hasOwn = rows.some((r) => r[2] === "SLVBTJN") || grid[task]?.[week] !== undefined;
        const v = vendor[task]?.[week];
        const chosen = v !== undefined && (!hasOwn || choice[task] === "VENDOR") ? v : ownSelf;
        self += chosen;
        tx += rows.filter((r) => r[2] !== "SLVBTJN").reduce((s, r) => s + r[4], 0) + chosen;
      }
      return { self, tx, rate: tx ? self / tx : null };
    });
  }

  async function report(): Promise<ReportTable> {
    const params: Record<string, string | string[]> = { kommune: "259", uge: [W1, W2], opgave: tasks.map((x) => x.number) };
    const result = (await runReport(t.database.sql, (await actor(KOEGE)).access, "selvbetjening", params)).result;
    return result.tables.find((x) => x.id === "pr-opgave")!;
  }

  it("has the crafted data", async () => {
    for (const [task, week, channel, type, quantity] of own) await register(task, week, channel, type, quantity);
    const ctx = await t.koege();
    const cells = (weekly: Record<number, Record<string, number>>, week: string) =>
      Object.fromEntries(
        Object.entries(weekly)
          .filter(([, w]) => w[week] !== undefined)
          .map(([task, w]) => [`c_${tasks[Number(task)].id}_${week.replace("-W", "")}`, String(w[week])]),
      );
    // A first grid, then the real one: saving again replaces it.
    await saveSelfServiceGrid(ctx, {
      municipalityId: t.municipalityId(259),
      roundId,
      source: "COUNTER_SCRIPT",
      solution: null,
      cells: { ...cells(grid, W1) },
    });
    const saved = await saveSelfServiceGrid(ctx, {
      municipalityId: t.municipalityId(259),
      roundId,
      source: "STATISTICS_MODULE",
      solution: "Sag & Borger",
      cells: { ...cells(grid, W1), ...cells(grid, W2) },
    });
    expect(saved).toMatchObject({ rows: 2, total: 35, replaced: true });
    expect(await t.prisma.selfServiceCount.count({ where: { municipalityId: t.municipalityId(259), source: { not: "VENDOR" } } })).toBe(2);
    const file = Object.entries(vendor)
      .flatMap(([task, w]) =>
        Object.entries(w).map(
          ([week, n]) => `259;${tasks[Number(task)].number};${week};${n};${Number(task) === 3 ? "NemRefusion" : "KMD"}\r\n`,
        ),
      )
      .join("");
    expect((await send(file)).status).toBe(200);
  });

  for (const [name, choice] of [
    ["own figures where both exist (the default)", {}],
    ["the vendor's figure for task 3, own for task 2", { 3: "VENDOR" }],
    ["the vendor's figure for task 2, own for task 3", { 2: "VENDOR", 3: "OWN" }],
  ] as [string, Record<number, "OWN" | "VENDOR">][]) {
    it(`computes the rate from ${name}, and names the source per task`, async () => {
      for (const [task, figure] of Object.entries(choice))
        await setSelfServiceChoice(await t.koege(), {
          municipalityId: t.municipalityId(259),
          taskId: tasks[Number(task)].id,
          choice: figure,
        });
      const table = await report();
      const want = expected(choice);
      const byNumber = new Map(table.rows.map((r) => [r.code, r]));
      tasks.forEach((task, i) => {
        const row = byNumber.get(task.number)!;
        expect({ self: row.self, tx: row.tx, rate: row.rate }).toEqual(want[i]);
      });
      expect(table.total).toMatchObject({
        self: want.reduce((s, r) => s + r.self, 0),
        tx: want.reduce((s, r) => s + r.tx, 0),
      });
      const source = (i: number) => byNumber.get(tasks[i].number)!.source;
      expect(source(0)).toBe("Egne tal");
      expect(source(1)).toBe("Leverandørdata (KMD)");
      expect(source(2)).toBe(choice[2] === "VENDOR" ? "Leverandørdata (KMD); egne tal fravalgt" : "Egne tal; leverandørdata fravalgt");
      expect(source(3)).toBe(
        choice[3] === "VENDOR" ? "Egne tal og leverandørdata (NemRefusion); egne tal fravalgt" : "Egne tal; leverandørdata fravalgt",
      );
    });
  }

  it("gives KL's table of the round's package the same figures", async () => {
    const result = (await runReport(t.database.sql, (await actor(KOEGE)).access, "selvbetjening", { kommune: "259", runde: "selv-2031" }))
      .result;
    const kl = result.tables.find((x) => x.id === "kl")!;
    const want = expected({ 2: "VENDOR", 3: "OWN" });
    expect(kl.total).toMatchObject({ selfNow: want.reduce((s, r) => s + r.self, 0), txNow: want.reduce((s, r) => s + r.tx, 0) });
  });

  it("leaves the whole municipality's counts out for a unit, and counts them after a vendor undo no more", async () => {
    const skranke = await t.unitId(259, "Borgerservice – Skranke");
    const params = { kommune: "259", uge: [W1, W2], opgave: tasks.map((x) => x.number), enhed: [skranke] };
    const table = (await runReport(t.database.sql, (await actor(KOEGE)).access, "selvbetjening", params)).result.tables.find(
      (x) => x.id === "pr-opgave",
    )!;
    expect(table.rows.find((r) => r.code === tasks[1].number)).toMatchObject({ self: 0, tx: 20 });
    const upload = await t.prisma.importBatch.findFirstOrThrow({
      where: { kind: "VENDOR_FILE", undoneAt: null },
      select: { uploadId: true },
    });
    await undoVendorUpload(t.prisma, await actor(KL), upload.uploadId!);
    const after = await report();
    expect(after.rows.find((r) => r.code === tasks[1].number)).toMatchObject({ self: 0, tx: 20, source: "Ingen selvbetjening" });
  });
});

describe("approved data is frozen for self-service counts too", () => {
  it("refuses KL's lines, the grid and undoing them in an approved round, and lets them through once reopened", async () => {
    const ctx = await t.koege();
    const grid = await saveSelfServiceGrid(ctx, {
      municipalityId: t.municipalityId(259),
      roundId,
      source: "COUNTER_SCRIPT",
      solution: null,
      cells: { [`c_${tasks[0].id}_203110`]: "9" },
    });
    await t.prisma.roundApproval.create({ data: { municipalityId: t.municipalityId(259), roundId } });
    const before = await stored();
    const response = await send(`259;${tasks[0].number};${W1};5;Frossen\r\n101;${tasks[0].number};${W1};5;Frossen\r\n`);
    expect(response.status).toBe(422);
    expect((await response.json()).problems).toEqual([
      "Linje 2: Kommune 259 har godkendt og låst sine data for uge 2031-W10; kommunens tovholder skal genåbne runden, før tallet kan indlæses.",
    ]);
    await expect(
      saveSelfServiceGrid(ctx, { municipalityId: t.municipalityId(259), roundId, source: "COUNTER_SCRIPT", solution: null, cells: {} }),
    ).rejects.toSatisfy((e) => databaseFrozen(e) !== null);
    await expect(undoMunicipalityBatch(t.prisma, await actor(KOEGE), grid.batchId)).rejects.toSatisfy((e) => databaseFrozen(e) !== null);
    expect(await stored()).toEqual(before);
    await t.prisma.roundApproval.delete({ where: { municipalityId_roundId: { municipalityId: t.municipalityId(259), roundId } } });
    await undoMunicipalityBatch(t.prisma, await actor(KOEGE), grid.batchId);
    expect(await t.prisma.selfServiceCount.count({ where: { batchId: grid.batchId } })).toBe(0);
  });
});
