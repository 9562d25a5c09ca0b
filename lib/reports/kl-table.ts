import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { MISSING } from "./format";
import { SELF_SERVICE_BASE } from "./figures";
import { selfServiceCells } from "./self-service-cells";
import { Params } from "./sql";
import type { Cell, ReportColumn, ReportRow, ReportTable } from "./types";

// KL's table of the self-service comparison (the 2012 national report's layout), without Excel:
// every task of the package in the package's order with KL's own task names, this round's and the
// earlier round's self-service counts, transactions and rates, the change in percentage points and a
// total row over the package. Tasks without data read "–", in the downloads too. With whole percents
// (afrund=1) each rate is rounded first and the change is the difference of the rounded rates, as KL
// computed it. Tasks are matched exactly (emne level), whatever the task level of the other tables.

interface KlLine {
  number: string | null;
  title: string | null;
  is_total: number;
  has_now: boolean;
  self_now: number;
  tx_now: number;
  rate_now: number | null;
  has_before: boolean;
  self_before: number;
  tx_before: number;
  rate_before: number | null;
  change: number | null;
}

/** The package: the one chosen in the filter, else the round's. */
async function packageOf(query: SqlExecutor["query"], ctx: ReportContext): Promise<{ id: string; name: string } | null> {
  const rows = ctx.packageId
    ? await query<{ id: string; name: string }>(`SELECT id, name FROM task_package WHERE id = $1::uuid`, [ctx.packageId])
    : ctx.round
      ? await query<{ id: string; name: string }>(
          `SELECT p.id, p.name FROM counting_round r JOIN task_package p ON p.id = r.package_id WHERE r.id = $1::uuid`,
          [ctx.round.id],
        )
      : [];
  return rows[0] ?? null;
}

