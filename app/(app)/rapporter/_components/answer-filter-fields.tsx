import { GROUPABLE_REPORTS, type ReportFilters } from "@/lib/reports/filters";
import type { FilterOptions } from "@/lib/reports/options";
import type { ReportDefinition } from "@/lib/reports/types";

// KL's filter and grouping on the round questionnaire's single-choice answers (docs/method.md,
// "Filter på kommunernes svar"): shown to national staff when the round has such questions.

export function AnswerFilterFields({
  report,
  filters: f,
  questions,
  className: field,
}: {
  report: ReportDefinition;
  filters: ReportFilters;
  questions: FilterOptions["answerQuestions"];
  className: string;
}) {
  if (!questions.length) return null;
  return (
    <>
      <label className="block">
        <span className="font-medium">Kommunernes svar</span>
        <span className="block text-sm text-slate-700">Kun kommuner, der har svaret sådan i rundens spørgeskema og godkendt runden</span>
        <select name="svar" defaultValue={f.svar ?? ""} className={field}>
          <option value="">Alle kommuner</option>
          {questions.map((q) => (
            <optgroup key={q.id} label={q.text}>
              {q.options.map((o) => (
                <option key={o.id} value={o.id}>{`${q.text}: ${o.label}`}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {GROUPABLE_REPORTS.includes(report.slug) ? (
        <label className="block">
          <span className="font-medium">Fordel på kommunernes svar</span>
          <select name="gruppering" defaultValue={f.gruppering ?? ""} className={field}>
            <option value="">Ingen fordeling</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.text}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
