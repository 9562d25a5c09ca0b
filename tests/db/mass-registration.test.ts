import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { loadAccess } from "@/lib/auth/load-access";
import { commitImport, planImport } from "@/lib/exchange/import-rows";
import { lastMassChoices, listMassRegistrations } from "@/lib/exchange/mass-queries";
import { createMassRegistration, deleteMassRegistration, QUANTITY_MESSAGE } from "@/lib/exchange/mass-registration";
import { parseUpload } from "@/lib/exchange/upload-rows";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const NOW = new Date("2026-11-22T12:00:00Z");
let borgerservice: string;
let skranke: string;
let telefon: string;
let jobcenter: string;
let kbhBorgerservice: string;
let flytning: string;

async function actor(email: string): Promise<Actor> {
  const id = t.userId(email);
  return { id, access: await loadAccess(t.prisma, id) };
}

/** 40 letters with form into Køge Borgerservice on Monday 19 October 2026, unless overridden. */
function input(overrides: Record<string, string> = {}): Record<string, string> {
  return {
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
    ...overrides,
  };
}

const counts = async () => ({
  registrations: await t.prisma.registration.count(),
  batches: await t.prisma.importBatch.count(),
  audit: await t.prisma.auditEvent.count(),
});

beforeAll(async () => {
  t = await adminTestDatabase();
  borgerservice = await t.unitId(259, "Borgerservice");
  skranke = await t.unitId(259, "Borgerservice – Skranke");
  telefon = await t.unitId(259, "Borgerservice – Telefon");
  jobcenter = await t.unitId(259, "Jobcenter");
  kbhBorgerservice = await t.unitId(101, "Borgerservice");
  flytning = await taskId(t.prisma, "23.05.10");
});
afterAll(() => t.database.close());

describe("saving a mass registration", () => {
  it("writes one MASS row with the quantity as a one-row batch, audit-logged, flagged like the registration screen", async () => {
    const coordinator = await actor("koordinator@koege.test");
    const batch = await createMassRegistration(t.prisma, coordinator, input(), NOW);
    expect(batch).toMatchObject({ rowCount: 1, totalQuantity: 40 });

    const stored = await t.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(stored).toMatchObject({ kind: "MASS", createdById: coordinator.id, municipalityId: t.municipalityId(259), fileName: null });
    const rows = await t.prisma.registration.findMany({ where: { batchId: batch.id } });
    expect(rows).toHaveLength(1);
    const countsWeek43 =
      (await t.prisma.municipalityCountingWeek.count({ where: { municipalityId: t.municipalityId(259), isoYear: 2026, isoWeek: 43 } })) > 0;
    expect(rows[0]).toMatchObject({
      unitId: borgerservice,
      municipalityId: t.municipalityId(259),
      taskId: flytning,
      channelCode: "PPRIND",
      contactTypeCode: "OPRET",
      closureCode: "STRAKS",
      form: false,
      quantity: 40,
      source: "MASS",
      isTest: false,
      isoYear: 2026,
      isoWeek: 43,
      inCountingWeek: countsWeek43,
    });
    // Noon in Copenhagen (summer time until 25 October 2026).
    expect(rows[0].occurredAt.toISOString()).toBe("2026-10-19T10:00:00.000Z");

    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { entityId: batch.id, action: "batch.create" } });
    expect(audit).toMatchObject({ actorUserId: coordinator.id, unitId: borgerservice, municipalityId: t.municipalityId(259) });
    expect(audit.after).toMatchObject({
      kind: "MASS",
      rowCount: 1,
      totalQuantity: 40,
      channelCode: "PPRIND",
      taskNumber: "23.05.10",
      form: false,
    });
  });

  it("dates a week on its Monday at noon, marks it outside the counting weeks when it is, and accepts week 53 only where it exists", async () => {
    const coordinator = await actor("koordinator@koege.test");
    const batch = await createMassRegistration(
      t.prisma,
      coordinator,
      input({ when: "week", isoYear: "2012", isoWeek: "2", date: "" }),
      NOW,
    );
    const row = await t.prisma.registration.findFirstOrThrow({ where: { batchId: batch.id } });
    expect(row.occurredAt.toISOString()).toBe("2012-01-09T11:00:00.000Z");
    expect(row).toMatchObject({ isoYear: 2012, isoWeek: 2, inCountingWeek: false });

    const week53 = await createMassRegistration(
      t.prisma,
      coordinator,
      input({ when: "week", isoYear: "2026", isoWeek: "53" }),
      new Date("2026-12-30T12:00:00Z"),
    );
    expect((await t.prisma.registration.findFirstOrThrow({ where: { batchId: week53.id } })).occurredAt.toISOString()).toBe(
      "2026-12-28T11:00:00.000Z",
    );
  });

  it("counts a FEJL task with type FEJL, and a telephone count without a form answer", async () => {
    const coordinator = await actor("koordinator@koege.test");
    const fejl = await taskId(t.prisma, "FEJL");
    const batch = await createMassRegistration(
      t.prisma,
      coordinator,
      input({ unitId: telefon, channelCode: "TLFIND", taskId: fejl, contactTypeCode: "FEJL", form: "" }),
      NOW,
    );
    expect(await t.prisma.registration.findFirstOrThrow({ where: { batchId: batch.id } })).toMatchObject({
      form: null,
      contactTypeCode: "FEJL",
    });
  });

  it("marks the row as a test when the unit is in test mode", async () => {
    await t.prisma.unit.update({ where: { id: jobcenter }, data: { testMode: true } });
    const batch = await createMassRegistration(
      t.prisma,
      await actor("koordinator@koege.test"),
      input({ unitId: jobcenter, channelCode: "TLFIND", taskId: await taskId(t.prisma, "32.30.04"), form: "" }),
      NOW,
    );
    expect((await t.prisma.registration.findFirstOrThrow({ where: { batchId: batch.id } })).isTest).toBe(true);
    await t.prisma.unit.update({ where: { id: jobcenter }, data: { testMode: false } });
  });
});

