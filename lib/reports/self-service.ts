import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { Params, ratio, reportSource, sumQWhere } from "./sql";
import type { ReportDefinition, ReportRow } from "./types";

export const SELF_SERVICE_TARGET = 0.8;

// Selvbetjeningsgrad = inbound transactions (OPRET + STATUS) through a self-service channel ÷ all
// inbound transactions of the task. Tasks without inbound transactions get NULL ("–").
const TX = "c.direction = 'IN' AND r.contact_type_code IN ('OPRET', 'STATUS')";

interface TaskRate {
  task_id: string | null;
  number: string | null;
  title: string | null;
  is_total: number;
  self: number;
  tx: number;
  rate: number | null;
}

export async function selfServiceRates(query: SqlExecutor["query"], ctx: ReportContext, weekKeys?: number[]): Promise<TaskRate[]> {
  const p = new Params();
  const src = reportSource(ctx, p, ["task", "channel", "type"], { weekKeys });
  const rows = await query<TaskRate>(
    `SELECT a.task_id, t.number, t.title, a.is_total, a.self, a.tx, ${ratio("a.self", "a.tx")} AS rate
     FROM (SELECT r.task_id, GROUPING(r.task_id) AS is_total,
                  ${sumQWhere(`${TX} AND c.self_service`)} AS self,
                  ${sumQWhere(TX)} AS tx
           FROM ${src.from} JOIN channel c ON c.code = r.channel_code
           WHERE ${src.where}
           GROUP BY GROUPING SETS ((r.task_id), ())) a
     LEFT JOIN task t ON t.id = a.task_id
     ORDER BY a.is_total, t.number`,
    p.values,
  );
  return rows.map((r) => ({ ...r, is_total: Number(r.is_total), self: Number(r.self), tx: Number(r.tx), rate: r.rate === null ? null : Number(r.rate) }));
}

const points = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 1000) / 10);

export const selfService: ReportDefinition = {
  slug: "selvbetjening",
  title: "Selvbetjeningsgrad",
  description: "Indgående transaktioner (oprettelse og statusændring) gennem selvbetjening i forhold til alle indgående transaktioner pr. opgave, mod målet på 80 % og sammenlignet med en tidligere runde.",
  audience: "unit",
  async run(query, ctx) {
    const current = await selfServiceRates(query, ctx);
    const earlier = ctx.compareRound ? await selfServiceRates(query, ctx, ctx.compareRound.weekKeys) : [];
    const earlierByTask = new Map(earlier.map((r) => [r.is_total ? "total" : r.task_id, r]));
    const label = ctx.round?.name ?? "Valgt periode";
    const compareLabel = ctx.compareRound?.name ?? "Tidligere runde";
    const toRow = (r: TaskRate): ReportRow => {
      const before = earlierByTask.get(r.is_total ? "total" : r.task_id) ?? null;
      return {
        code: r.is_total ? "" : r.number,
        label: r.is_total ? "I alt" : r.title,
        self: r.self,
        tx: r.tx,
        rate: r.rate,
        ...(ctx.compareRound ? { earlier: before?.rate ?? null, change: points(r.rate, before?.rate ?? null) } : {}),
      };
    };
    const rows = current.filter((r) => !r.is_total).map(toRow);
    // Tasks counted only in the earlier round still get a line, with "–" for this round.
    for (const r of earlier) {
      if (r.is_total || current.some((c) => c.task_id === r.task_id)) continue;
      rows.push({ code: r.number, label: r.title, self: 0, tx: 0, rate: null, earlier: r.rate, change: null });
    }
    rows.sort((a, b) => String(a.code).localeCompare(String(b.code)));
    const totalRow = current.find((r) => r.is_total);
    return {
      tables: [
        {
          id: "pr-opgave",
          title: "Selvbetjeningsgrad pr. opgave",
          caption: ctx.compareRound ? `Selvbetjeningsgrad pr. opgave: ${label} sammenlignet med ${compareLabel}` : `Selvbetjeningsgrad pr. opgave: ${label}`,
          columns: [
            { key: "code", label: "Opgavenr.", kind: "text" },
            { key: "label", label: "Opgave", kind: "text" },
            { key: "self", label: "Selvbetjente transaktioner", kind: "count" },
            { key: "tx", label: "Indgående transaktioner", kind: "count" },
            { key: "rate", label: label, kind: "share" },
            ...(ctx.compareRound
              ? ([
                  { key: "earlier", label: compareLabel, kind: "share" },
                  { key: "change", label: "Ændring (procentpoint)", kind: "points" },
                ] as const)
              : []),
          ],
          rows,
          total: totalRow ? toRow(totalRow) : undefined,
        },
      ],
      charts: [
        {
          title: "Selvbetjeningsgrad pr. opgave",
          caption: `Selvbetjeningsgrad pr. opgave med transaktioner (${label}). Den stiplede linje er målet på 80 %. Tallene står i tabellen.`,
          unit: "share",
          tableId: "pr-opgave",
          target: { value: SELF_SERVICE_TARGET, label: "Mål 80 %" },
          bars: current.filter((r) => !r.is_total && r.tx > 0).map((r) => ({ label: `${r.number} ${r.title}`, value: r.rate })),
        },
      ],
      notes: [
        "Transaktioner er henvendelser af typen «Oprettelse af ny sag» og «Ændring af status på eksisterende sag». Selvbetjente er dem gennem Selvbetjening, Borger.dk/tællerscript og NemRefusion.",
        "«–» betyder, at opgaven ikke har indgående transaktioner i perioden, så der er ingen grad at regne.",
      ],
    };
  },
};
