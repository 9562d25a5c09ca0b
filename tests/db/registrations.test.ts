import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { createFavourite, deleteFavourite } from "@/lib/registrations/favourites";
import { correctRegistration, createRegistration, deleteRegistration } from "@/lib/registrations/mutations";
import { loadRegistrationScreen } from "@/lib/registrations/queries";
import { type RegistrationInput, registrationInputSchema } from "@/lib/registrations/schema";
import { createTestDatabase } from "@/tests/helpers/test-db";

let database: SporDatabase;
const id: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  const p = database.prisma;
  for (const u of await p.user.findMany({ select: { id: true, email: true } })) id[u.email] = u.id;
  for (const u of await p.unit.findMany({ select: { id: true, name: true, municipality: { select: { number: true } } } })) {
    id[`${u.municipality.number}:${u.name}`] = u.id;
  }
  for (const t of await p.task.findMany({
    where: { number: { in: ["23.05.10", "FEJL", "02.34.02"] } },
    select: { id: true, number: true },
  })) {
    id[t.number] = t.id;
  }
});
afterAll(() => database.close());

const KOEGE_TELEFON = () => id["259:Borgerservice – Telefon"];
const REGISTRANT = () => ({ id: id["medarbejder@koege.test"] });

function input(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return registrationInputSchema.parse({
    id: crypto.randomUUID(),
    unitId: KOEGE_TELEFON(),
    channelCode: "TLFIND",
    taskId: id["23.05.10"],
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    ...overrides,
  });
}

const rowsWithId = (rid: string) => database.prisma.registration.findMany({ where: { id: rid } });

describe("creating a registration", () => {
  it("stores exactly what was chosen, with municipality, week and counting-week flag", async () => {
    const reg = input();
    expect(await createRegistration(database.prisma, REGISTRANT(), reg)).toMatchObject({ status: "created", inCountingWeek: true });
    const [row] = await rowsWithId(reg.id);
    expect(row).toMatchObject({
      unitId: KOEGE_TELEFON(),
      userId: id["medarbejder@koege.test"],
      channelCode: "TLFIND",
      taskId: id["23.05.10"],
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
      quantity: 1,
      source: "MANUAL",
      isTest: false,
      inCountingWeek: true,
    });
    const municipality = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } });
    expect(row.municipalityId).toBe(municipality.id);
    expect(row.isoWeek).toBeGreaterThan(0);
  });

  it("is idempotent: the same id twice gives one row and a success answer", async () => {
    const reg = input();
    await createRegistration(database.prisma, REGISTRANT(), reg);
    expect(await createRegistration(database.prisma, REGISTRANT(), reg)).toEqual({ status: "duplicate" });
    // Even two at once.
    const racing = input();
    const results = await Promise.all([1, 2, 3].map(() => createRegistration(database.prisma, REGISTRANT(), racing)));
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(await rowsWithId(racing.id)).toHaveLength(1);
  });

  it("refuses another user's id without touching their row", async () => {
    const reg = input();
    await createRegistration(database.prisma, REGISTRANT(), reg);
    const other = { id: id["leder@koege.test"] };
    await expect(createRegistration(database.prisma, other, { ...reg, contactTypeCode: "OPRET" })).rejects.toThrow(/allerede brugt/);
    expect((await rowsWithId(reg.id))[0].contactTypeCode).toBe("INFO");
  });

  const refusals: [string, () => Partial<RegistrationInput>, RegExp][] = [
    [
      "a unit of another municipality",
      () => ({ unitId: id["101:Borgerservice – Skranke"], channelCode: "PRSNLG" }),
      /kan ikke registrere i den enhed/,
    ],
    ["a unit the user is not a member of", () => ({ unitId: id["259:Jobcenter"] }), /kan ikke registrere i den enhed/],
    ["a channel the unit has not enabled", () => ({ channelCode: "PRSNLG" }), /Kanalen er ikke slået til/],
    ["a task the unit does not count", () => ({ taskId: id["02.34.02"] }), /Opgaven tælles ikke/],
    ["a form answer on the telephone", () => ({ form: true }), /Blanket angives ikke/],
    ["no form answer on e-mail", () => ({ channelCode: "EMLIND", form: null }), /Angiv om der var en blanket/],
    ["Fejlhenvendelse as type on another task", () => ({ contactTypeCode: "FEJL" }), /Fejlhenvendelse/],
    ["Fejlhenvendelse task with another type", () => ({ taskId: id.FEJL, contactTypeCode: "INFO" }), /Fejlhenvendelse/],
    ["an unknown contact type", () => ({ contactTypeCode: "XYZ" }), /Ukendt henvendelsestype/],
    ["a test flag that does not match the unit", () => ({ isTest: true }), /Prøvetællingen er slut/],
    ["a time in the future", () => ({ occurredAt: new Date(Date.now() + 3600_000).toISOString() }), /fremtiden/],
    [
      "a timer in a unit without time measurement",
      () => ({ startedAt: new Date().toISOString(), endedAt: new Date().toISOString() }),
      /måler ikke tid/,
    ],
  ];
  for (const [what, overrides, message] of refusals) {
    it(`refuses ${what} with a Danish message and no row`, async () => {
      const reg = input(overrides());
      await expect(createRegistration(database.prisma, REGISTRANT(), reg)).rejects.toThrow(message);
      expect(await rowsWithId(reg.id)).toHaveLength(0);
    });
  }

  it("marks registrations outside the counting weeks and in test mode", async () => {
    const kbh = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 101 } });
    await database.prisma.municipalityCountingWeek.deleteMany({ where: { municipalityId: kbh.id } });
    await database.prisma.localCountingPeriod.deleteMany({ where: { municipalityId: kbh.id } });
    const unitId = id["101:Borgerservice – Skranke"];
    await database.prisma.unit.update({ where: { id: unitId }, data: { testMode: true } });
    const kbhUser = { id: id["medarbejder@kbh.test"] };
    const reg = input({ unitId, channelCode: "PRSNLG", isTest: true, form: false });
    expect(await createRegistration(database.prisma, kbhUser, reg)).toMatchObject({ inCountingWeek: false, isTest: true });
    expect((await rowsWithId(reg.id))[0]).toMatchObject({ inCountingWeek: false, isTest: true });
    const screen = await loadRegistrationScreen(database.prisma, kbhUser.id, unitId);
    expect(screen?.counting.inCountingPeriod).toBe(false);
    expect(screen?.unit.testMode).toBe(true);
  });

  it("stores timer start and end for units with time measurement", async () => {
    await database.prisma.unit.update({ where: { id: KOEGE_TELEFON() }, data: { timeMeasurement: true } });
    const startedAt = new Date(Date.now() - 90_000).toISOString();
    const endedAt = new Date().toISOString();
    const reg = input({ startedAt, endedAt });
    await createRegistration(database.prisma, REGISTRANT(), reg);
    const [row] = await rowsWithId(reg.id);
    expect(row.startedAt?.toISOString()).toBe(startedAt);
    expect(row.endedAt?.toISOString()).toBe(endedAt);
    await database.prisma.unit.update({ where: { id: KOEGE_TELEFON() }, data: { timeMeasurement: false } });
  });
});

