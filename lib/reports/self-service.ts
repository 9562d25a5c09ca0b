import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { taskKey } from "./dims";
import { SELF_SERVICE_BASE } from "./figures";
import { klTable } from "./kl-table";
import { SELF_SERVICE_FLAGS, selfServiceCells, sourceLabel } from "./self-service-cells";
import { Params, ratio } from "./sql";
import type { ReportDefinition, ReportRow, ReportTable } from "./types";

export const SELF_SERVICE_TARGET = 0.8;

// Selvbetjeningsgrad = inbound transactions (OPRET + STATUS) through a self-service channel ÷ all
// inbound transactions of the task; a self-service count without a type counts as a transaction
// (figures.ts). Tasks without inbound transactions get NULL ("–"). The self-service figure of each
// municipality, task and week comes from one source only: its own or KL's vendor figure
// (self-service-cells.ts), and each task says which.

export interface TaskRate {
  /** The task's id (emne level) or KLE group number: what rows of two rounds are matched on. */
  key: string | null;
  number: string | null;
  title: string | null;
  is_total: number;
  self: number;
  tx: number;
  rate: number | null;
  /** Which self-service figures counted (and which were left out), in words. */
  source: string;
}

interface SourceFlags {
  used_own: boolean;
  used_vendor: boolean;
  dropped_own: boolean;
  dropped_vendor: boolean;
  solutions: string | null;
}

export async function selfServiceRates(query: SqlExecutor["query"], ctx: ReportContext, weekKeys?: number[]): Promise<TaskRate[]> {
  const p = new Params();
  const cells = selfServiceCells(ctx, p, weekKeys, { keep: ["task"] });
  const task = taskKey(ctx);
  const rows = await query<Omit<TaskRate, "source"> & SourceFlags>(
    `SELECT a.k::text AS key, ${task.number("t")} AS number, ${task.title("t")} AS title, a.is_total, a.self, a.tx, ${ratio("a.self", "a.tx")} AS rate,
            a.used_own, a.used_vendor, a.dropped_own, a.dropped_vendor, a.solutions
     FROM (SELECT ${task.inner} AS k, GROUPING(${task.inner}) AS is_total,
                  COALESCE(sum(r.self), 0)::float8 AS self, COALESCE(sum(r.tx), 0)::float8 AS tx,
                  ${SELF_SERVICE_FLAGS}
           FROM ${cells} r ${task.innerJoin}
           GROUP BY GROUPING SETS ((${task.inner}), ())) a
     ${task.join("t")}
     ORDER BY a.is_total, 2`,
    p.values,
  );
  return rows.map(({ used_own, used_vendor, dropped_own, dropped_vendor, solutions, ...r }) => ({
    ...r,
    is_total: Number(r.is_total),
    self: Number(r.self),
    tx: Number(r.tx),
    rate: r.rate === null ? null : Number(r.rate),
    source: sourceLabel({ used_own, used_vendor, dropped_own, dropped_vendor, solutions }),
  }));
}

/** The change in percentage points, one decimal, computed in SQL like the rates. */
async function changes(query: SqlExecutor["query"], pairs: [number | null, number | null][]): Promise<(number | null)[]> {
  if (!pairs.length) return [];
  const rows = await query<{ change: number | null }>(
    `SELECT CASE WHEN a IS NOT NULL AND b IS NOT NULL THEN round(((a - b) * 1000)::numeric) / 10 END::float8 AS change
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS x(a, b, i) ORDER BY i`,
    [pairs.map(([a]) => a), pairs.map(([, b]) => b)],
  );
  return rows.map((r) => (r.change === null ? null : Number(r.change)));
}

