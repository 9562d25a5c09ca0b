import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";
import { resolveAnswerFilter } from "./answer-filter";
import { GROUPABLE_REPORTS } from "./filters";
import { channelMixTable } from "./channel-mix";
import type { ReportContext } from "./context";
import { SELF_SERVICE_BASE } from "./figures";
import { selfServiceRates } from "./self-service";
import type { ReportRow, ReportTable } from "./types";

// KL's grouping of national figures on a single-choice question of the round questionnaire (issue 17,
// `?gruppering=<question id>`, docs/method.md "Filter på kommunernes svar"): the self-service rate and
// the channel mix once per answer, side by side (e.g. municipalities with and without a channel
// strategy). Each group is exactly the figure the filter `?svar=<option>` gives: the same SQL with the
// group's option as the filter, approved municipalities only.

type Q = SqlExecutor["query"];

async function groups(query: Q, ctx: ReportContext, questionId: string) {
  if (!ctx.round) throw new UserFacingError("Vælg en tællerunde for at gruppere på kommunernes svar.");
  if (ctx.answerFilter) throw new UserFacingError("Vælg enten et filter eller en gruppering på kommunernes svar, ikke begge.");
  const options = await query<{ id: string }>(
    `SELECT o.id FROM questionnaire_option o JOIN questionnaire_question q ON q.id = o.question_id
     WHERE q.id = $1::uuid AND q.round_id = $2::uuid AND q.kind = 'CHOICE' ORDER BY o.position`,
    [questionId, ctx.round.id],
  );
  if (!options.length) throw new UserFacingError(`Spørgsmålet er ikke et enkeltvalg i spørgeskemaet for «${ctx.round.name}».`);
  return Promise.all(
    options.map(async (o) => {
      const answerFilter = await resolveAnswerFilter(query, o.id, ctx.round);
      return { answerFilter, ctx: { ...ctx, answerFilter, approvedOnly: true } satisfies ReportContext };
    }),
  );
}

/** The report's figure per answer as one more table; null when the report has no grouping. */
export async function answerGroupingTable(query: Q, ctx: ReportContext, slug: string, questionId: string): Promise<ReportTable | null> {
  if (!GROUPABLE_REPORTS.includes(slug)) return null;
  const byAnswer = await groups(query, ctx, questionId);
  const question = byAnswer[0].answerFilter.question;
  const answerColumns = [
    { key: "answer", label: "Svar", kind: "text" },
    { key: "municipalities", label: "Godkendte kommuner", kind: "count" },
  ] as const;
  if (slug === "selvbetjening") {
    const rows: ReportRow[] = [];
    for (const g of byAnswer) {
      const total = (await selfServiceRates(query, g.ctx)).find((r) => r.is_total);
      rows.push({
        answer: g.answerFilter.option,
        municipalities: g.answerFilter.approved,
        self: total?.self ?? 0,
        tx: total?.tx ?? 0,
        rate: total?.rate ?? null,
      });
    }
    return {
      id: "pr-svar",
      title: `Selvbetjeningsgrad pr. svar på «${question}»`,
      caption: `Selvbetjeningsgrad i alt for de godkendte kommuner, fordelt på deres svar på «${question}»`,
      columns: [
        ...answerColumns,
        { key: "self", label: "Selvbetjente transaktioner", kind: "count" },
        { key: "tx", label: "Indgående transaktioner", kind: "count" },
        { key: "rate", label: "Selvbetjeningsgrad", kind: "share", base: { n: "tx", ...SELF_SERVICE_BASE } },
      ],
      rows,
      missing: { rate: "ingen indgående transaktioner hos kommunerne med dette svar" },
    };
  }
  const rows: ReportRow[] = [];
  let columns: ReportTable["columns"] = [];
  for (const g of byAnswer) {
    const table = await channelMixTable(query, g.ctx, null);
    columns = table.columns;
    for (const r of table.rows) rows.push({ answer: g.answerFilter.option, municipalities: g.answerFilter.approved, ...r });
  }
  return {
    id: "pr-svar",
    title: `Kanalfordeling pr. svar på «${question}»`,
    caption: `Kanalfordeling for de godkendte kommuner, fordelt på deres svar på «${question}»`,
    columns: [...answerColumns, ...columns],
    rows,
  };
}
