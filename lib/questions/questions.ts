import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type AdminContext, adminTransaction, assertAdminister, type Tx } from "@/lib/actions/context";
import { idSchema } from "@/lib/ids";

// Extra questions: single choice, optional unless marked required, asked in chosen units during a
// national round's weeks (or in all the municipality's counting weeks). A coordinator owns the
// municipality's questions; KL (national staff) asks a question in a set of municipalities, in all
// their units, and each coordinator may choose which of their own units ask it.

/** Single-choice options, one a line (trimmed, duplicates dropped): also KL's round questionnaire (lib/questionnaire). */
export const optionList = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, " "))
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(100, "En svarmulighed må højst være 100 tegn."))
      .min(2, "Skriv mindst to svarmuligheder, én pr. linje.")
      .max(20, "Højst 20 svarmuligheder."),
  );

/** A question's wording (spaces collapsed, 1–300 characters): also KL's round questionnaire. */
export const questionText = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "Skriv spørgsmålet.").max(300, "Spørgsmålet må højst være 300 tegn."));

const base = {
  text: questionText,
  required: z.boolean(),
  options: optionList,
  roundId: z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(idSchema("Ukendt tællerunde.").nullable()),
};

export const questionSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  ...base,
  unitIds: z.array(idSchema("Ukendt enhed.")).min(1, "Vælg mindst én enhed, hvor spørgsmålet stilles."),
});
export type QuestionInput = z.infer<typeof questionSchema>;

export const updateQuestionSchema = questionSchema.extend({ questionId: idSchema("Ukendt spørgsmål.") });
export type UpdateQuestionInput = z.infer<typeof updateQuestionSchema>;

export const nationalQuestionSchema = z.object({
  ...base,
  municipalityIds: z.array(idSchema("Ukendt kommune.")).min(1, "Vælg mindst én kommune."),
});
export type NationalQuestionInput = z.infer<typeof nationalQuestionSchema>;

export const questionUnitsSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  questionId: idSchema("Ukendt spørgsmål."),
  unitIds: z.array(idSchema("Ukendt enhed.")).min(1, "Vælg mindst én enhed. Et spørgsmål fra KL kan ikke fravælges helt."),
});

async function assertRound(tx: Tx, roundId: string | null) {
  if (roundId && !(await tx.countingRound.findUnique({ where: { id: roundId }, select: { id: true } }))) {
    throw new UserFacingError("Tællerunden findes ikke.");
  }
}

async function assertActiveUnits(tx: Tx, municipalityId: string, unitIds: string[]) {
  const unique = [...new Set(unitIds)];
  const found = await tx.unit.count({ where: { id: { in: unique }, municipalityId, archivedAt: null } });
  if (found !== unique.length) throw new UserFacingError("En af de valgte enheder findes ikke i kommunen eller er arkiveret.");
  return unique;
}

export async function createQuestion(ctx: AdminContext, input: QuestionInput): Promise<{ id: string }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    await assertRound(tx, input.roundId);
    const unitIds = await assertActiveUnits(tx, input.municipalityId, input.unitIds);
    const question = await tx.extraQuestion.create({
      data: {
        municipalityId: input.municipalityId,
        roundId: input.roundId,
        text: input.text,
        required: input.required,
        options: { create: input.options.map((label, i) => ({ label, sortOrder: i })) },
        units: { create: unitIds.map((unitId) => ({ unitId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "question.create",
      entityType: "extra_question",
      entityId: question.id,
      after: { text: input.text, required: input.required, options: input.options, roundId: input.roundId, unitIds },
    });
    return question;
  });
}

async function loadOwnQuestion(tx: Tx, municipalityId: string, questionId: string) {
  const question = await tx.extraQuestion.findFirst({
    where: { id: questionId, municipalityId },
    select: {
      id: true,
      text: true,
      required: true,
      roundId: true,
      archivedAt: true,
      options: { select: { id: true, label: true, _count: { select: { answers: true } } }, orderBy: { sortOrder: "asc" } },
      units: { select: { unitId: true } },
    },
  });
  if (!question) throw new UserFacingError("Spørgsmålet findes ikke i kommunen.", 404);
  return question;
}

export async function updateQuestion(ctx: AdminContext, input: UpdateQuestionInput): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const question = await loadOwnQuestion(tx, input.municipalityId, input.questionId);
    await assertRound(tx, input.roundId);
    const unitIds = await assertActiveUnits(tx, input.municipalityId, input.unitIds);
    for (const option of question.options) {
      if (option._count.answers > 0 && !input.options.includes(option.label)) {
        throw new UserFacingError(
          `Svarmuligheden "${option.label}" er brugt i ${option._count.answers} svar og kan ikke fjernes eller omdøbes.`,
        );
      }
    }
    const keep = new Map(question.options.map((o) => [o.label, o.id]));
    await tx.extraQuestionOption.deleteMany({ where: { questionId: question.id, label: { notIn: input.options } } });
    for (const [i, label] of input.options.entries()) {
      const id = keep.get(label);
      if (id) await tx.extraQuestionOption.update({ where: { id }, data: { sortOrder: i } });
      else await tx.extraQuestionOption.create({ data: { questionId: question.id, label, sortOrder: i } });
    }
    await tx.extraQuestion.update({
      where: { id: question.id, municipalityId: input.municipalityId },
      data: { text: input.text, required: input.required, roundId: input.roundId },
    });
    await tx.extraQuestionUnit.deleteMany({ where: { questionId: question.id } });
    await tx.extraQuestionUnit.createMany({ data: unitIds.map((unitId) => ({ questionId: question.id, unitId })) });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "question.update",
      entityType: "extra_question",
      entityId: question.id,
      before: {
        text: question.text,
        required: question.required,
        roundId: question.roundId,
        options: question.options.map((o) => o.label),
        unitIds: question.units.map((u) => u.unitId),
      },
      after: { text: input.text, required: input.required, roundId: input.roundId, options: input.options, unitIds },
    });
  });
}

