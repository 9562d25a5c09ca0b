import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadReferences } from "@/app/api/reference-counts/route";
import { POST as apiReferences } from "@/app/api/v1/reference-counts/route";
import { loadAccess } from "@/lib/auth/load-access";
import { resetAuth } from "@/lib/auth/auth";
import { danishInstant } from "@/lib/exchange/local-time";
import { undoMunicipalityBatch } from "@/lib/exchange/undo";
import { createApiToken } from "@/lib/ingestion/tokens";
import { runReport } from "@/lib/reports/run";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { addRegistration, adminTestDatabase } from "@/tests/helpers/admin";
import { multipartRequest } from "@/tests/helpers/multipart";
import { signInCookie } from "@/tests/helpers/sign-in";

// Reference counts (issue 16) through their real route handlers, read back from the database, and
// «Dækning» against a hand computation on crafted data. The crafted days (March 2025) hold no demo data.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const cookies = new Map<string, string>();
const KOEGE = "koordinator@koege.test";
const KBH = "koordinator@kbh.test";
const TELEFON = "Borgerservice – Telefon";
const SKRANKE = "Borgerservice – Skranke";
const noParams = { params: Promise.resolve({}) };
const encoder = new TextEncoder();
const HEADER = "kommune;enhed;dato;time;kanal;art;antal\r\n";

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  for (const email of [KOEGE, KBH]) cookies.set(email, await signInCookie(t.prisma, email, DEMO_PASSWORD));
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

const upload = (who: string, text: string, url = "/api/reference-counts?kommune=259") =>
  multipartRequest(url, cookies.get(who)!, [{ name: "fil", filename: "puzzel.csv", bytes: encoder.encode(HEADER + text) }]).then((r) =>
    uploadReferences(r, noParams),
  );
const stored = async () => ({
  references: await t.prisma.referenceCount.count(),
  batches: await t.prisma.importBatch.count(),
  registrations: await t.prisma.registration.count(),
});

