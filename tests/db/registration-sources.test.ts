import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveUnitLogin } from "@/lib/units/unit-login";
import { loadAccess } from "@/lib/auth/load-access";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { exportRegistrationsStream } from "@/lib/exchange/export-registrations";
import { fileImportOptions, planFileImport } from "@/lib/exchange/file-import";
import { commitImport } from "@/lib/exchange/import-rows";
import { createMassRegistration } from "@/lib/exchange/mass-registration";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { createRegistration } from "@/lib/registrations/mutations";
import { loadToday } from "@/lib/registrations/queries";
import { registrationInputSchema } from "@/lib/registrations/schema";
import { describeContext } from "@/lib/reports/describe";
import { runReport } from "@/lib/reports/run";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// Every write path stores where a registration came from; reports filter on it (from the rollups
// and from the registrations alike); the old layout writes an imported row's Datakilde as read.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let koege: string;
let telefon: string;
let borgerservice: string;
let flytning: string;
const NOW = new Date("2026-11-20T12:00:00Z");
const at = (iso: string) => new Date(iso);
const encoder = new TextEncoder();
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const sourceOf = async (id: string) => (await t.prisma.registration.findUniqueOrThrow({ where: { id }, select: { source: true } })).source;
const sourcesOfBatch = async (batchId: string) =>
  (
    await t.prisma.registration.findMany({ where: { batchId }, select: { source: true, fileLine: true }, orderBy: { fileLine: "asc" } })
  ).map((r) => [r.source, r.fileLine]);

function screenInput(occurredAt: string) {
  return registrationInputSchema.parse({
    id: crypto.randomUUID(),
    unitId: telefon,
    channelCode: "TLFIND",
    taskId: flytning,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt,
    isTest: false,
  });
}

async function importFile(kind: "csv" | "legacy", bytes: Uint8Array, fileName: string) {
  const planned = await planFileImport(t.prisma, koege, bytes, kind, { createMissingUnits: true, now: NOW });
  try {
    expect(planned.plan.errors).toEqual([]);
    return await commitImport(t.prisma, planned.plan, {
      actorUserId: t.userId("koordinator@koege.test"),
      fileName,
      ...fileImportOptions(kind, planned, {}),
    });
  } finally {
    planned.plan.close();
  }
}

const LEGACY =
  "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;\r\n" +
  "Køge;259;koege_tlf;23.05.10;TLFIND;INFO;STRAKS;;19-10-2026 09:15:00;;;Tracetool;\r\n" +
  "Køge;259;;23.05.10;WEB;;;;19-10-2026 00:00:00;;;DetDigitaleLandkort;\r\n" +
  "Køge;259;koege_tlf;23.05.10;TLFIND;VEJL;HOLD;;19-10-2026 09:15:00;;;TRACETOOL;\r\n";

beforeAll(async () => {
  t = await adminTestDatabase();
  koege = t.municipalityId(259);
  telefon = await t.unitId(259, "Borgerservice – Telefon");
  borgerservice = await t.unitId(259, "Borgerservice");
  flytning = await taskId(t.prisma, "23.05.10");
});
afterAll(() => t.database.close());

