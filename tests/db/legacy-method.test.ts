import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccess } from "@/lib/auth/load-access";
import type { SporDatabase } from "@/lib/database/open";
import { exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { describeSummary, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { precisionOf } from "@/lib/exchange/plan-rows";
import { createMassRegistration } from "@/lib/exchange/mass-registration";
import { CHANNELS } from "@/lib/reference/codes";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Old raw exports through the importer: a form on a channel where it is not asked is stored as not
// asked whatever the file says; start and end count as measured time only for the units the
// coordinator names; rows at 00:00:00 have only a date. The legacy export writes TraceTool's NEJ back.

let database: SporDatabase;
let koege: string;
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const HEADER = "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n";
const FILE = latin1(
  HEADER +
    "Køge;259;koege_bs;23.05.10;TLFIND;INFO;STRAKS;NEJ;21-10-2013 09:15:00;21-10-2013 09:14:00;21-10-2013 09:15:00;Tracetool;\r\n" +
    "Køge;259;koege_bs;23.05.10;PRSNLG;OPRET;HOLD;JA;21-10-2013 10:02:11;21-10-2013 09:58:11;21-10-2013 10:02:11;Tracetool;\r\n" +
    "Køge;259;koege_tlf;23.05.10;TLFUD;VEJL;STRAKS;JA;22-10-2013 11:00:00;22-10-2013 10:59:30;22-10-2013 11:00:00;Tracetool;\r\n" +
    "Køge;259;koege_tlf;23.05.10;SLVBTJN;OPRET;STRAKS;JA;22-10-2013 11:30:00;22-10-2013 11:29:00;22-10-2013 11:30:00;Tracetool;\r\n" +
    "Køge;259;;15.20;WEB;;STRAKS;NEJ;22-10-2013 00:00:00;;;DetDigitaleLandkort;\r\n",
);

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("latin1");
}

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  koege = (await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
  await database.prisma.unit.updateMany({ where: { municipalityId: koege, name: "Borgerservice" }, data: { legacyLogin: "koege_bs" } });
  await database.prisma.unit.updateMany({
    where: { municipalityId: koege, name: "Borgerservice – Telefon" },
    data: { legacyLogin: "koege_tlf" },
  });
});
afterAll(() => database.close());

describe("importing an old raw export", () => {
  it("lists the units with times, refuses a timed unit the file does not have, and imports only the named units' times as measured", async () => {
    await expect(planFileImport(database.prisma, koege, FILE, "legacy", { timedUnits: ["koege_xx"] })).rejects.toThrow(/koege_xx/);
    await expect(planFileImport(database.prisma, koege, FILE, "csv", { timedUnits: ["koege_bs"] })).rejects.toThrow(
      /kun angives for gamle/,
    );
    const { plan, summary } = await planFileImport(database.prisma, koege, FILE, "legacy", { timedUnits: ["KOEGE_BS"] });
    try {
      expect(plan.errors).toEqual([]);
      expect(summary.timedUnits).toEqual([
        { login: "koege_bs", rows: 2, measured: true },
        { login: "koege_tlf", rows: 2, measured: false },
      ]);
      expect(describeSummary(summary).join("\n")).toMatch(/Tidsmåling \(tæller i Tidsforbrug\): koege_bs: 2/);
      const batch = await commitImport(database.prisma, plan, {
        actorUserId: null,
        kind: "LEGACY_IMPORT",
        source: "LEGACY_IMPORT",
        fileName: "2013.csv",
      });
      const rows = await database.prisma.registration.findMany({
        where: { batchId: batch.id },
        select: { channelCode: true, form: true, closureCode: true, measuredTime: true, timePrecision: true, startedAt: true },
        orderBy: { occurredAt: "asc" },
      });
      expect(rows.map((r) => [r.channelCode, r.form, r.measuredTime, r.timePrecision, r.startedAt !== null])).toEqual([
        ["TLFIND", null, true, "TIME", true], // NEJ on the telephone was never an answer
        ["PRSNLG", true, true, "TIME", true],
        ["WEB", null, false, "DATE", false], // a web visit at 00:00:00: a date, not a time of day
        ["TLFUD", null, false, "TIME", true], // JA on the telephone neither; koege_tlf did not measure time
        ["SLVBTJN", true, false, "TIME", true], // self-service is asked (JA in the real 2013 export)
      ]);
      // The web visit keeps the file's closure (written back by the export); the reports leave it out.
      expect(rows[2].closureCode).toBe("STRAKS");
    } finally {
      plan.close();
    }
  });

  it("counts only the measured units in Tidsforbrug and the web visit in no closure share", async () => {
    const coordinator = await database.prisma.user.findUniqueOrThrow({ where: { email: "koordinator@koege.test" } });
    const access = await loadAccess(database.prisma, coordinator.id);
    const run = async (slug: string, params: Record<string, string> = {}) =>
      (await runReport(database.sql, access, slug, { kommune: "259", fra: "2013-10-21", til: "2013-10-22", udenfor: "1", ...params }))
        .result;
    const time = (await run("tidsforbrug")).tables.find((t) => t.id === "pr-kanal")!;
    expect(time.rows.map((r) => [r.code, r.timed, r.average])).toEqual([
      ["PRSNLG", 1, 4],
      ["TLFIND", 1, 1],
    ]);
    const closure = (await run("afslutning", { efter: "kanal" })).tables[0];
    expect(closure.rows.find((r) => r.code === "WEB")).toMatchObject({ yes: 0, no: 0, none: 1, share: null });
    expect(closure.total).toMatchObject({ yes: 3, no: 1, answered: 4, share: 0.75 });
  });

  it("writes TraceTool's NEJ back for a form not asked on a row registered one by one", async () => {
    const tlf = await database.prisma.registration.findFirstOrThrow({
      where: { municipalityId: koege, channelCode: "TLFIND", source: "MANUAL" },
      select: { id: true, occurredAt: true },
    });
    expect((await database.prisma.registration.findUniqueOrThrow({ where: { id: tlf.id } })).form).toBeNull();
    const day = new Date(tlf.occurredAt.getTime() - 1000);
    const out = await text(
      exportRegistrationsStream({ municipalityIds: [koege], from: day, to: new Date(tlf.occurredAt.getTime() + 1000) }, "legacy"),
    );
    const line = out.split("\r\n").find((l) => l.includes(";TLFIND;"))!;
    expect(line.split(";")[7]).toBe("NEJ");
    expect(line).toMatch(/;Tracetool;$/);
  });
});

