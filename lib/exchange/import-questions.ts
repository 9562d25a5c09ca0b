import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { type AnswerColumns, pgArray } from "./insert-rows";

// Extra-question columns of an old raw export: each column becomes a question of the municipality
// (an existing question of the municipality with the same text is reused), its distinct non-empty
// values become options, and each row's value becomes that registration's answer.
// KL's national questions are never reused: new options would change KL's question everywhere.

export const MAX_QUESTION_TEXT = 300;
export const MAX_OPTION_LABEL = 100;
/** More distinct values than this is free text, not a single-choice question. */
export const MAX_IMPORTED_OPTIONS = 100;

export interface ImportQuestionPlan {
  /** The column's header as written in the file (the key of each row's answers). */
  column: string;
  text: string;
  /** An existing question of the municipality, or null: created when the import is committed. */
  questionId: string | null;
  /** Options in order of first appearance; optionId null = created on commit. */
  options: { label: string; optionId: string | null; answers: number }[];
  answers: number;
}

const normalise = (text: string) => text.trim().replace(/\s+/g, " ");
const key = (text: string) => normalise(text).toLocaleLowerCase("da-DK");

type ExistingQuestion = { id: string; text: string; archivedAt: Date | null; options: { id: string; label: string }[] };

/** The municipality's own questions, which a column with the same text reuses. */
export function loadExistingQuestions(prisma: PrismaClient, municipalityId: string): Promise<ExistingQuestion[]> {
  return prisma.extraQuestion.findMany({
    where: { municipalityId },
    select: { id: true, text: true, archivedAt: true, options: { select: { id: true, label: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Plans the questions for the answered rows. Header problems are reported on line 1, overlong
 * answers on their own line; nothing is written here.
 */
export async function planImportQuestions(
  prisma: PrismaClient,
  municipalityId: string,
  columns: readonly string[],
  rows: readonly { line: number; answers?: Record<string, string> }[],
): Promise<{ questions: ImportQuestionPlan[]; errors: { line: number; message: string }[] }> {
  return planQuestionColumns(columns, columns.length ? await loadExistingQuestions(prisma, municipalityId) : [], rows);
}

/** planImportQuestions without the database: the existing questions are given (the import worker runs this). */
export function planQuestionColumns(
  columns: readonly string[],
  existing: readonly ExistingQuestion[],
  rows: readonly { line: number; answers?: Record<string, string> }[],
): { questions: ImportQuestionPlan[]; errors: { line: number; message: string }[] } {
  const errors: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  for (const [i, column] of columns.entries()) {
    const text = normalise(column);
    if (!text) errors.push({ line: 1, message: `Spørgsmålskolonne ${i + 1} har ingen overskrift.` });
    else if (text.length > MAX_QUESTION_TEXT)
      errors.push({ line: 1, message: `Spørgsmålet "${text.slice(0, 40)}…" er over ${MAX_QUESTION_TEXT} tegn.` });
    else if (seen.has(key(text))) errors.push({ line: 1, message: `Spørgsmålet "${text}" står i to kolonner.` });
    seen.add(key(text));
  }
  if (errors.length || columns.length === 0) return { questions: [], errors };

  // An active question wins over an archived one with the same text.
  const byText = new Map<string, ExistingQuestion>();
  for (const q of existing) if (!byText.has(key(q.text)) || byText.get(key(q.text))!.archivedAt) byText.set(key(q.text), q);
  const questions = columns.map((column): ImportQuestionPlan => {
    const found = byText.get(key(column));
    return { column, text: found?.text ?? normalise(column), questionId: found?.id ?? null, options: [], answers: 0 };
  });
  const optionIndex = questions.map((q, i) => {
    const known = new Map((byText.get(key(columns[i]))?.options ?? []).map((o) => [o.label, o.id]));
    return { known, planned: new Map<string, ImportQuestionPlan["options"][number]>() };
  });
  for (const row of rows) {
    for (const [i, column] of columns.entries()) {
      const label = row.answers?.[column];
      if (!label) continue;
      if (label.length > MAX_OPTION_LABEL) {
        errors.push({
          line: row.line,
          message: `Svaret "${label.slice(0, 40)}…" på "${questions[i].text}" er over ${MAX_OPTION_LABEL} tegn.`,
        });
        continue;
      }
      const index = optionIndex[i];
      let option = index.planned.get(label);
      if (!option) {
        option = { label, optionId: index.known.get(label) ?? null, answers: 0 };
        index.planned.set(label, option);
        questions[i].options.push(option);
      }
      option.answers++;
      questions[i].answers++;
    }
  }
  for (const q of questions) {
    if (q.options.length > MAX_IMPORTED_OPTIONS) {
      errors.push({
        line: 1,
        message: `Kolonnen "${q.text}" har ${q.options.length} forskellige svar; et spørgsmål med faste svar kan højst have ${MAX_IMPORTED_OPTIONS}.`,
      });
    }
  }
  return { questions, errors };
}

type Tx = Prisma.TransactionClient;

/** A question as committed: its id and its options' ids by label (plain data, for the import worker). */
export interface ResolvedQuestion {
  column: string;
  questionId: string;
  /** [label, option id] of each option. */
  optionIds: [string, string][];
}

/**
 * Inside the import's transaction: creates the planned questions and options (marked with the batch).
 * A column nobody answered creates no question. The answers follow with answerColumns.
 */
export async function createImportQuestions(
  tx: Tx,
  municipalityId: string,
  batchId: string,
  questions: readonly ImportQuestionPlan[],
): Promise<ResolvedQuestion[]> {
  // Questions are exported in creation order; spacing the timestamps keeps the file's column order.
  const base = Date.now();
  const resolved: ResolvedQuestion[] = [];
  for (const [i, q] of questions.entries()) {
    if (q.answers === 0) continue;
    const questionId =
      q.questionId ??
      (
        await tx.extraQuestion.create({
          data: { municipalityId, text: q.text, createdByBatchId: batchId, createdAt: new Date(base + i) },
          select: { id: true },
        })
      ).id;
    const last = await tx.extraQuestionOption.aggregate({ where: { questionId }, _max: { sortOrder: true } });
    let sortOrder = (last._max.sortOrder ?? -1) + 1;
    const optionIds: [string, string][] = [];
    for (const option of q.options) {
      const id =
        option.optionId ??
        (
          await tx.extraQuestionOption.create({
            data: { questionId, label: option.label, sortOrder: sortOrder++, createdByBatchId: batchId },
            select: { id: true },
          })
        ).id;
      optionIds.push([option.label, id]);
    }
    resolved.push({ column: q.column, questionId, optionIds });
  }
  return resolved;
}

/** The answers of rows [from, to) (each row already has its registration id) as insert columns. */
export function answerColumns(
  rows: readonly { id?: string; answers?: Record<string, string> }[],
  resolved: readonly ResolvedQuestion[],
  from: number,
  to: number,
): AnswerColumns {
  const registrationIds: string[] = [];
  const questionIds: string[] = [];
  const optionIds: string[] = [];
  const byLabel = resolved.map((q) => ({ column: q.column, questionId: q.questionId, options: new Map(q.optionIds) }));
  for (let i = from; i < Math.min(to, rows.length); i++) {
    const row = rows[i];
    if (!row.answers) continue;
    for (const { column, questionId, options } of byLabel) {
      const optionId = options.get(row.answers[column]);
      if (!optionId) continue;
      registrationIds.push(row.id!);
      questionIds.push(questionId);
      optionIds.push(optionId);
    }
  }
  return {
    count: registrationIds.length,
    registrationId: pgArray(registrationIds),
    questionId: pgArray(questionIds),
    optionId: pgArray(optionIds),
  };
}

/**
 * After a batch's registrations (and with them their answers) are deleted: removes the questions the
 * batch created that nothing uses any more — no answers left and not asked in any unit — and the
 * options it added that have no answers, unless their question is asked in a unit (a coordinator
 * took it into use; its options are then theirs). Returns how many of each were removed.
 */
export async function removeUnusedImportQuestions(tx: Tx, batchId: string): Promise<{ questions: number; options: number }> {
  const unused = { answers: { none: {} }, units: { none: {} } } as const;
  const options = await tx.extraQuestionOption.deleteMany({
    where: { createdByBatchId: batchId, answers: { none: {} }, question: { units: { none: {} } } },
  });
  const questions = await tx.extraQuestion.deleteMany({ where: { createdByBatchId: batchId, ...unused } });
  return { questions: questions.count, options: options.count };
}
