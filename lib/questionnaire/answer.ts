import "server-only";
import { z } from "zod";
import { type AdminContext, adminTransaction, assertAdminister } from "@/lib/actions/context";
import { ValidationError } from "@/lib/actions/form-state";
import { recordAudit } from "@/lib/audit/audit";
import { UserFacingError } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { TEXT_ANSWER_MAX } from "./kinds";

// A coordinator answers KL's questionnaire once per round for the municipality (issue 17). The
// answers can be changed until the municipality approves the round's data (lib/approval): approval
// freezes them with the registrations, and reopening the round opens them again. A field left
// empty has no answer. Every answer is checked before anything is written: one bad answer and
// nothing changes. One audit event per save, with the answers before and after.

export const answersSchema = z.object({
  municipalityId: idSchema("Kommunen findes ikke."),
  roundId: idSchema("Tællerunden findes ikke."),
  /** Question id → the field's value (an option id, a number or a short text; "" for no answer). */
  values: z.record(z.string(), z.string().max(1000, "Svaret er for langt.")),
});
export type AnswersInput = z.infer<typeof answersSchema>;

type Value = { optionId: string | null; numberValue: number | null; textValue: string | null };

const NUMBER = /^-?\d{1,12}([.,]\d{1,4})?$/;

interface QuestionForAnswer {
  id: string;
  position: number;
  kind: "CHOICE" | "NUMBER" | "TEXT";
  options: { id: string; label: string }[];
}

/** The answer a field holds, or a Danish message; null for an empty field. */
function parseAnswer(q: QuestionForAnswer, raw: string): Value | string | null {
  const value = raw.trim();
  if (!value) return null;
  if (q.kind === "CHOICE") {
    return q.options.some((o) => o.id === value) ? { optionId: value, numberValue: null, textValue: null } : "Vælg en af svarmulighederne.";
  }
  if (q.kind === "NUMBER") {
    const compact = value.replace(/\s/g, "");
    if (!NUMBER.test(compact)) return "Skriv et tal uden tusindtalspunktum, fx 12 eller 2,5.";
    return { optionId: null, numberValue: Number(compact.replace(",", ".")), textValue: null };
  }
  const text = value.replace(/\s+/g, " ");
  if (text.length > TEXT_ANSWER_MAX) return `Svaret må højst være ${TEXT_ANSWER_MAX} tegn.`;
  return { optionId: null, numberValue: null, textValue: text };
}

const shown = (v: Value | null, q: QuestionForAnswer) =>
  v === null ? null : v.optionId ? (q.options.find((o) => o.id === v.optionId)?.label ?? v.optionId) : (v.numberValue ?? v.textValue);

export async function saveAnswers(ctx: AdminContext, input: AnswersInput): Promise<{ answered: number; changed: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const round = await tx.countingRound.findUnique({
      where: { id: input.roundId },
      select: {
        id: true,
        name: true,
        countingWeeks: { where: { municipalityId: input.municipalityId }, select: { id: true }, take: 1 },
        approvals: { where: { municipalityId: input.municipalityId }, select: { approvedAt: true } },
        questionnaire: {
          orderBy: { position: "asc" },
          select: { id: true, position: true, kind: true, options: { select: { id: true, label: true } } },
        },
      },
    });
    if (!round) throw new UserFacingError("Tællerunden findes ikke.", 404);
    if (!round.countingWeeks.length) throw new UserFacingError(`Kommunen deltager ikke i «${round.name}».`);
    if (round.approvals.length)
      throw new UserFacingError(
        `Kommunens data for «${round.name}» er godkendt og låst, også svarene. Genåbn runden under Dækning for at rette dem.`,
      );
    const questions = round.questionnaire;
    if (Object.keys(input.values).some((id) => !questions.some((q) => q.id === id)))
      throw new UserFacingError(`Et af spørgsmålene findes ikke i «${round.name}». Indlæs siden igen.`);
    const parsed = questions.map((q, i) => ({ q, number: i + 1, answer: parseAnswer(q, input.values[q.id] ?? "") }));
    const problems = parsed.flatMap(({ number, answer }) => (typeof answer === "string" ? [`Spørgsmål ${number}: ${answer}`] : []));
    if (problems.length) throw new ValidationError(problems);

    const existing = await tx.questionnaireAnswer.findMany({
      where: { municipalityId: input.municipalityId, questionId: { in: questions.map((q) => q.id) } },
      select: { questionId: true, optionId: true, numberValue: true, textValue: true },
    });
    const before: Record<string, string | number | null> = {};
    const after: Record<string, string | number | null> = {};
    for (const { q, number, answer } of parsed) {
      const value = answer as Value | null;
      const old = existing.find((e) => e.questionId === q.id) ?? null;
      const same =
        old && value
          ? old.optionId === value.optionId && old.numberValue === value.numberValue && old.textValue === value.textValue
          : !old && !value;
      if (same) continue;
      before[`Spørgsmål ${number}`] = shown(old, q);
      after[`Spørgsmål ${number}`] = shown(value, q);
      const key = { municipalityId_questionId: { municipalityId: input.municipalityId, questionId: q.id } };
      if (!value) await tx.questionnaireAnswer.delete({ where: key });
      else
        await tx.questionnaireAnswer.upsert({
          where: key,
          create: { municipalityId: input.municipalityId, questionId: q.id, ...value, answeredById: ctx.actorId },
          update: { ...value, answeredById: ctx.actorId, answeredAt: new Date() },
        });
    }
    const changed = Object.keys(after).length;
    if (changed)
      await recordAudit(tx, {
        actorUserId: ctx.actorId,
        ip: ctx.ip,
        municipalityId: input.municipalityId,
        action: "questionnaire.answer",
        entityType: "counting_round",
        entityId: round.id,
        before,
        after: { round: round.name, ...after },
      });
    return { answered: parsed.filter((p) => p.answer !== null).length, changed };
  });
}