describe("extra questions", () => {
  it("requires required questions and stores valid answers", async () => {
    const koege = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } });
    const question = await database.prisma.extraQuestion.create({
      data: {
        municipalityId: koege.id,
        text: "Er borgeren over eller under 65 år?",
        required: true,
        options: {
          create: [
            { label: "Over", sortOrder: 0 },
            { label: "Under", sortOrder: 1 },
            { label: "Ukendt", sortOrder: 2 },
          ],
        },
        units: { create: [{ unitId: KOEGE_TELEFON() }] },
      },
      select: { id: true, options: { select: { id: true, label: true } } },
    });
    const missing = input();
    await expect(createRegistration(database.prisma, REGISTRANT(), missing)).rejects.toThrow(/Besvar spørgsmålet/);
    const foreignOption = input({ answers: [{ questionId: question.id, optionId: crypto.randomUUID() }] });
    await expect(createRegistration(database.prisma, REGISTRANT(), foreignOption)).rejects.toThrow(/passer ikke/);
    const over = question.options.find((o) => o.label === "Over")!;
    const ok = input({ answers: [{ questionId: question.id, optionId: over.id }] });
    await createRegistration(database.prisma, REGISTRANT(), ok);
    expect(await database.prisma.registrationAnswer.findMany({ where: { registrationId: ok.id } })).toEqual([
      { registrationId: ok.id, questionId: question.id, optionId: over.id },
    ]);
    await database.prisma.extraQuestion.update({ where: { id: question.id }, data: { archivedAt: new Date() } });
  });
});

