import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";

/** How a column's values are shown and written: counts, shares (0–1), kroner, percentage points, one-decimal figures (minutes, hours). */
export type ColumnKind = "text" | "count" | "share" | "kr" | "points" | "decimal";

/**
 * What a figure is computed over (docs/method.md, "Bases"). Every share has one, shown beside it as
 * n and described under the table and in the downloads (lib/reports/describe.ts, withBases).
 */
export interface FigureBase {
  /** The row key holding n, the number the figure is computed over. */
  n: string;
  /** The n column's heading when the table does not already show that key. */
  nLabel?: string;
  /** What n counts, in Danish: "indgående transaktioner …". */
  counts: string;
  /** Which channels can contribute by the method, in Danish ("alle kanaler undtagen …"); default all. */
  channels?: string;
}

interface ColumnCommon {
  key: string;
  label: string;
  /** Shares only: 0 shows and writes whole percent (KL's rounded tables); default one decimal. */
  decimals?: 0 | 1;
}

/** A share column must say what it is a share of; other figures (averages) may. */
export type ReportColumn =
  (ColumnCommon & { kind: "share"; base: FigureBase }) | (ColumnCommon & { kind: Exclude<ColumnKind, "share">; base?: FigureBase });

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

/**
 * The row key that holds why this row's cell in column `key` shows "–", when the reason is the row's
 * own and not the column's (Udvikling's task × round matrix: the task was not in that round's
 * package). It goes before the column's `missing` reason, on the page and in the downloads.
 */
export const cellMissingKey = (key: string) => `${key}.missing`;

export interface ReportTable {
  id: string;
  title: string;
  caption: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The "I alt" row, computed in SQL like the rest. */
  total?: ReportRow;
  /** One sentence per base of the table's figures (n, channels, sources), set by withBases. */
  bases?: string[];
  /** A matrix (task × channel): many columns, so its header row and first column stay in view. */
  layout?: "matrix";
  /**
   * Why a cell shows "–", per column key: the page marks each such cell with a footnote holding the
   * reason ("ikke talt i denne runde"), so no "–" is left unexplained.
   */
  missing?: Record<string, string>;
}

export interface ChartBar {
  label: string;
  value: number | null;
  /** Small print under the value, e.g. "Indgående". */
  group?: string;
  /** Which series the bar belongs to (the municipality, "Landsplan"): each series gets its own fill, named in the legend. */
  series?: string;
}

export interface ReportChart {
  title: string;
  caption: string;
  /** Values are counts, or shares 0–1 (drawn against 100 %). */
  unit: "count" | "share";
  /** What a bar's length is, for the legend: "Kroner", "Minutter i gennemsnit"; default from `unit`. */
  measure?: string;
  bars: ChartBar[];
  /** A target line, e.g. 0.8 for the 80 % self-service target. */
  target?: { value: number; label: string };
  /** The table that holds the chart's data. */
  tableId: string;
}

export interface ReportResult {
  tables: ReportTable[];
  charts: ReportChart[];
  notes: string[];
}

export type Audience = "unit" | "municipality" | "national";

export interface ReportDefinition {
  slug: string;
  title: string;
  description: string;
  /** Who may open it: unit leads, coordinators (and national), national staff only. */
  audience: Audience;
  /** Shown for one municipality only (no view across all municipalities). */
  municipalityOnly?: boolean;
  dimensions?: readonly string[];
  /**
   * Shows every round side by side (Udvikling): the round, week and date filters do not apply, and
   * the context comes without a round (runReport).
   */
  acrossRounds?: boolean;
  /** Has task tables that can be rolled up to KLE groups (the filter `niveau`). */
  taskTables?: boolean;
  run(query: SqlExecutor["query"], ctx: ReportContext): Promise<ReportResult>;
}
