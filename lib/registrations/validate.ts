import "server-only";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RegistrationUnit } from "./unit-context";

export interface Choice {
  channelCode: string;
  taskId: string;
  contactTypeCode: string;
  closureCode: string;
  form: boolean | null;
  answers: { questionId: string; optionId: string }[];
}

export interface ChoiceFacts {
  channel_enabled: boolean;
  asks_form: boolean | null;
  task_allowed: boolean;
  task_number: string | null;
  type_exists: boolean;
  closure_exists: boolean;
}

/** The rules a registration's choices must meet, given what the database says about them. Pure. */
export function checkChoiceFacts(facts: ChoiceFacts, choice: Pick<Choice, "contactTypeCode" | "form">): void {
  if (!facts.channel_enabled) throw new UserFacingError("Kanalen er ikke slået til for enheden.");
  if (!facts.task_allowed) throw new UserFacingError("Opgaven tælles ikke i enheden.");
  if (!facts.type_exists) throw new UserFacingError("Ukendt henvendelsestype.");
  if (!facts.closure_exists) throw new UserFacingError("Ukendt afslutning.");
  if (facts.asks_form && choice.form === null) throw new UserFacingError("Angiv om der var en blanket (ja/nej).");
  if (!facts.asks_form && choice.form !== null) {
    throw new UserFacingError("Blanket angives ikke for denne kanal.");
  }
  const isFejlTask = facts.task_number === "FEJL";
  if (isFejlTask !== (choice.contactTypeCode === "FEJL")) {
    throw new UserFacingError("Fejlhenvendelse er både opgave og type: vælg Fejlhenvendelse som opgave.");
  }
}

/**
 * Checks a registration's choices against the unit in one round trip: the channel is enabled there,
 * the task allowed, the codes exist, the form answer fits the channel. Returns the ISO week of the
 * date (the counting-week flag is decided where the row is written, by inCountingWeek).
 * Throws a UserFacingError in Danish for anything wrong.
 */
export async function validateChoice(
  prisma: PrismaClient,
  unit: RegistrationUnit,
  choice: Choice,
  occurredAt: Date,
  options: { checkAnswers?: boolean } = {},
): Promise<{ isoYear: number; isoWeek: number }> {
  const week = isoWeekOf(occurredAt);
  const [facts] = await prisma.$queryRaw<ChoiceFacts[]>`
    SELECT
      EXISTS (SELECT 1 FROM unit_channel WHERE unit_id = ${unit.id}::uuid AND channel_code = ${choice.channelCode}) AS channel_enabled,
      (SELECT asks_form FROM channel WHERE code = ${choice.channelCode}) AS asks_form,
      EXISTS (SELECT 1 FROM unit_task WHERE unit_id = ${unit.id}::uuid AND task_id = ${choice.taskId}::uuid) AS task_allowed,
      (SELECT number FROM task WHERE id = ${choice.taskId}::uuid) AS task_number,
      EXISTS (SELECT 1 FROM contact_type WHERE code = ${choice.contactTypeCode}) AS type_exists,
      EXISTS (SELECT 1 FROM closure WHERE code = ${choice.closureCode}) AS closure_exists`;

  checkChoiceFacts(facts, choice);
  if (options.checkAnswers !== false) await validateAnswers(prisma, unit, choice.answers, week);
  return week;
}

/** Answers must be options of questions asked in this unit for this week; required questions must be answered. */
export async function validateAnswers(
  prisma: PrismaClient,
  unit: { id: string; municipalityId: string },
  answers: Choice["answers"],
  week: { isoYear: number; isoWeek: number },
) {
  const questions = await questionsForUnit(prisma, unit, week);
  if (questions.length === 0 && answers.length === 0) return;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  for (const answer of answers) {
    const question = byId.get(answer.questionId);
    if (!question || !question.options.some((o) => o.id === answer.optionId)) {
      throw new UserFacingError("Et svar passer ikke til enhedens ekstra spørgsmål.");
    }
    if (answered.has(answer.questionId)) throw new UserFacingError("Et spørgsmål er besvaret to gange.");
    answered.add(answer.questionId);
  }
  const missing = questions.find((q) => q.required && !answered.has(q.id));
  if (missing) throw new UserFacingError(`Besvar spørgsmålet "${missing.text}".`);
}

/** The extra questions shown in a unit in a given week (a question tied to a round applies in its weeks only). */
export async function questionsForUnit(
  prisma: PrismaClient,
  unit: { id: string; municipalityId: string },
  week: { isoYear: number; isoWeek: number },
) {
  const questions = await prisma.extraQuestion.findMany({
    where: {
      archivedAt: null,
      units: { some: { unitId: unit.id } },
      OR: [{ municipalityId: unit.municipalityId }, { municipalityId: null }],
    },
    select: {
      id: true,
      text: true,
      required: true,
      round: { select: { isoYear: true, firstWeek: true, weekCount: true } },
      options: { select: { id: true, label: true }, orderBy: { sortOrder: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  return questions.filter(
    (q) =>
      !q.round ||
      (q.round.isoYear === week.isoYear && week.isoWeek >= q.round.firstWeek && week.isoWeek < q.round.firstWeek + q.round.weekCount),
  );
}