export async function klTable(query: SqlExecutor["query"], ctx: ReportContext): Promise<{ table: ReportTable; note: string } | null> {
  const pkg = await packageOf(query, ctx);
  if (!pkg) return null;
  const p = new Params();
  // One self-service source per municipality, task and week, as in the report's own table.
  const perTask = (weekKeys?: number[]) =>
    `SELECT r.task_id, sum(r.self)::float8 AS self, sum(r.tx)::float8 AS tx FROM ${selfServiceCells(ctx, p, weekKeys, { keep: ["task"] })} r GROUP BY r.task_id`;
  const before = ctx.compareRound
    ? perTask(ctx.compareRound.weekKeys)
    : "SELECT NULL::uuid AS task_id, 0::float8 AS self, 0::float8 AS tx WHERE false";
  const now = perTask();
  // A rate as a fraction: exact, or whole percent (numeric rounding: halves away from zero).
  const rate = (self: string, tx: string) =>
    ctx.wholePercent
      ? `CASE WHEN ${tx} > 0 THEN (round((100 * ${self})::numeric / ${tx}) / 100)::float8 END`
      : `CASE WHEN ${tx} > 0 THEN ${self} / ${tx} END`;
  // The change in percentage points: of the rounded rates (whole), or of the exact ones to one decimal.
  const change = ctx.wholePercent
    ? "round(((g.rate_now - g.rate_before) * 100)::numeric)"
    : "round(((g.rate_now - g.rate_before) * 1000)::numeric) / 10";
  const lines = await query<KlLine>(
    `WITH now_ AS (${now}), before_ AS (${before}),
          items AS (SELECT i.task_id, i.title, i.sort_order, t.number
                      FROM task_package_item i JOIN task t ON t.id = i.task_id
                     WHERE i.package_id = ${p.add(pkg.id)}::uuid AND i.removed = false),
          g AS (SELECT items.number, items.title, GROUPING(items.number) AS is_total, min(items.sort_order) AS sort_order,
                       count(n.task_id) > 0 AS has_now, COALESCE(sum(n.self), 0)::float8 AS self_now, COALESCE(sum(n.tx), 0)::float8 AS tx_now,
                       count(b.task_id) > 0 AS has_before, COALESCE(sum(b.self), 0)::float8 AS self_before, COALESCE(sum(b.tx), 0)::float8 AS tx_before
                  FROM items LEFT JOIN now_ n ON n.task_id = items.task_id LEFT JOIN before_ b ON b.task_id = items.task_id
                 GROUP BY GROUPING SETS ((items.sort_order, items.number, items.title), ())),
          r AS (SELECT g.*, ${rate("g.self_now", "g.tx_now")} AS rate_now, ${rate("g.self_before", "g.tx_before")} AS rate_before FROM g)
     SELECT g.number, g.title, g.is_total, g.has_now, g.self_now, g.tx_now, g.rate_now, g.has_before, g.self_before, g.tx_before, g.rate_before,
            CASE WHEN g.rate_now IS NOT NULL AND g.rate_before IS NOT NULL THEN (${change})::float8 END AS change
       FROM r g
      ORDER BY g.is_total, g.sort_order, g.number`,
    p.values,
  );
  const label = ctx.round?.name ?? "Valgt periode";
  const compareLabel = ctx.compareRound?.name ?? null;
  // "–" in the cell itself (not an empty value), so the downloads show it as KL's table did.
  const dash = (has: boolean, value: number | null): Cell => (has && value !== null ? Number(value) : MISSING);
  const toRow = (l: KlLine): ReportRow => ({
    code: Number(l.is_total) ? "" : l.number,
    label: Number(l.is_total) ? "I alt" : l.title,
    selfNow: dash(l.has_now, l.self_now),
    txNow: dash(l.has_now, l.tx_now),
    rateNow: dash(l.has_now, l.rate_now),
    ...(compareLabel
      ? {
          selfBefore: dash(l.has_before, l.self_before),
          txBefore: dash(l.has_before, l.tx_before),
          rateBefore: dash(l.has_before, l.rate_before),
          change: l.change === null ? MISSING : Number(l.change),
        }
      : {}),
  });
  const decimals = ctx.wholePercent ? 0 : 1;
  const columns: ReportColumn[] = [
    { key: "code", label: "KLE-nr.", kind: "text" },
    { key: "label", label: "Opgave (KL's betegnelse)", kind: "text" },
    { key: "selfNow", label: `Selvbetjente, ${label}`, kind: "count" },
    { key: "txNow", label: `Transaktioner, ${label}`, kind: "count" },
    { key: "rateNow", label: `Selvbetjeningsgrad, ${label}`, kind: "share", decimals, base: { n: "txNow", ...SELF_SERVICE_BASE } },
    ...(compareLabel
      ? ([
          { key: "selfBefore", label: `Selvbetjente, ${compareLabel}`, kind: "count" },
          { key: "txBefore", label: `Transaktioner, ${compareLabel}`, kind: "count" },
          {
            key: "rateBefore",
            label: `Selvbetjeningsgrad, ${compareLabel}`,
            kind: "share",
            decimals,
            base: { n: "txBefore", ...SELF_SERVICE_BASE },
          },
          { key: "change", label: "Ændring (procentpoint)", kind: "points", decimals },
        ] satisfies ReportColumn[])
      : []),
  ];
  const total = lines.find((l) => Number(l.is_total));
  return {
    table: {
      id: "kl",
      title: `KL's opstilling: ${pkg.name}`,
      caption: `Selvbetjeningsgrad for hver opgave i ${pkg.name}, i pakkens rækkefølge${compareLabel ? `: ${label} og ${compareLabel}` : ""}`,
      columns,
      rows: lines.filter((l) => !Number(l.is_total)).map(toRow),
      total: total ? toRow(total) : undefined,
    },
    note: ctx.wholePercent
      ? "KL's opstilling er afrundet til hele procent som i KL's tabeller; ændringen er regnet af de afrundede grader."
      : "KL's opstilling har alle pakkens opgaver med KL's betegnelser; «–» betyder ingen data. Vælg «hele procent» for KL's afrunding.",
  };
}