export const selfService: ReportDefinition = {
  slug: "selvbetjening",
  title: "Selvbetjeningsgrad",
  description:
    "Indgående transaktioner (oprettelse og statusændring) gennem selvbetjening i forhold til alle indgående transaktioner pr. opgave, mod målet på 80 % og sammenlignet med en tidligere runde.",
  audience: "unit",
  taskTables: true,
  async run(query, ctx) {
    // Three independent reads: on a PostgreSQL server they run side by side (PGlite takes them in turn).
    const [current, earlier, kl] = await Promise.all([
      selfServiceRates(query, ctx),
      ctx.compareRound ? selfServiceRates(query, ctx, ctx.compareRound.weekKeys) : [],
      klTable(query, ctx),
    ]);
    const keyOf = (r: TaskRate) => (r.is_total ? "total" : r.key);
    const earlierByKey = new Map(earlier.map((r) => [keyOf(r), r]));
    const label = ctx.round?.name ?? "Valgt periode";
    const compareLabel = ctx.compareRound?.name ?? "Tidligere runde";
    // Tasks counted only in the earlier round still get a line, with "–" for this round.
    const lines: [TaskRate | null, TaskRate | null][] = current.map((r) => [r, earlierByKey.get(keyOf(r)) ?? null]);
    for (const r of earlier) if (!current.some((c) => keyOf(c) === keyOf(r))) lines.push([null, r]);
    const change = await changes(
      query,
      lines.map(([now, before]) => [now?.rate ?? null, before?.rate ?? null]),
    );
    const toRow = ([now, before]: [TaskRate | null, TaskRate | null], i: number): ReportRow => {
      const any = (now ?? before)!;
      return {
        code: any.is_total ? "" : any.number,
        label: any.is_total ? "I alt" : any.title,
        self: now?.self ?? 0,
        tx: now?.tx ?? 0,
        rate: now?.rate ?? null,
        source: now?.source ?? "Ingen selvbetjening",
        ...(ctx.compareRound ? { earlierTx: before?.tx ?? 0, earlier: before?.rate ?? null, change: change[i] } : {}),
      };
    };
    const all = lines.map(toRow);
    const totalIndex = lines.findIndex(([now, before]) => (now ?? before)!.is_total);
    const rows = all.filter((_, i) => i !== totalIndex).sort((a, b) => String(a.code).localeCompare(String(b.code)));
    const byTask: ReportTable = {
      id: "pr-opgave",
      title: "Selvbetjeningsgrad pr. opgave",
      caption: ctx.compareRound
        ? `Selvbetjeningsgrad pr. opgave: ${label} sammenlignet med ${compareLabel}`
        : `Selvbetjeningsgrad pr. opgave: ${label}`,
      columns: [
        { key: "code", label: ctx.taskLevel === "gruppe" ? "KLE-gruppe" : "Opgavenr.", kind: "text" },
        { key: "label", label: "Opgave", kind: "text" },
        { key: "self", label: "Selvbetjente transaktioner", kind: "count" },
        { key: "tx", label: "Indgående transaktioner", kind: "count" },
        { key: "rate", label, kind: "share", base: { n: "tx", ...SELF_SERVICE_BASE } },
        { key: "source", label: "Kilde til selvbetjening", kind: "text" },
        ...(ctx.compareRound
          ? ([
              {
                key: "earlier",
                label: compareLabel,
                kind: "share",
                base: { n: "earlierTx", nLabel: `Indgående transaktioner, ${compareLabel}`, ...SELF_SERVICE_BASE },
              },
              { key: "change", label: "Ændring (procentpoint)", kind: "points" },
            ] as const)
          : []),
      ],
      rows,
      total: totalIndex >= 0 ? all[totalIndex] : undefined,
      missing: {
        rate: `ingen indgående transaktioner for opgaven i ${label}, så der er ingen grad at regne`,
        ...(ctx.compareRound
          ? {
              earlier: earlier.some((r) => r.is_total && r.tx > 0)
                ? `ikke talt i denne runde: opgaven havde ingen indgående transaktioner i ${compareLabel}`
                : `ikke talt i denne runde: ${ctx.municipality?.name ?? "de valgte enheder"} har ingen indgående transaktioner i ${compareLabel}`,
              change: "ændringen kræver en grad i begge runder",
            }
          : {}),
      },
    };
    return {
      tables: kl ? [byTask, kl.table] : [byTask],
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
        "Transaktioner er henvendelser af typen «Oprettelse af ny sag» og «Ændring af status på eksisterende sag». Selvbetjente er dem gennem Selvbetjening, Borger.dk/tællerscript og NemRefusion. Optællinger fra selvbetjening uden type (uploadede tal) er ansøgninger og tæller som transaktioner.",
        "Selvbetjente ansøgninger tælles fra én kilde pr. opgave og uge: kommunens egne tal (registreret selvbetjening og tal fra statistikmodul eller tællerscript) eller KL's leverandørdata. Har kommunen begge, tæller egne tal, medmindre tovholderen har valgt leverandørdata for opgaven; kolonnen «Kilde til selvbetjening» siger, hvilken der er brugt.",
        ...(ctx.unitIds
          ? ["Tal for hele kommunen (leverandørdata, statistikmodul, tællerscript) er ikke med, når der ses på enkelte enheder."]
          : []),
        "«–» betyder, at opgaven ikke har indgående transaktioner i perioden, så der er ingen grad at regne; ved hver «–» står hvorfor.",
        ctx.compareRound
          ? `Der sammenlignes med ${compareLabel}${ctx.filters.sammenlign ? ", som valgt i filteret" : ", den seneste tidligere runde med registreringer"}.`
          : ctx.round
            ? "Der er ingen tidligere runde med registreringer at sammenligne med."
            : "Vælg en tællerunde for at sammenligne med en tidligere runde.",
        ...(kl ? [kl.note] : ["Vælg en opgavepakke (eller en runde med en pakke) for at få KL's opstilling med alle pakkens opgaver."]),
      ],
    };
  },
};
