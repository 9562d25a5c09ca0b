import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { getDatabase } from "@/lib/db";
import type { AnswerCell } from "./queries";

// The questionnaire's answers on Det Digitale Landkort (/landkort, public, no sign-in): only the
// questions KL made public, and only from municipalities that publish their figures
// (municipality.publish_landkort) and have approved the round (approval freezes the answers, so
// what is public is final). Both conditions are in the SQL: nothing else leaves the database on a
// public request (tests/db/questionnaire-public.test.ts).

export interface PublicAnswers {
  questions: { id: string; text: string }[];
  rows: { number: number; name: string; cells: AnswerCell[] }[];
}

export async function publicAnswers(query: SqlExecutor["query"], roundId: string): Promise<PublicAnswers> {
  const questions = await query<{ id: string; text: string }>(
    `SELECT id, text FROM questionnaire_question WHERE round_id = $1::uuid AND is_public ORDER BY position, id`,
    [roundId],
  );
  if (!questions.length) return { questions: [], rows: [] };
  const answers = await query<{
    number: number;
    name: string;
    question_id: string;
    label: string | null;
    number_value: number | null;
    text_value: string | null;
  }>(
    `SELECT m.number, m.name, a.question_id, o.label, a.number_value, a.text_value
     FROM questionnaire_answer a
     JOIN municipality m ON m.id = a.municipality_id AND m.publish_landkort
     JOIN round_approval ra ON ra.municipality_id = a.municipality_id AND ra.round_id = $1::uuid
     JOIN questionnaire_question q ON q.id = a.question_id AND q.round_id = $1::uuid AND q.is_public
     LEFT JOIN questionnaire_option o ON o.id = a.option_id
     ORDER BY m.number`,
    [roundId],
  );
  const rows = new Map<number, PublicAnswers["rows"][number]>();
  for (const a of answers) {
    const number = Number(a.number);
    const row = rows.get(number) ?? { number, name: a.name, cells: questions.map(() => null) };
    row.cells[questions.findIndex((q) => q.id === a.question_id)] =
      a.label ?? (a.number_value === null ? a.text_value : Number(a.number_value));
    rows.set(number, row);
  }
  return { questions, rows: [...rows.values()] };
}

/** The /landkort page's answers for a round. */
export function loadPublicAnswers(roundId: string) {
  const sql = getDatabase().sql;
  return publicAnswers(sql.query.bind(sql), roundId);
}