describe("reference counts from a file", () => {
  const FILE = `259;${TELEFON};2025-03-10;9;TLFIND;BESVAREDE_OPKALD;10\r\n259;${TELEFON};2025-03-10;10;TLFIND;BESVAREDE_OPKALD;10\r\n259;${SKRANKE};2025-03-10;;PRSNLG;BETJENTE_BESOEG;5\r\n259;${SKRANKE};2025-03-10;;SLVBTJN;SELVBETJENING;0\r\n259;;2025-03-10;;TLFIND;BESVAREDE_OPKALD;24\r\n`;

  it("refuses a file with any bad line, naming every line, and writes nothing", async () => {
    const before = await stored();
    const bad =
      `259;${TELEFON};2025-03-10;9;TLFIND;BESVAREDE_OPKALD;10\r\n` + // 2 fine
      `259;Ukendt;2025-03-10;;TLFIND;BESVAREDE_OPKALD;3\r\n` + // 3 unknown unit
      `259;${SKRANKE};2025-03-10;;TLFIND;BETJENTE_BESOEG;3\r\n` + // 4 channel does not fit the kind
      `259;${TELEFON};2025-03-10;9;TLFIND;BESVAREDE_OPKALD;11\r\n` + // 5 same slot as line 2
      `101;${TELEFON};2025-03-10;;TLFIND;BESVAREDE_OPKALD;1\r\n` + // 6 another municipality
      `259;${TELEFON};2025-03-32;25;TLFIND;OPKALD;-1\r\n`; // 7 date, hour, kind, count
    const response = await upload(KOEGE, bad);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toBe("Filen har 5 fejl. Intet er gemt.");
    expect(body.problems.map((e: string) => e.split(":")[0])).toEqual(["Linje 3", "Linje 4", "Linje 5", "Linje 6", "Linje 7"]);
    expect(body.problems[1]).toBe('Linje 4: Kanalen "TLFIND" passer ikke til betjente besøg; brug PRSNLG.');
    expect(body.problems[2]).toBe("Linje 5: Samme enhed, dag, time, kanal og art står også i linje 2.");
    expect(await stored()).toEqual(before);
  });

  it("imports a good file as one batch, audit-logged, never as registrations; a resend is refused; undo removes it", async () => {
    const before = await stored();
    const response = await upload(KOEGE, FILE);
    expect(response.status).toBe(200);
    expect((await response.json()).ok).toBe("5 referencetal (i alt 49) er indlæst.");
    const batch = await t.prisma.importBatch.findFirstOrThrow({ where: { kind: "REFERENCE_UPLOAD" }, orderBy: { createdAt: "desc" } });
    expect(batch).toMatchObject({ rowCount: 5, totalQuantity: 49, fileName: "puzzel.csv", municipalityId: t.municipalityId(259) });
    const rows = await t.prisma.referenceCount.findMany({ where: { batchId: batch.id }, orderBy: [{ count: "asc" }] });
    expect(rows.map((r) => [r.hour, r.channelCode, r.kind, r.count, r.unitId === null])).toEqual([
      [null, "SLVBTJN", "SELF_SERVICE_APPLICATIONS", 0, false],
      [null, "PRSNLG", "VISITS_SERVED", 5, false],
      [9, "TLFIND", "ANSWERED_CALLS", 10, false],
      [10, "TLFIND", "ANSWERED_CALLS", 10, false],
      [null, "TLFIND", "ANSWERED_CALLS", 24, true],
    ]);
    expect(await stored()).toEqual({ references: before.references + 5, batches: before.batches + 1, registrations: before.registrations });
    expect(await t.prisma.auditEvent.count({ where: { action: "reference.import", entityId: batch.id } })).toBe(1);

    // The same file again (rows in another order): refused, nothing written.
    const lines = FILE.trim().split("\r\n").reverse().join("\r\n") + "\r\n";
    const again = await upload(KOEGE, lines);
    expect(again.status).toBe(409);
    // Another count for a stored slot: refused with its line.
    const changed = await upload(KOEGE, `259;${TELEFON};2025-03-10;;TLFIND;BESVAREDE_OPKALD;30\r\n`);
    expect(changed.status).toBe(422);
    expect((await changed.json()).problems[0]).toMatch(/^Linje 2: Der er allerede et tal for besvarede opkald/);
    expect(await stored()).toEqual({ references: before.references + 5, batches: before.batches + 1, registrations: before.registrations });

    // Undo, then import again for the coverage tests below.
    await expect(
      undoMunicipalityBatch(t.prisma, { id: t.userId(KBH), access: await loadAccess(t.prisma, t.userId(KBH)) }, batch.id),
    ).rejects.toThrow("Indlæsningen findes ikke.");
    const undone = await undoMunicipalityBatch(
      t.prisma,
      { id: t.userId(KOEGE), access: await loadAccess(t.prisma, t.userId(KOEGE)) },
      batch.id,
    );
    expect(undone.deleted).toBe(5);
    expect(await t.prisma.referenceCount.count({ where: { batchId: batch.id } })).toBe(0);
    expect((await upload(KOEGE, FILE)).status).toBe(200);
  });

  it("refuses another municipality's coordinator", async () => {
    const before = await stored();
    const response = await upload(KBH, `259;${TELEFON};2025-03-11;;TLFIND;BESVAREDE_OPKALD;1\r\n`);
    expect(response.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe("reference counts through the API", () => {
  const post = (secret: string, body: unknown) =>
    apiReferences(
      new Request("http://localhost/api/v1/reference-counts", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify(body),
      }),
      noParams,
    );
  const item = (o: Record<string, unknown> = {}) => ({
    unit: TELEFON,
    date: "2025-03-12",
    hour: null,
    channelCode: "TLFIND",
    kind: "BESVAREDE_OPKALD",
    count: 40,
    ...o,
  });

  it("stores, acknowledges a resend, refuses a changed count and a limited token's whole-municipality count", async () => {
    const { secret } = await createApiToken(await t.koege(), {
      municipalityId: t.municipalityId(259),
      name: `Puzzel ${crypto.randomUUID().slice(0, 6)}`,
      unitIds: [],
    });
    const first = await post(secret, { referenceCounts: [item(), item({ channelCode: "PRSNLG", kind: "BETJENTE_BESOEG", count: 7 })] });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: 2, alreadyStored: 0 });
    const before = await stored();
    const resend = await post(secret, { referenceCounts: [item()] });
    expect(resend.status).toBe(200);
    expect(await resend.json()).toMatchObject({ created: 0, alreadyStored: 1 });
    const changed = await post(secret, { referenceCounts: [item({ count: 41 }), item({ date: "2025-03-13", hour: 30 })] });
    expect(changed.status).toBe(422);
    expect((await changed.json()).errors.map((e: { index: number; field: string | null }) => [e.index, e.field])).toEqual([
      [0, null],
      [1, "hour"],
    ]);
    const limited = await createApiToken(await t.koege(), {
      municipalityId: t.municipalityId(259),
      name: `Trio ${crypto.randomUUID().slice(0, 6)}`,
      unitIds: [await t.unitId(259, TELEFON)],
    });
    const whole = await post(limited.secret, { referenceCounts: [item({ unit: null, date: "2025-03-14" })] });
    expect(whole.status).toBe(422);
    expect(await stored()).toEqual(before);
  });
});

describe("Dækning", () => {
  beforeAll(async () => {
    const m = t.municipalityId(259);
    const telefon = await t.unitId(259, TELEFON);
    const skranke = await t.unitId(259, SKRANKE);
    const at = (hour: number) => danishInstant(new Date(Date.UTC(2025, 2, 10)), hour, 15);
    // Telefon: 3 + 4 + 5 = 12 telephone contacts against 10 + 10 answered calls → 60 %.
    for (const [q, h] of [
      [3, 9],
      [4, 10],
      [5, 10],
    ])
      await addRegistration(t.prisma, { municipalityId: m, unitId: telefon, channelCode: "TLFIND", quantity: q, occurredAt: at(h) });
    // Skranke: 2 + 2 = 4 visits against 5 → 80 % (at the threshold, not below); 6 telephone contacts.
    for (const q of [2, 2])
      await addRegistration(t.prisma, { municipalityId: m, unitId: skranke, channelCode: "PRSNLG", quantity: q, occurredAt: at(11) });
    await addRegistration(t.prisma, { municipalityId: m, unitId: skranke, channelCode: "TLFIND", quantity: 6, occurredAt: at(12) });
    // Not counted: a test registration, another day, another channel.
    await addRegistration(t.prisma, {
      municipalityId: m,
      unitId: telefon,
      channelCode: "TLFIND",
      quantity: 50,
      occurredAt: at(13),
      isTest: true,
    });
    await addRegistration(t.prisma, {
      municipalityId: m,
      unitId: telefon,
      channelCode: "TLFIND",
      quantity: 50,
      occurredAt: danishInstant(new Date(Date.UTC(2025, 2, 9)), 23, 30),
    });
    await addRegistration(t.prisma, { municipalityId: m, unitId: telefon, channelCode: "EMLIND", quantity: 50, occurredAt: at(9) });
  });
  const run = async (email: string) =>
    (
      await runReport(t.database.sql, await loadAccess(t.prisma, t.userId(email)), "daekning", {
        kommune: "259",
        fra: "2025-03-10",
        til: "2025-03-10",
        udenfor: "1",
      })
    ).result;

  it("matches the hand computation, below the threshold first, zero reference as –", async () => {
    const result = await run(KOEGE);
    const rows = result.tables[0].rows.map((r) => [
      r.label,
      r.channel,
      r.registered,
      r.reference,
      r.coverage === null ? "–" : Math.round(Number(r.coverage) * 1000) / 1000,
      r.below,
    ]);
    expect(rows).toEqual([
      [TELEFON, "Telefon ind", 12, 20, 0.6, "Under grænsen"],
      // The whole municipality: 12 + 6 telephone contacts against 24 answered calls.
      ["Hele kommunen", "Telefon ind", 18, 24, 0.75, "Under grænsen"],
      [SKRANKE, "Personligt fremmøde ind", 4, 5, 0.8, ""],
      [SKRANKE, "Selvbetjening ind", 0, 0, "–", ""],
    ]);
    expect(result.notes[0]).toBe("2 rækker ligger under grænsen (grænsen er 80 %).");
  });

  it("follows the coordinator's threshold", async () => {
    await t.prisma.municipality.update({ where: { id: t.municipalityId(259) }, data: { coverageThreshold: 85 } });
    const rows = (await run(KOEGE)).tables[0].rows;
    expect(rows.filter((r) => r.below).map((r) => r.label)).toEqual([TELEFON, "Hele kommunen", SKRANKE]);
    await t.prisma.municipality.update({ where: { id: t.municipalityId(259) }, data: { coverageThreshold: 80 } });
  });

  it("shows a unit lead only their units, and another municipality's coordinator nothing", async () => {
    const lead = (await run("leder@koege.test")).tables[0].rows.map((r) => r.label);
    expect(lead).not.toContain("Hele kommunen");
    await expect(run(KBH)).rejects.toThrow();
  });
});