describe("every rule refuses with a Danish message tied to its field, and writes nothing", () => {
  const cases: [string, () => Record<string, string>, string, string | null][] = [
    ["no unit", () => input({ unitId: "" }), "Vælg en enhed.", "unitId"],
    ["no direction", () => input({ direction: "" }), "Vælg retning (ind eller ud).", "direction"],
    ["a channel of the other direction", () => input({ direction: "OUT" }), "Kanalen passer ikke til retningen (ud).", "channelCode"],
    ["an unknown channel", () => input({ channelCode: "FAX" }), "Ukendt kanal.", "channelCode"],
    [
      "a channel the unit does not count",
      () => input({ channelCode: "TLFIND", form: "" }),
      "Kanalen er ikke slået til for enheden.",
      "channelCode",
    ],
    ["no task", () => input({ taskId: "" }), "Vælg en opgave.", "taskId"],
    ["a task the unit does not count", () => input({ taskId: jobcentreTask }), "Opgaven tælles ikke i enheden.", "taskId"],
    [
      "type FEJL on an ordinary task",
      () => input({ contactTypeCode: "FEJL" }),
      "Fejlhenvendelse er både opgave og type: vælg Fejlhenvendelse som opgave.",
      "taskId",
    ],
    ["no type", () => input({ contactTypeCode: "" }), "Vælg type.", "contactTypeCode"],
    ["an unknown type", () => input({ contactTypeCode: "SNAK" }), "Ukendt henvendelsestype.", "contactTypeCode"],
    ["an unknown closure", () => input({ closureCode: "SENERE" }), "Ukendt afslutning.", "closureCode"],
    ["no form answer where the channel asks", () => input({ form: "" }), "Angiv om der var en blanket (ja/nej).", "form"],
    [
      "a form answer on the telephone",
      () => input({ unitId: telefon, channelCode: "TLFIND", form: "ja" }),
      "Blanket angives ikke for denne kanal.",
      "form",
    ],
    ["a form answer that is not yes or no", () => input({ form: "måske" }), "Blanket skal være ja eller nej.", "form"],
    ["neither date nor week", () => input({ when: "" }), "Vælg, om du angiver en dato eller en uge.", "when"],
    ["a date that does not exist", () => input({ date: "2026-02-30" }), "Angiv en gyldig dato (åååå-mm-dd).", "date"],
    ["a date before 2010", () => input({ date: "2009-12-31" }), "Datoen skal ligge i 2010 eller senere.", "date"],
    ["a date in the future", () => input({ date: "2026-11-23" }), "Datoen ligger i fremtiden.", "date"],
    ["a year before 2010", () => input({ when: "week", isoYear: "2009", isoWeek: "40" }), "Angiv et år fra 2010 og frem.", "isoYear"],
    [
      "week 53 in a year of 52",
      () => input({ when: "week", isoYear: "2025", isoWeek: "53" }),
      "Angiv en uge fra 1 til 52 i 2025.",
      "isoWeek",
    ],
    ["week 0", () => input({ when: "week", isoYear: "2026", isoWeek: "0" }), "Angiv en uge fra 1 til 53 i 2026.", "isoWeek"],
    ["a week that has not begun", () => input({ when: "week", isoYear: "2026", isoWeek: "48" }), "Ugen er ikke begyndt endnu.", "isoWeek"],
    ["quantity 0", () => input({ quantity: "0" }), QUANTITY_MESSAGE, "quantity"],
    ["a negative quantity", () => input({ quantity: "-5" }), QUANTITY_MESSAGE, "quantity"],
    ["a fractional quantity", () => input({ quantity: "1,5" }), QUANTITY_MESSAGE, "quantity"],
    ["a quantity over the limit", () => input({ quantity: "1000001" }), QUANTITY_MESSAGE, "quantity"],
    ["no quantity", () => input({ quantity: "" }), QUANTITY_MESSAGE, "quantity"],
  ];
  let jobcentreTask: string;
  beforeAll(async () => {
    jobcentreTask = await taskId(t.prisma, "32.30.04");
  });
  for (const [name, make, message, field] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await counts();
      const refusal = createMassRegistration(t.prisma, await actor("koordinator@koege.test"), make(), NOW);
      await expect(refusal).rejects.toMatchObject({ message, field });
      expect(await counts()).toEqual(before);
    });
  }
  it("states the quantity limit in Danish", () => {
    expect(QUANTITY_MESSAGE).toBe("Antal skal være et helt tal fra 1 til 1.000.000.");
  });

  it("refuses an archived unit", async () => {
    const archived = await t.prisma.unit.create({
      data: { municipalityId: t.municipalityId(259), name: "Lukket kontor", archivedAt: new Date() },
    });
    const before = await counts();
    await expect(
      createMassRegistration(t.prisma, await actor("koordinator@koege.test"), input({ unitId: archived.id }), NOW),
    ).rejects.toMatchObject({
      message: "Du kan ikke masseregistrere i den enhed.",
      field: "unitId",
      status: 403,
    });
    expect(await counts()).toEqual(before);
  });
});

