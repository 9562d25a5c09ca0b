import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";

// KL's filter of national figures on the round questionnaire (issue 17, docs/method.md "Filter på
// kommunernes svar"): `?svar=<option id>` keeps the municipalities whose answer to a single-choice
// question of the round is that option, e.g. «Har kommunen en kanalstrategi? Ja». Figures with the
// filter are national figures, so they count approved municipalities only (ReportContext.approvedOnly);
// approval also freezes the answers, so the group a municipality falls in cannot move under a figure.

export interface AnswerFilter {
  optionId: string;
  question: string;
  option: string;
  /** Approved municipalities in the group (the figure's basis), counted in SQL. */
  approved: number;
}

export async function resolveAnswerFilter(
  query: SqlExecutor["query"],
  optionId: string,
  round: { id: string; name: string } | null,
): Promise<AnswerFilter> {
  if (!round) throw new UserFacingError("Vælg en tællerunde for at filtrere på kommunernes svar.");
  const [row] = await query<{ question: string; option: string; round_id: string; approved: number }>(
    `SELECT q.text AS question, o.label AS option, q.round_id,
            (SELECT count(*) FROM questionnaire_answer a JOIN round_approval ra ON ra.municipality_id = a.municipality_id AND ra.round_id = q.round_id
             WHERE a.option_id = o.id)::int AS approved
     FROM questionnaire_option o JOIN questionnaire_question q ON q.id = o.question_id WHERE o.id = $1::uuid`,
    [optionId],
  );
  if (!row || row.round_id !== round.id) throw new UserFacingError(`Svaret hører ikke til spørgeskemaet for «${round.name}».`);
  return { optionId, question: row.question, option: row.option, approved: Number(row.approved) };
}

/** The WHERE condition on a report source (alias `r`). */
export function answerFilterSql(filter: AnswerFilter, p: { add(value: unknown): string }): string {
  return `r.municipality_id IN (SELECT municipality_id FROM questionnaire_answer WHERE option_id = ${p.add(filter.optionId)}::uuid)`;
}

/** The note under every figure filtered on an answer. */
export function answerFilterNote(filter: AnswerFilter): string {
  return `Kun kommuner, der har svaret «${filter.option}» på «${filter.question}» og har godkendt runden: ${filter.approved} ${filter.approved === 1 ? "kommune" : "kommuner"}.`;
}
