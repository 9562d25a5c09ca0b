import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNationalQuestion, createQuestion } from "@/lib/questions/questions";
import { createFavourite, deleteFavourite } from "@/lib/registrations/favourites";
import { correctRegistration, createRegistration } from "@/lib/registrations/mutations";
import { type FavouriteInput, favouriteInputSchema, type RegistrationInput, registrationInputSchema } from "@/lib/registrations/schema";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// The registration screen's writes named with another municipality's ids: favourites in a foreign
// unit, deleting a foreign user's favourite, and answers to a foreign question (with a valid option
// of that question) in a new registration or a correction. Every one is refused and the rows read
// back are unchanged.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const k: Record<string, string> = {};
/** København's questions and one valid option of each. */
const kbhQuestions: { name: string; questionId: string; optionId: string }[] = [];

beforeAll(async () => {
  t = await adminTestDatabase();
  k.koegeTelefon = await t.unitId(259, "Borgerservice – Telefon");
  k.koegeSkranke = await t.unitId(259, "Borgerservice – Skranke");
  k.kbhSkranke = await t.unitId(101, "Borgerservice – Skranke");
  k.flytning = await taskId(t.prisma, "23.05.10");
  const kbh = t.municipalityId(101);
  const own = await createQuestion(await t.kbh(), {
    municipalityId: kbh,
    text: "KBH: alder?",
    required: false,
    options: ["Over 65", "Under 65"],
    roundId: null,
    unitIds: [k.kbhSkranke],
  });
  // KL's question asked in København only (Køge's units do not ask it).
  const kl = await createNationalQuestion(await t.ctx("national@spor.test"), {
    text: "KL: digital?",
    required: false,
    options: ["Ja", "Nej"],
    roundId: null,
    municipalityIds: [kbh],
  });
  for (const [name, questionId] of [
    ["København's own question", own.id],
    ["KL's question asked only in København", kl.id],
  ]) {
    const option = await t.prisma.extraQuestionOption.findFirstOrThrow({ where: { questionId }, select: { id: true } });
    kbhQuestions.push({ name, questionId, optionId: option.id });
  }
  k.koegeQuestion = (
    await t.prisma.extraQuestion.findFirstOrThrow({ where: { municipalityId: t.municipalityId(259) }, select: { id: true } })
  ).id;
  k.koegeOption = (
    await t.prisma.extraQuestionOption.findFirstOrThrow({ where: { questionId: k.koegeQuestion }, select: { id: true } })
  ).id;
});
afterAll(() => t.database.close());

const actor = (email: string) => ({ id: t.userId(email) });
const KOEGE = () => actor("medarbejder@koege.test");

function registration(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return registrationInputSchema.parse({
    id: crypto.randomUUID(),
    unitId: k.koegeTelefon,
    channelCode: "TLFIND",
    taskId: k.flytning,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    ...overrides,
  });
}

function favourite(overrides: Partial<FavouriteInput> = {}): FavouriteInput {
  return favouriteInputSchema.parse({
    unitId: k.kbhSkranke,
    name: "Indbrud",
    channelCode: "PRSNLG",
    taskId: k.flytning,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: false,
    ...overrides,
  });
}

/** Køge's counter has no telephone: a personal contact, with the form question answered. */
const SKRANKE = () => ({ unitId: k.koegeSkranke, channelCode: "PRSNLG", form: false });

const favourites = () => t.prisma.favourite.findMany({ orderBy: { id: "asc" } });
const registrationRow = (id: string) =>
  t.prisma.registration.findUnique({ where: { id }, include: { answers: { orderBy: { questionId: "asc" } } } });
const answersTo = (questionId: string) => t.prisma.registrationAnswer.count({ where: { questionId } });

describe("favourites across municipalities", () => {
  it("a favourite in København's unit is refused for Køge's registrant, lead and coordinator and stores nothing", async () => {
    // The same favourite is valid for København's own registrant: the refusal is about the unit.
    const kbhOwn = await createFavourite(t.prisma, actor("medarbejder@kbh.test"), favourite({ name: "Skranke · Flytning" }));
    const before = await favourites();
    for (const email of ["medarbejder@koege.test", "leder@koege.test", "koordinator@koege.test", "national@spor.test"]) {
      await expect(createFavourite(t.prisma, actor(email), favourite()), email).rejects.toThrow(/Du kan ikke registrere i den enhed/);
    }
    expect(await favourites()).toEqual(before);
    expect(before.filter((f) => f.unitId === k.kbhSkranke).map((f) => f.id)).toEqual([kbhOwn.id]);
  });

  it("deleting København's registrant's favourite is refused and the favourite stays", async () => {
    const kbhFavourite = await createFavourite(
      t.prisma,
      actor("medarbejder@kbh.test"),
      favourite({ name: "Skranke · Flytning videre", closureCode: "HOLD" }),
    );
    const own = await createFavourite(
      t.prisma,
      KOEGE(),
      favourite({ unitId: k.koegeTelefon, name: "Telefon", channelCode: "TLFIND", form: null }),
    );
    const before = await favourites();
    for (const email of [
      "medarbejder@koege.test",
      "leder@koege.test",
      "koordinator@koege.test",
      "national@spor.test",
      "koordinator@kbh.test",
    ]) {
      await expect(deleteFavourite(t.prisma, actor(email), kbhFavourite.id), email).rejects.toThrow(/Favoritten findes ikke/);
    }
    // And the other way round: København's registrant cannot delete Køge's.
    await expect(deleteFavourite(t.prisma, actor("medarbejder@kbh.test"), own.id)).rejects.toThrow(/Favoritten findes ikke/);
    expect(await favourites()).toEqual(before);
    // The owner can (so the refusals above were not about a favourite that cannot be deleted at all).
    await deleteFavourite(t.prisma, actor("medarbejder@kbh.test"), kbhFavourite.id);
    expect(await t.prisma.favourite.count({ where: { id: kbhFavourite.id } })).toBe(0);
  });
});