describe("who may mass-register and delete", () => {
  it("lets a unit lead register in their unit and those below it, not elsewhere; registrants and national staff never", async () => {
    const lead = await actor("leder@koege.test");
    await createMassRegistration(t.prisma, lead, input(), NOW);
    await createMassRegistration(t.prisma, lead, input({ unitId: skranke, channelCode: "PRSNLG", form: "ja" }), NOW);
    const before = await counts();
    const denied = { message: "Du kan ikke masseregistrere i den enhed.", status: 403 };
    await expect(createMassRegistration(t.prisma, lead, input({ unitId: jobcenter, channelCode: "EMLIND" }), NOW)).rejects.toMatchObject(
      denied,
    );
    await expect(
      createMassRegistration(t.prisma, await actor("medarbejder@koege.test"), input({ unitId: skranke, channelCode: "PRSNLG" }), NOW),
    ).rejects.toMatchObject(denied);
    await expect(createMassRegistration(t.prisma, await actor("national@spor.test"), input(), NOW)).rejects.toMatchObject(denied);
    expect(await counts()).toEqual(before);
  });

  it("keeps municipalities apart: København's coordinator can neither register into Køge nor see or delete Køge's", async () => {
    const koege = await actor("koordinator@koege.test");
    const kbh = await actor("koordinator@kbh.test");
    const batch = await createMassRegistration(t.prisma, koege, input({ quantity: "7" }), NOW);
    const before = await counts();
    await expect(createMassRegistration(t.prisma, kbh, input(), NOW)).rejects.toMatchObject({
      message: "Du kan ikke masseregistrere i den enhed.",
    });
    await expect(deleteMassRegistration(t.prisma, kbh, batch.id)).rejects.toMatchObject({
      message: "Masseregistreringen findes ikke, eller den er allerede slettet.",
      status: 404,
    });
    expect(await counts()).toEqual(before);
    expect((await listMassRegistrations(t.prisma, kbh.access)).rows.map((r) => r.id)).not.toContain(batch.id);

    // København's own unit of the same name works for København's coordinator.
    const own = await createMassRegistration(t.prisma, kbh, input({ unitId: kbhBorgerservice }), NOW);
    expect((await t.prisma.importBatch.findUniqueOrThrow({ where: { id: own.id } })).municipalityId).toBe(t.municipalityId(101));
  });

  it("deletes by undoing the batch, audit-logged, once; a lead only in their units; never another kind of batch", async () => {
    const koege = await actor("koordinator@koege.test");
    const lead = await actor("leder@koege.test");
    const inBorgerservice = await createMassRegistration(t.prisma, koege, input({ quantity: "12" }), NOW);
    const inJobcenter = await createMassRegistration(
      t.prisma,
      koege,
      input({ unitId: jobcenter, channelCode: "EMLIND", taskId: await taskId(t.prisma, "32.30.04") }),
      NOW,
    );

    await expect(deleteMassRegistration(t.prisma, lead, inJobcenter.id)).rejects.toMatchObject({ status: 404 });
    expect(await t.prisma.registration.count({ where: { batchId: inJobcenter.id } })).toBe(1);

    expect(await deleteMassRegistration(t.prisma, lead, inBorgerservice.id)).toEqual({ deleted: 1, removedQuestions: 0 });
    expect(await t.prisma.registration.count({ where: { batchId: inBorgerservice.id } })).toBe(0);
    expect((await t.prisma.importBatch.findUniqueOrThrow({ where: { id: inBorgerservice.id } })).undoneAt).not.toBeNull();
    const undo = await t.prisma.auditEvent.findFirstOrThrow({ where: { entityId: inBorgerservice.id, action: "batch.undo" } });
    expect(undo).toMatchObject({ actorUserId: lead.id, municipalityId: t.municipalityId(259) });
    await expect(deleteMassRegistration(t.prisma, koege, inBorgerservice.id)).rejects.toMatchObject({ status: 404 });

    const upload = await parseUpload(
      new TextEncoder().encode(
        "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n259;Borgerservice;23.05.10;WEB;;;;2026-10-19;5\r\n",
      ),
      NOW,
    );
    const uploaded = await commitImport(t.prisma, await planImport(t.prisma, t.municipalityId(259), upload.rows), {
      actorUserId: koege.id,
      kind: "UPLOAD",
      source: "UPLOAD",
      fileName: "web.csv",
    });
    await expect(deleteMassRegistration(t.prisma, koege, uploaded.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteMassRegistration(t.prisma, koege, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    expect(await t.prisma.registration.count({ where: { batchId: uploaded.id } })).toBe(1);
  });
});

describe("the list and the remembered choices", () => {
  it("remembers the user's latest standing choices, and lists by scope with delete only where allowed", async () => {
    const koege = await actor("koordinator@koege.test");
    const telefonTask = await taskId(t.prisma, "23.09.02");
    await createMassRegistration(t.prisma, await actor("koordinator@kbh.test"), input({ unitId: kbhBorgerservice }), NOW);
    const latest = await createMassRegistration(
      t.prisma,
      koege,
      input({
        unitId: telefon,
        direction: "OUT",
        channelCode: "EMLUD",
        taskId: telefonTask,
        contactTypeCode: "INFO",
        closureCode: "HOLD",
        form: "ja",
      }),
      NOW,
    );
    const expected = {
      unitId: telefon,
      direction: "OUT",
      channelCode: "EMLUD",
      taskId: telefonTask,
      contactTypeCode: "INFO",
      closureCode: "HOLD",
      form: "ja",
    };
    expect(await lastMassChoices(t.prisma, koege.access)).toEqual(expected);
    // Another user's registration does not change mine.
    await createMassRegistration(t.prisma, await actor("leder@koege.test"), input(), NOW);
    expect(await lastMassChoices(t.prisma, koege.access)).toEqual(expected);
    expect(await lastMassChoices(t.prisma, (await actor("medarbejder@koege.test")).access)).toBeNull();

    const mine = await listMassRegistrations(t.prisma, koege.access);
    expect(mine.rows[0].createdBy?.name).toBe("Birgitte Lund");
    expect(mine.rows[1]).toMatchObject({ id: latest.id, totalQuantity: 40, canDelete: true, createdBy: { name: "Anders Holm" } });
    expect(mine.rows[1].registration).toMatchObject({
      unit: { name: "Borgerservice – Telefon" },
      channel: { direction: "OUT" },
      form: true,
    });
    expect(mine.rows.every((r) => r.registration.municipalityId === t.municipalityId(259))).toBe(true);

    const national = await listMassRegistrations(t.prisma, (await actor("national@spor.test")).access);
    expect(new Set(national.rows.map((r) => r.municipality.name))).toEqual(new Set(["Køge", "København"]));
    expect(national.rows.some((r) => r.canDelete)).toBe(false);

    const lead = await listMassRegistrations(t.prisma, (await actor("leder@koege.test")).access);
    expect(lead.rows.length).toBeGreaterThan(0);
    expect(lead.rows.every((r) => r.registration.unit.name.startsWith("Borgerservice"))).toBe(true);
  });
});
