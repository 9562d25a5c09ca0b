import { toCsv } from "@/lib/exchange/csv";
import type { AnswerMatrix } from "./queries";

// KL's download of a round's answers side by side (docs/formats.md, "Spørgeskemaets svar"): one
// line per municipality, one column per question in KL's order; an empty cell has no answer.

export function answerMatrixCsv(matrix: AnswerMatrix): string {
  const header = ["kommunenr", "kommune", "godkendt", ...matrix.questions.map((q, i) => `${i + 1}. ${q.text}`)];
  return toCsv([header, ...matrix.rows.map((r) => [r.number, r.name, r.approved, ...r.cells])]);
}