describe("answers naming another municipality's question", () => {
  it("a new registration with København's question and option is refused and stores no row", async () => {
    for (const { name, questionId, optionId } of kbhQuestions) {
      for (const unitId of [k.koegeTelefon, k.koegeSkranke]) {
        const answers = [{ questionId, optionId }];
        // In Skranke, also with Køge's own question answered correctly alongside.
        if (unitId === k.koegeSkranke) answers.push({ questionId: k.koegeQuestion, optionId: k.koegeOption });
        const reg = registration({ ...(unitId === k.koegeSkranke ? SKRANKE() : { unitId }), answers });
        const registrations = await t.prisma.registration.count();
        await expect(createRegistration(t.prisma, KOEGE(), reg), name).rejects.toThrow(/passer ikke til enhedens ekstra spørgsmål/);
        expect(await registrationRow(reg.id)).toBeNull();
        expect(await t.prisma.registration.count()).toBe(registrations);
        expect(await answersTo(questionId)).toBe(0);
      }
    }
  });

  it("the same registration without the foreign answer is stored (the refusal is about the answer)", async () => {
    const reg = registration({ ...SKRANKE(), answers: [{ questionId: k.koegeQuestion, optionId: k.koegeOption }] });
    expect(await createRegistration(t.prisma, KOEGE(), reg)).toMatchObject({ status: "created" });
    expect((await registrationRow(reg.id))?.answers).toEqual([
      { registrationId: reg.id, questionId: k.koegeQuestion, optionId: k.koegeOption },
    ]);
  });

  it("a correction with København's question and option is refused and changes nothing", async () => {
    const plain = registration();
    const answered = registration({ ...SKRANKE(), answers: [{ questionId: k.koegeQuestion, optionId: k.koegeOption }] });
    await createRegistration(t.prisma, KOEGE(), plain);
    await createRegistration(t.prisma, KOEGE(), answered);
    for (const { name, questionId, optionId } of kbhQuestions) {
      for (const [what, reg, answers] of [
        ["add to a registration without answers", plain, [{ questionId, optionId }]],
        ["replace Køge's answer", answered, [{ questionId, optionId }]],
        [
          "alongside Køge's answer",
          answered,
          [
            { questionId: k.koegeQuestion, optionId: k.koegeOption },
            { questionId, optionId },
          ],
        ],
      ] as const) {
        const before = await registrationRow(reg.id);
        const audit = await t.prisma.auditEvent.count({ where: { entityId: reg.id } });
        await expect(
          correctRegistration(t.prisma, KOEGE(), reg.id, { contactTypeCode: "OPRET", answers: [...answers] }),
          `${name}: ${what}`,
        ).rejects.toThrow(/passer ikke til enhedens ekstra spørgsmål/);
        expect(await registrationRow(reg.id)).toEqual(before);
        expect(await t.prisma.auditEvent.count({ where: { entityId: reg.id } })).toBe(audit);
        expect(await answersTo(questionId)).toBe(0);
      }
    }
    // The same correction without the foreign answer goes through.
    await correctRegistration(t.prisma, KOEGE(), answered.id, { contactTypeCode: "OPRET", answers: [] });
    expect(await registrationRow(answered.id)).toMatchObject({ contactTypeCode: "OPRET", answers: [] });
  });

  it("København's registrant may answer København's questions (the ids are valid there)", async () => {
    const reg = registration({
      unitId: k.kbhSkranke,
      channelCode: "PRSNLG",
      form: false,
      answers: kbhQuestions.map(({ questionId, optionId }) => ({ questionId, optionId })),
    });
    const kbhRegistrant = actor("medarbejder@kbh.test");
    expect(await createRegistration(t.prisma, kbhRegistrant, reg)).toMatchObject({ status: "created" });
    expect((await registrationRow(reg.id))?.answers).toHaveLength(kbhQuestions.length);
  });
});