describe("the source of a registration, per write path", () => {
  it("registration screen: MANUAL with a personal account, UNIT_LOGIN with the unit's shared login", async () => {
    const personal = screenInput("2026-11-20T09:00:00Z");
    await createRegistration(t.prisma, { id: t.userId("medarbejder@koege.test") }, personal, NOW);
    expect(await sourceOf(personal.id)).toBe("MANUAL");

    await saveUnitLogin(await t.koege(), { municipalityId: koege, unitId: telefon, login: "telefon@koege.test" });
    const login = await t.prisma.user.findUniqueOrThrow({ where: { email: "telefon@koege.test" }, select: { id: true } });
    const shared = screenInput("2026-11-20T09:05:00Z");
    expect(await createRegistration(t.prisma, login, shared, NOW)).toMatchObject({ status: "created" });
    expect(await sourceOf(shared.id)).toBe("UNIT_LOGIN");
    // The shared login sees and may correct its own registrations today, as a person does.
    const today = await loadToday(t.prisma, login.id, telefon, NOW);
    expect(today.own.map((r) => r.id)).toContain(shared.id);
  });

  it("mass registration: MASS", async () => {
    const id = t.userId("koordinator@koege.test");
    const batch = await createMassRegistration(
      t.prisma,
      { id, access: await loadAccess(t.prisma, id) },
      {
        unitId: borgerservice,
        direction: "IN",
        channelCode: "PPRIND",
        taskId: flytning,
        contactTypeCode: "OPRET",
        closureCode: "STRAKS",
        form: "nej",
        when: "date",
        date: "2026-10-19",
        quantity: "40",
      },
      NOW,
    );
    expect(await sourcesOfBatch(batch.id)).toEqual([["MASS", null]]);
  });

  it("Spor CSV upload: UPLOAD, with each row's line", async () => {
    const csv =
      "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n259;Borgerservice;23.05.10;SLVBTJN;OPRET;;;2026-10-19 10:00;412\r\n\r\n259;Borgerservice;23.05.10;WEB;;;;2026-10-19 11:30;1800\r\n";
    const batch = await importFile("csv", encoder.encode(csv), "okt.csv");
    // The blank line 3 is counted, so the lines are those an editor shows.
    expect(await sourcesOfBatch(batch.id)).toEqual([
      ["UPLOAD", 2],
      ["UPLOAD", 4],
    ]);
  });

  it("ingestion API: API", async () => {
    const token = { id: crypto.randomUUID(), name: "Kø-system", municipalityId: koege, municipalityNumber: 259, unitIds: [] };
    await t.prisma.apiToken.create({
      data: { id: token.id, municipalityId: koege, name: token.name, tokenHash: crypto.randomUUID(), prefix: "spor_x" },
    });
    const item = {
      id: crypto.randomUUID(),
      unit: "Borgerservice",
      task: "23.05.10",
      channelCode: "SLVBTJN",
      contactTypeCode: "OPRET",
      occurredAt: "2026-11-19T10:00:00+01:00",
      quantity: 3,
    };
    expect(await ingestRegistrations(t.prisma, token, [item], NOW)).toMatchObject({ status: "stored", created: 1 });
    expect(await sourceOf(item.id)).toBe("API");
  });

  it("old raw export: each row's Datakilde, TraceTool or Det Digitale Landkort, as its own source", async () => {
    const batch = await importFile("legacy", latin1(LEGACY), "2026.csv");
    expect(await sourcesOfBatch(batch.id)).toEqual([
      ["LEGACY_TRACETOOL", 2],
      ["LEGACY_LANDKORT", 3],
      ["LEGACY_TRACETOOL", 4],
    ]);
    const kind = await t.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { kind: true } });
    expect(kind.kind).toBe("LEGACY_IMPORT");
  });
});

describe("the old layout's Datakilde", () => {
  it("writes an imported row's Datakilde exactly as read (in the old tool's spelling), in the file's order", async () => {
    const text = await new Response(
      exportRegistrationsStream({ municipalityIds: [koege], from: at("2026-10-18T22:00:00Z"), to: at("2026-10-19T22:00:00Z") }, "legacy"),
    ).arrayBuffer();
    // The old export's rows: its unit login, or no unit.
    const lines = Buffer.from(text)
      .toString("latin1")
      .split("\r\n")
      .filter((l) => /^Køge;259;(koege_tlf)?;/.test(l));
    // The WEB row at 00:00 first (time order); the two TLFIND rows at 09:15 in the file's order.
    expect(lines).toEqual([
      "Køge;259;;23.05.10;WEB;;;;19-10-2026 00:00:00;;;DetDigitaleLandkort;",
      // Blanket is not asked on telephone: NEJ on Tracetool rows, as TraceTool wrote it.
      "Køge;259;koege_tlf;23.05.10;TLFIND;INFO;STRAKS;NEJ;19-10-2026 09:15:00;;;Tracetool;",
      "Køge;259;koege_tlf;23.05.10;TLFIND;VEJL;HOLD;NEJ;19-10-2026 09:15:00;;;Tracetool;",
    ]);
  });

  it("writes Spor's own sources in the old tool's meaning, and nothing where the source is not known", async () => {
    const sources: RegistrationSource[] = ["MANUAL", "UNIT_LOGIN", "MASS", "UPLOAD", "API", "LEGACY_IMPORT"];
    const occurredAt = at("2026-09-07T10:00:00Z");
    for (const [i, source] of sources.entries()) {
      await t.prisma.registration.create({
        data: {
          id: crypto.randomUUID(),
          municipalityId: koege,
          unitId: borgerservice,
          taskId: flytning,
          channelCode: "TLFIND",
          contactTypeCode: "INFO",
          closureCode: "STRAKS",
          occurredAt: new Date(occurredAt.getTime() + i * 60_000),
          ...isoWeekOf(occurredAt),
          source,
        },
      });
    }
    const text = await new Response(
      exportRegistrationsStream({ municipalityIds: [koege], from: occurredAt, to: at("2026-09-07T11:00:00Z") }, "legacy"),
    ).text();
    const datakilde = text
      .split("\r\n")
      .slice(1, -1)
      .map((l) => l.split(";")[11]);
    expect(datakilde).toEqual(["Tracetool", "Tracetool", "DetDigitaleLandkort", "DetDigitaleLandkort", "DetDigitaleLandkort", ""]);
    // Spor's CSV carries the source itself in `kilde`.
    const csv = await new Response(
      exportRegistrationsStream({ municipalityIds: [koege], from: occurredAt, to: at("2026-09-07T11:00:00Z") }, "csv"),
    ).text();
    expect(
      csv
        .split("\r\n")
        .slice(1, -1)
        .map((l) => l.split(";")[15]),
    ).toEqual(sources);
  });
});

