import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";
import { SELF_SERVICE_BASE } from "./figures";
import { selfServiceCells } from "./self-service-cells";
import { Params, ratio } from "./sql";
import { cellMissingKey, type ReportColumn, type ReportRow, type ReportTable } from "./types";

// Udvikling's task × round matrix: the self-service rate per task, one column per round the scope
// counted, each round over its own weeks (docs/method.md, "Udvikling over runder"). A "–" where the
// task was not in that round's task package says so, with the package's name.

type Q = SqlExecutor["query"];

/** A round with registrations in the scope: its id, name and weeks. */
export interface CountedRound {
  id: string;
  name: string;
  weekKeys: number[];
}

interface Cell {
  round_id: string;
  task_id: string | null;
  number: string | null;
  title: string | null;
  is_total: number;
  tx: number;
  rate: number | null;
}

/** Self-service and inbound transactions per round and task, and per round over all tasks (is_total). */
async function ratesByRoundAndTask(query: Q, ctx: ReportContext, rounds: readonly CountedRound[]): Promise<Cell[]> {
  const p = new Params();
  // The cells of «Selvbetjeningsgrad»: one self-service source per municipality, task and week.
  const cells = selfServiceCells(ctx, p, [...new Set(rounds.flatMap((r) => r.weekKeys))], { keep: ["task", "week"] });
  const ids = p.add(rounds.flatMap((r) => r.weekKeys.map(() => r.id)));
  const keys = p.add(rounds.flatMap((r) => r.weekKeys));
  const rows = await query<Cell>(
    `SELECT a.round_id::text AS round_id, a.task_id::text AS task_id, t.number, t.title, a.is_total, a.tx, ${ratio("a.self", "a.tx")} AS rate
       FROM (SELECT w.round_id, r.task_id, GROUPING(r.task_id) AS is_total,
                    COALESCE(sum(r.self), 0)::float8 AS self, COALESCE(sum(r.tx), 0)::float8 AS tx
               FROM ${cells} r
               JOIN unnest(${ids}::uuid[], ${keys}::int[]) AS w(round_id, week_key) ON w.week_key = r.week_key
              GROUP BY GROUPING SETS ((w.round_id, r.task_id), (w.round_id))) a
       LEFT JOIN task t ON t.id = a.task_id`,
    p.values,
  );
  return rows.map((r) => ({ ...r, is_total: Number(r.is_total), tx: Number(r.tx), rate: r.rate === null ? null : Number(r.rate) }));
}

/** Per round: its task package's name (null without one) and the tasks in it (items not removed). */
async function packages(query: Q, rounds: readonly CountedRound[]) {
  const rows = await query<{ round_id: string; name: string | null; tasks: string[] | null }>(
    `SELECT x.id::text AS round_id, p.name, array_agg(i.task_id::text) FILTER (WHERE i.task_id IS NOT NULL) AS tasks
       FROM unnest($1::uuid[]) AS x(id) JOIN counting_round r ON r.id = x.id
       LEFT JOIN task_package p ON p.id = r.package_id
       LEFT JOIN task_package_item i ON i.package_id = p.id AND i.removed = false
      GROUP BY x.id, p.name`,
    [rounds.map((r) => r.id)],
  );
  return new Map(rows.map((r) => [r.round_id, { name: r.name, tasks: new Set(r.tasks ?? []) }]));
}

const rateKey = (i: number) => `r${i}`;

/**
 * The matrix: one row per task with inbound transactions in at least one of `rounds`, one rate
 * column (and its n) per round, a column naming the rounds whose package did not hold the task, and
 * the "I alt" row over all tasks. Null when no round is given.
 */
export async function taskRoundMatrix(query: Q, ctx: ReportContext, rounds: readonly CountedRound[]): Promise<ReportTable | null> {
  if (!rounds.length) return null;
  const [cells, pkgs] = await Promise.all([ratesByRoundAndTask(query, ctx, rounds), packages(query, rounds)]);
  const cellOf = new Map(cells.map((c) => [`${c.round_id}|${c.is_total ? "total" : c.task_id}`, c]));
  const tasks = new Map<string, { number: string; title: string }>();
  for (const c of cells) if (!c.is_total && c.task_id && c.tx > 0) tasks.set(c.task_id, { number: c.number ?? "", title: c.title ?? "" });

  const notInPackage = (taskId: string) => rounds.filter((r) => pkgs.get(r.id)?.name && !pkgs.get(r.id)!.tasks.has(taskId));
  const row = (taskId: string | null, head: { code: string; label: string }): ReportRow => {
    const out: ReportRow = { ...head };
    rounds.forEach((r, i) => {
      const c = cellOf.get(`${r.id}|${taskId ?? "total"}`);
      out[rateKey(i)] = c?.rate ?? null;
      out[`${rateKey(i)}N`] = c?.tx ?? 0;
      const pkg = pkgs.get(r.id);
      if (taskId && pkg?.name && !pkg.tasks.has(taskId))
        out[cellMissingKey(rateKey(i))] = `opgaven var ikke i rundens opgavepakke «${pkg.name}»`;
    });
    if (taskId)
      out.notInPackage = notInPackage(taskId)
        .map((r) => `${r.name} (${pkgs.get(r.id)!.name})`)
        .join(", ");
    return out;
  };
  const rows = [...tasks.entries()]
    .sort(([, a], [, b]) => a.number.localeCompare(b.number))
    .map(([id, t]) => row(id, { code: t.number, label: t.title }));

  const columns: ReportColumn[] = [
    { key: "code", label: "Opgavenr.", kind: "text" },
    { key: "label", label: "Opgave", kind: "text" },
    ...rounds.map((r, i): ReportColumn => ({
      key: rateKey(i),
      label: r.name,
      kind: "share",
      base: { n: `${rateKey(i)}N`, nLabel: `Transaktioner ${r.name}`, ...SELF_SERVICE_BASE },
    })),
    { key: "notInPackage", label: "Ikke i rundens opgavepakke", kind: "text" },
  ];
  return {
    id: "opgave-runde",
    title: "Selvbetjeningsgrad pr. opgave og runde",
    caption: `Selvbetjeningsgrad pr. opgave (rækker) og tællerunde (kolonner), ${ctx.municipality ? ctx.municipality.name : "landsplan (kommuner, der har godkendt runden)"}`,
    columns,
    rows,
    total: row(null, { code: "", label: "I alt" }),
    layout: "matrix",
    missing: Object.fromEntries(rounds.map((r, i) => [rateKey(i), `ingen indgående transaktioner for opgaven i ${r.name}`])),
  };
}