describe("correcting and deleting", () => {
  it("corrects an own registration from today and writes before and after to the audit log", async () => {
    const reg = input();
    await createRegistration(database.prisma, REGISTRANT(), reg);
    await correctRegistration(database.prisma, REGISTRANT(), reg.id, { contactTypeCode: "OPRET", closureCode: "HOLD" });
    expect((await rowsWithId(reg.id))[0]).toMatchObject({ contactTypeCode: "OPRET", closureCode: "HOLD" });
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: reg.id, action: "registration.correct" } });
    expect(event.before).toMatchObject({ contactTypeCode: "INFO", closureCode: "STRAKS" });
    expect(event.after).toMatchObject({ contactTypeCode: "OPRET", closureCode: "HOLD" });
    expect(event.actorUserId).toBe(id["medarbejder@koege.test"]);
  });

  it("validates a correction like a new registration", async () => {
    const reg = input();
    await createRegistration(database.prisma, REGISTRANT(), reg);
    await expect(correctRegistration(database.prisma, REGISTRANT(), reg.id, { channelCode: "PRSNLG" })).rejects.toThrow(/Kanalen/);
    expect((await rowsWithId(reg.id))[0].channelCode).toBe("TLFIND");
  });

  it("deletes (or undoes) an own registration with an audit event; others' and older ones are out of reach", async () => {
    const reg = input();
    await createRegistration(database.prisma, REGISTRANT(), reg);
    await expect(deleteRegistration(database.prisma, { id: id["leder@koege.test"] }, reg.id, "delete")).rejects.toThrow(/findes ikke/);
    await deleteRegistration(database.prisma, REGISTRANT(), reg.id, "undo");
    expect(await rowsWithId(reg.id)).toHaveLength(0);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: reg.id } });
    expect(event).toMatchObject({ action: "registration.undo", before: expect.objectContaining({ channelCode: "TLFIND" }) });

    const old = input({ occurredAt: new Date(Date.now() - 2 * 24 * 3600_000).toISOString() });
    await createRegistration(database.prisma, REGISTRANT(), old);
    await expect(deleteRegistration(database.prisma, REGISTRANT(), old.id, "delete")).rejects.toThrow(/kan ikke længere rettes/);
    expect(await rowsWithId(old.id)).toHaveLength(1);
  });
});

describe("favourites and the screen", () => {
  it("saves a valid favourite, refuses an invalid one, and only the owner can delete it", async () => {
    const favourite = await createFavourite(database.prisma, REGISTRANT(), {
      unitId: KOEGE_TELEFON(),
      name: "Telefon · Flytning · Info",
      channelCode: "TLFIND",
      taskId: id["23.05.10"],
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
    });
    await expect(
      createFavourite(database.prisma, REGISTRANT(), {
        unitId: KOEGE_TELEFON(),
        name: "Forkert",
        channelCode: "PRSNLG",
        taskId: id["23.05.10"],
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: null,
      }),
    ).rejects.toThrow(/Kanalen/);
    await expect(deleteFavourite(database.prisma, { id: id["leder@koege.test"] }, favourite.id)).rejects.toThrow(/findes ikke/);
    const screen = await loadRegistrationScreen(database.prisma, id["medarbejder@koege.test"], KOEGE_TELEFON());
    expect(screen?.favourites.map((f) => f.name)).toEqual(["Telefon · Flytning · Info"]);
    await deleteFavourite(database.prisma, REGISTRANT(), favourite.id);
    expect(await database.prisma.favourite.count({ where: { id: favourite.id } })).toBe(0);
  });

  it("shows only the unit's channels and tasks, in the unit's order, and today's counts", async () => {
    const screen = await loadRegistrationScreen(database.prisma, id["medarbejder@koege.test"], KOEGE_TELEFON());
    expect(screen!.channels.map((c) => c.code)).toEqual(["TLFIND", "EMLIND", "CHATIND", "TLFUD", "EMLUD", "SMSUD"]);
    expect(screen!.tasks.some((t) => t.number === "02.34.02")).toBe(false);
    const stored = await database.prisma.unitTask.findMany({
      where: { unitId: KOEGE_TELEFON() },
      orderBy: { sortOrder: "asc" },
      select: { taskId: true },
    });
    expect(screen!.tasks.map((t) => t.id)).toEqual(stored.map((s) => s.taskId));
    expect(screen!.today.ownCount).toBeGreaterThan(0);
    expect(screen!.today.unitCount).toBeGreaterThanOrEqual(screen!.today.ownCount);
    expect(await loadRegistrationScreen(database.prisma, id["medarbejder@koege.test"], id["101:Borgerservice – Skranke"])).toBeNull();
  });
});
