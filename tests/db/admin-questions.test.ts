import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerCounts,
  createNationalQuestion,
  createQuestion,
  setNationalQuestionUnits,
  setQuestionArchived,
  updateQuestion,
} from "@/lib/questions/questions";
import { questionSchema } from "@/lib/questions/questions";
import { addRegistration, adminTestDatabase } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);

async function answer(
  questionId: string,
  label: string,
  unitId: string,
  opts: { isTest?: boolean; quantity?: number; municipalityId?: string } = {},
) {
  const option = await t.prisma.extraQuestionOption.findFirstOrThrow({ where: { questionId, label } });
  const registrationId = await addRegistration(t.prisma, {
    municipalityId: opts.municipalityId ?? M(),
    unitId,
    isTest: opts.isTest,
    quantity: opts.quantity,
  });
  await t.prisma.registrationAnswer.create({ data: { registrationId, questionId, optionId: option.id } });
}

describe("extra questions", () => {
  it("parses options one per line, and needs at least two", () => {
    const base = { municipalityId: M(), text: "Alder?", required: false, roundId: "", unitIds: [M()] };
    expect(questionSchema.parse({ ...base, options: "Over 65\n\n Under 65 \r\nUkendt\nUkendt" }).options).toEqual([
      "Over 65",
      "Under 65",
      "Ukendt",
    ]);
    expect(questionSchema.safeParse({ ...base, options: "Kun én" }).error?.issues[0].message).toMatch(/mindst to/);
  });

  it("creates a question for units and a round, counts answers (quantity, no test registrations)", async () => {
    const ctx = await t.koege();
    const skranke = await t.unitId(259, "Borgerservice – Skranke");
    const round = await t.prisma.countingRound.findFirstOrThrow({ where: { code: { startsWith: "current-" } } });
    const { id } = await createQuestion(ctx, {
      municipalityId: M(),
      text: "Er borgeren over eller under 65 år?",
      required: false,
      options: ["Over 65", "Under 65", "Ukendt"],
      roundId: round.id,
      unitIds: [skranke],
    });
    await answer(id, "Over 65", skranke);
    await answer(id, "Over 65", skranke, { quantity: 3 });
    await answer(id, "Under 65", skranke);
    await answer(id, "Under 65", skranke, { isTest: true });
    expect(await answerCounts(t.prisma, id, M())).toEqual([
      { optionId: expect.any(String), label: "Over 65", count: 4 },
      { optionId: expect.any(String), label: "Under 65", count: 1 },
      { optionId: expect.any(String), label: "Ukendt", count: 0 },
    ]);
    expect(await t.prisma.auditEvent.count({ where: { action: "question.create", entityId: id } })).toBe(1);

    // An answered option cannot be removed; an unanswered one can; new ones can be added.
    const update = { municipalityId: M(), questionId: id, text: "Alder", required: true, roundId: null, unitIds: [skranke] };
    await expect(updateQuestion(ctx, { ...update, options: ["Over 65", "Ukendt"] })).rejects.toThrow(/"Under 65" er brugt i 2 svar/);
    await updateQuestion(ctx, { ...update, options: ["Under 65", "Over 65", "Ved ikke"] });
    const labels = await t.prisma.extraQuestionOption.findMany({
      where: { questionId: id },
      orderBy: { sortOrder: "asc" },
      select: { label: true },
    });
    expect(labels.map((l) => l.label)).toEqual(["Under 65", "Over 65", "Ved ikke"]);

    await setQuestionArchived(ctx, { municipalityId: M(), questionId: id, archived: true });
    expect((await t.prisma.extraQuestion.findUniqueOrThrow({ where: { id } })).archivedAt).not.toBeNull();
  });

  it("refuses units of another municipality", async () => {
    const ctx = await t.koege();
    await expect(
      createQuestion(ctx, {
        municipalityId: M(),
        text: "X",
        required: false,
        options: ["a", "b"],
        roundId: null,
        unitIds: [await t.unitId(101, "Jobcenter")],
      }),
    ).rejects.toThrow(/findes ikke i kommunen/);
  });

  it("national staff ask a question in several municipalities; each coordinator picks their own units", async () => {
    const national = await t.ctx("national@spor.test");
    await expect(
      createNationalQuestion(await t.koege(), { text: "X", required: false, options: ["a", "b"], roundId: null, municipalityIds: [M()] }),
    ).rejects.toThrow(/adgang/);
    const { id } = await createNationalQuestion(national, {
      text: "Henvendte borgeren sig om digital post?",
      required: false,
      options: ["Ja", "Nej"],
      roundId: null,
      municipalityIds: [M(), t.municipalityId(101)],
    });
    const units = await t.prisma.extraQuestionUnit.count({ where: { questionId: id } });
    expect(units).toBe(await t.prisma.unit.count({ where: { archivedAt: null } }));
    expect(await t.prisma.auditEvent.count({ where: { entityId: id, action: "question.create.national" } })).toBe(2);

    const jobcenter = await t.unitId(259, "Jobcenter");
    await setNationalQuestionUnits(await t.koege(), { municipalityId: M(), questionId: id, unitIds: [jobcenter] });
    const after = await t.prisma.extraQuestionUnit.findMany({
      where: { questionId: id },
      select: { unit: { select: { municipalityId: true, id: true } } },
    });
    expect(after.filter((u) => u.unit.municipalityId === M()).map((u) => u.unit.id)).toEqual([jobcenter]);
    // København's units are untouched by Køge's choice.
    expect(after.filter((u) => u.unit.municipalityId === t.municipalityId(101)).length).toBe(5);
    // A coordinator cannot edit KL's question text.
    await expect(
      updateQuestion(await t.koege(), {
        municipalityId: M(),
        questionId: id,
        text: "Ændret",
        required: false,
        options: ["Ja", "Nej"],
        roundId: null,
        unitIds: [jobcenter],
      }),
    ).rejects.toThrow(/findes ikke i kommunen/);
  });
});
