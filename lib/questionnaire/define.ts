import "server-only";
import { z } from "zod";
import { type AdminContext, adminTransaction, type Tx } from "@/lib/actions/context";
import { ValidationError } from "@/lib/actions/form-state";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { idSchema } from "@/lib/ids";
import { optionList, questionText } from "@/lib/questions/questions";
import { MAX_QUESTIONS, QUESTIONNAIRE_KINDS } from "./kinds";

// KL's questionnaire of a national round ("Øvrige data", issue 17): single choice, number or short
// text, in KL's order. What editing means once municipalities have answered (docs/coordinators.md,
// "Spørgeskema"): KL may always add questions and options, reorder, and choose what is public; the
// wording of an answered question and an option a municipality chose stay as answered, and an
// answered question cannot be deleted (the database refuses it too: ON DELETE RESTRICT). Renaming an
// option is removing one and adding another, so it follows the same rule.

const roundId = idSchema("Tællerunden findes ikke.");
const questionId = idSchema("Spørgsmålet findes ikke.");

export const addQuestionSchema = z.object({
  roundId,
  kind: z.enum(QUESTIONNAIRE_KINDS, { error: "Vælg en spørgsmålstype." }),
  text: questionText,
  isPublic: z.boolean(),
  options: z.string().max(5000, "For mange svarmuligheder."),
});
export const updateQuestionSchema = addQuestionSchema.omit({ roundId: true, kind: true }).extend({ questionId });
export const questionRefSchema = z.object({ questionId });
export const moveQuestionSchema = z.object({ questionId, direction: z.enum(["up", "down"], { error: "Ukendt retning." }) });
export const copyQuestionnaireSchema = z.object({ roundId, fromRoundId: idSchema("Vælg den runde, der skal kopieres fra.") });

function assertNational(ctx: AdminContext): void {
  if (!isNational(ctx.access)) throw new AccessDeniedError("Kun KL kan lave rundens spørgeskema.");
}

/** A choice question's options, one a line; other kinds have none. */
function parseOptions(kind: string, raw: string): string[] {
  if (kind !== "CHOICE") {
    if (raw.trim()) throw new UserFacingError("Kun spørgsmål med enkeltvalg har svarmuligheder. Tøm feltet, eller vælg enkeltvalg.");
    return [];
  }
  const parsed = optionList.safeParse(raw);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

async function roundOf(tx: Tx, id: string) {
  const round = await tx.countingRound.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!round) throw new UserFacingError("Tællerunden findes ikke.", 404);
  return round;
}

async function questionOf(tx: Tx, id: string) {
  const question = await tx.questionnaireQuestion.findUnique({
    where: { id },
    include: {
      options: { orderBy: { position: "asc" }, include: { _count: { select: { answers: true } } } },
      _count: { select: { answers: true } },
    },
  });
  if (!question) throw new UserFacingError("Spørgsmålet findes ikke.", 404);
  return question;
}

const municipalities = (n: number) => `${formatNumber(n)} ${n === 1 ? "kommune" : "kommuner"}`;

export async function addQuestion(ctx: AdminContext, input: z.infer<typeof addQuestionSchema>): Promise<{ id: string }> {
  assertNational(ctx);
  const options = parseOptions(input.kind, input.options);
  return adminTransaction(ctx, async (tx) => {
    const round = await roundOf(tx, input.roundId);
    const last = await tx.questionnaireQuestion.aggregate({ where: { roundId: round.id }, _max: { position: true }, _count: true });
    if (last._count >= MAX_QUESTIONS) throw new UserFacingError(`En runde kan højst have ${MAX_QUESTIONS} spørgsmål.`);
    const question = await tx.questionnaireQuestion.create({
      data: {
        roundId: round.id,
        position: (last._max.position ?? 0) + 1,
        kind: input.kind,
        text: input.text,
        isPublic: input.isPublic,
        options: { create: options.map((label, i) => ({ label, position: i + 1 })) },
      },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "questionnaire.question.create",
      entityType: "questionnaire_question",
      entityId: question.id,
      after: { round: round.name, kind: input.kind, text: input.text, options, isPublic: input.isPublic },
    });
    return { id: question.id };
  });
}