export async function setQuestionArchived(
  ctx: AdminContext,
  input: { municipalityId: string; questionId: string; archived: boolean },
): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const question = await loadOwnQuestion(tx, input.municipalityId, input.questionId);
    if ((question.archivedAt !== null) === input.archived) return;
    await tx.extraQuestion.update({
      where: { id: question.id, municipalityId: input.municipalityId },
      data: { archivedAt: input.archived ? new Date() : null },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: input.archived ? "question.archive" : "question.reactivate",
      entityType: "extra_question",
      entityId: question.id,
      before: { archived: !input.archived },
      after: { archived: input.archived },
    });
  });
}

/** A coordinator chooses which of their own units ask one of KL's questions. */
export async function setNationalQuestionUnits(ctx: AdminContext, input: z.infer<typeof questionUnitsSchema>): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const question = await tx.extraQuestion.findFirst({
      where: { id: input.questionId, municipalityId: null, units: { some: { unit: { municipalityId: input.municipalityId } } } },
      select: { id: true, units: { where: { unit: { municipalityId: input.municipalityId } }, select: { unitId: true } } },
    });
    if (!question) throw new UserFacingError("Spørgsmålet findes ikke i kommunen.", 404);
    const unitIds = await assertActiveUnits(tx, input.municipalityId, input.unitIds);
    const own = question.units.map((u) => u.unitId);
    await tx.extraQuestionUnit.deleteMany({ where: { questionId: question.id, unitId: { in: own } } });
    await tx.extraQuestionUnit.createMany({ data: unitIds.map((unitId) => ({ questionId: question.id, unitId })) });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "question.units",
      entityType: "extra_question",
      entityId: question.id,
      before: { unitIds: own },
      after: { unitIds },
    });
  });
}

/** KL asks a question in several municipalities, in all their active units. */
export async function createNationalQuestion(ctx: AdminContext, input: NationalQuestionInput): Promise<{ id: string }> {
  if (!isNational(ctx.access)) throw new AccessDeniedError();
  return adminTransaction(ctx, async (tx) => {
    await assertRound(tx, input.roundId);
    const municipalities = await tx.municipality.findMany({ where: { id: { in: input.municipalityIds } }, select: { id: true } });
    if (municipalities.length !== new Set(input.municipalityIds).size) throw new UserFacingError("En af de valgte kommuner findes ikke.");
    const units = await tx.unit.findMany({
      where: { municipalityId: { in: input.municipalityIds }, archivedAt: null },
      select: { id: true },
    });
    if (!units.length) throw new UserFacingError("De valgte kommuner har ingen aktive enheder.");
    const question = await tx.extraQuestion.create({
      data: {
        municipalityId: null,
        roundId: input.roundId,
        text: input.text,
        required: input.required,
        options: { create: input.options.map((label, i) => ({ label, sortOrder: i })) },
        units: { create: units.map((u) => ({ unitId: u.id })) },
      },
      select: { id: true },
    });
    for (const municipalityId of input.municipalityIds) {
      await recordAudit(tx, {
        actorUserId: ctx.actorId,
        ip: ctx.ip,
        municipalityId,
        action: "question.create.national",
        entityType: "extra_question",
        entityId: question.id,
        after: { text: input.text, required: input.required, options: input.options, roundId: input.roundId },
      });
    }
    return question;
  });
}

/** Answers per option in one municipality, counting quantity, test registrations left out. */
export async function answerCounts(prisma: PrismaClient, questionId: string, municipalityId: string) {
  const rows = await prisma.$queryRaw<{ option_id: string; label: string; total: bigint | null }[]>`
    SELECT o.id::text AS option_id, o.label, SUM(r.quantity) AS total
    FROM extra_question_option o
    LEFT JOIN registration_answer a ON a.option_id = o.id
    LEFT JOIN registration r ON r.id = a.registration_id AND r.municipality_id = ${municipalityId}::uuid AND NOT r.is_test
    WHERE o.question_id = ${questionId}::uuid
    GROUP BY o.id, o.label, o.sort_order
    ORDER BY o.sort_order`;
  return rows.map((r) => ({ optionId: r.option_id, label: r.label, count: Number(r.total ?? 0) }));
}