describe("reports filter on the source", () => {
  const tables = new Set<string>();
  async function run(slug: string, kilde: string, useRollups = true) {
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    const { report, ctx } = await runReport(t.database.sql, access, slug, {
      kommune: "259",
      fra: "2026-10-19",
      til: "2026-10-19",
      udenfor: "1",
      kilde,
    });
    const query = async <T>(sql: string, params?: unknown[]) => {
      for (const m of sql.matchAll(/\b(report_rollup_\w+|FROM registration WHERE)/g)) tables.add(m[1]);
      return t.database.sql.query<T>(sql, params);
    };
    return report.run(query, { ...ctx, useRollups });
  }
  const contacts = async (slug: string, kilde: string) => {
    const table = (await run(slug, kilde)).tables[0];
    return table.rows.reduce((sum, r) => sum + Number(slug === "tidspunkt" ? r.total : r.contacts), 0);
  };

  it("counts only the chosen sources, in the hour chart (hours rollup) as in the channel mix", async () => {
    // 19 October 2026 holds 40 mass-registered letters (at noon), 412 + 1,800 uploaded contacts (10:00
    // and 11:30), and three old rows (two TraceTool at 09:15, one Det Digitale Landkort without a time
    // of day) besides the demo's own registrations.
    expect(await contacts("tidspunkt", "MASS")).toBe(40);
    expect(await contacts("tidspunkt", "UPLOAD")).toBe(2212);
    expect(await contacts("tidspunkt", "legacy_tracetool")).toBe(2);
    expect(await contacts("kanaler", "LEGACY_TRACETOOL,LEGACY_LANDKORT")).toBe(3);
    expect(await contacts("kanaler", "LEGACY_LANDKORT")).toBe(1);
    expect(await contacts("kanaler", "UPLOAD,MASS")).toBe(2252);
    // The page says which sources the figures cover.
    const access = await loadAccess(t.prisma, t.userId("koordinator@koege.test"));
    const { ctx } = await runReport(t.database.sql, access, "kanaler", { kommune: "259", kilde: "legacy_tracetool,UPLOAD" });
    expect(describeContext(ctx)).toContain("datakilde: Gamle data: TraceTool, Upload af CSV-fil");
  });

  it("gives the same figures from the rollups as from the registrations themselves", async () => {
    for (const slug of ["tidspunkt", "enheder", "kanaler", "afslutning"]) {
      for (const kilde of ["LEGACY_TRACETOOL", "UPLOAD,MASS", "MANUAL,UNIT_LOGIN"]) {
        expect(await run(slug, kilde), `${slug} ${kilde}`).toEqual(await run(slug, kilde, false));
      }
    }
  });

  it("reads the hour chart and participation filtered by source from the hours rollup, not the registrations", async () => {
    for (const slug of ["tidspunkt", "enheder"]) {
      tables.clear();
      await run(slug, "UPLOAD");
      expect([...tables], slug).toEqual(["report_rollup_hours"]);
    }
  });
});