describe("time precision", () => {
  it("dates a row at exactly 00:00:00 Danish time, never one a second or a millisecond later", () => {
    expect(precisionOf(new Date("2013-10-21T22:00:00.000Z"))).toBe("DATE"); // 00:00 in summer time
    expect(precisionOf(new Date("2013-10-27T23:00:00.000Z"))).toBe("DATE"); // 00:00 after the change to winter time
    expect(precisionOf(new Date("2013-10-21T22:00:01.000Z"))).toBe("TIME");
    expect(precisionOf(new Date("2013-10-21T22:00:00.001Z"))).toBe("TIME");
    expect(precisionOf(new Date("2013-10-21T23:00:00.000Z"))).toBe("TIME");
  });

  it("stores a mass registration by day as a date and one by week as a week", async () => {
    const coordinator = await database.prisma.user.findUniqueOrThrow({ where: { email: "koordinator@koege.test" } });
    const access = await loadAccess(database.prisma, coordinator.id);
    const unit = await database.prisma.unit.findFirstOrThrow({
      where: { municipalityId: koege, name: "Borgerservice" },
      include: { channels: true, tasks: { include: { task: true } } },
    });
    const task = unit.tasks.find((t) => t.task.number !== "FEJL")!.taskId;
    const channel = CHANNELS.find((c) => c.direction === "IN" && unit.channels.some((u) => u.channelCode === c.code))!;
    const base = {
      unitId: unit.id,
      direction: "IN",
      channelCode: channel.code,
      taskId: task,
      contactTypeCode: "OPRET",
      closureCode: "STRAKS",
      form: channel.asksForm ? "ja" : "",
      quantity: "40",
    };
    const byDay = await createMassRegistration(
      database.prisma,
      { id: coordinator.id, access },
      { ...base, when: "date", date: "2026-10-20" },
      new Date("2026-11-01T12:00:00Z"),
    );
    const byWeek = await createMassRegistration(
      database.prisma,
      { id: coordinator.id, access },
      { ...base, when: "week", isoYear: "2026", isoWeek: "43" },
      new Date("2026-11-01T12:00:00Z"),
    );
    const precision = async (batchId: string) =>
      (await database.prisma.registration.findFirstOrThrow({ where: { batchId } })).timePrecision;
    expect([await precision(byDay.id), await precision(byWeek.id)]).toEqual(["DATE", "WEEK"]);
  });
});