export async function updateQuestion(ctx: AdminContext, input: z.infer<typeof updateQuestionSchema>): Promise<void> {
  assertNational(ctx);
  await adminTransaction(ctx, async (tx) => {
    const question = await questionOf(tx, input.questionId);
    const labels = parseOptions(question.kind, input.options);
    const answered = question._count.answers;
    if (answered && input.text !== question.text)
      throw new UserFacingError(
        `Spørgsmålet er besvaret af ${municipalities(answered)}, så ordlyden kan ikke ændres. Tilføj et nyt spørgsmål i stedet.`,
      );
    const removed = question.options.filter((o) => !labels.includes(o.label));
    const chosen = removed.find((o) => o._count.answers > 0);
    if (chosen)
      throw new UserFacingError(
        `Svarmuligheden «${chosen.label}» er valgt af ${municipalities(chosen._count.answers)} og kan ikke fjernes eller omdøbes. Du kan tilføje nye svarmuligheder.`,
      );
    if (removed.length) await tx.questionnaireOption.deleteMany({ where: { id: { in: removed.map((o) => o.id) } } });
    for (const [i, label] of labels.entries()) {
      const existing = question.options.find((o) => o.label === label);
      if (existing) await tx.questionnaireOption.update({ where: { id: existing.id }, data: { position: i + 1 } });
      else await tx.questionnaireOption.create({ data: { questionId: question.id, label, position: i + 1 } });
    }
    await tx.questionnaireQuestion.update({ where: { id: question.id }, data: { text: input.text, isPublic: input.isPublic } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "questionnaire.question.update",
      entityType: "questionnaire_question",
      entityId: question.id,
      before: { text: question.text, options: question.options.map((o) => o.label), isPublic: question.isPublic },
      after: { text: input.text, options: labels, isPublic: input.isPublic },
    });
  });
}

export async function deleteQuestion(ctx: AdminContext, input: z.infer<typeof questionRefSchema>): Promise<{ text: string }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    const question = await questionOf(tx, input.questionId);
    if (question._count.answers)
      throw new UserFacingError(`Spørgsmålet er besvaret af ${municipalities(question._count.answers)} og kan ikke slettes.`);
    await tx.questionnaireQuestion.delete({ where: { id: question.id } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "questionnaire.question.delete",
      entityType: "questionnaire_question",
      entityId: question.id,
      before: { text: question.text, kind: question.kind, options: question.options.map((o) => o.label) },
    });
    return { text: question.text };
  });
}

/** Swaps the question with its neighbour above or below (a no-op at either end). */
export async function moveQuestion(ctx: AdminContext, input: z.infer<typeof moveQuestionSchema>): Promise<void> {
  assertNational(ctx);
  await adminTransaction(ctx, async (tx) => {
    const question = await questionOf(tx, input.questionId);
    const up = input.direction === "up";
    const neighbour = await tx.questionnaireQuestion.findFirst({
      where: { roundId: question.roundId, position: up ? { lt: question.position } : { gt: question.position } },
      orderBy: { position: up ? "desc" : "asc" },
    });
    if (!neighbour) return;
    await tx.questionnaireQuestion.update({ where: { id: question.id }, data: { position: neighbour.position } });
    await tx.questionnaireQuestion.update({ where: { id: neighbour.id }, data: { position: question.position } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "questionnaire.question.move",
      entityType: "questionnaire_question",
      entityId: question.id,
      before: { position: question.position },
      after: { position: neighbour.position },
    });
  });
}

/** Copies an earlier round's questions (with options and public choice) into a round that has none yet. */
export async function copyQuestionnaire(ctx: AdminContext, input: z.infer<typeof copyQuestionnaireSchema>): Promise<{ count: number }> {
  assertNational(ctx);
  if (input.roundId === input.fromRoundId) throw new UserFacingError("Vælg en anden runde at kopiere fra.");
  return adminTransaction(ctx, async (tx) => {
    const [round, from] = [await roundOf(tx, input.roundId), await roundOf(tx, input.fromRoundId)];
    if (await tx.questionnaireQuestion.count({ where: { roundId: round.id } }))
      throw new UserFacingError(`«${round.name}» har allerede spørgsmål. Der kan kun kopieres til et tomt spørgeskema.`);
    const questions = await tx.questionnaireQuestion.findMany({
      where: { roundId: from.id },
      orderBy: { position: "asc" },
      include: { options: { orderBy: { position: "asc" } } },
    });
    if (!questions.length) throw new UserFacingError(`«${from.name}» har ingen spørgsmål at kopiere.`);
    for (const [i, q] of questions.entries()) {
      await tx.questionnaireQuestion.create({
        data: {
          roundId: round.id,
          position: i + 1,
          kind: q.kind,
          text: q.text,
          isPublic: q.isPublic,
          options: { create: q.options.map((o, j) => ({ label: o.label, position: j + 1 })) },
        },
      });
    }
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "questionnaire.copy",
      entityType: "counting_round",
      entityId: round.id,
      after: { round: round.name, from: from.name, questions: questions.length },
    });
    return { count: questions.length };
  });
}
