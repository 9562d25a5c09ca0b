import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";

/** How a column's values are shown and written: counts, shares (0–1), kroner, percentage points, one-decimal figures (minutes, hours). */
export type ColumnKind = "text" | "count" | "share" | "kr" | "points" | "decimal";

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ReportTable {
  id: string;
  title: string;
  caption: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The "I alt" row, computed in SQL like the rest. */
  total?: ReportRow;
}

export interface ChartBar {
  label: string;
  value: number | null;
  /** Small print under the value, e.g. "Indgående". */
  group?: string;
}

export interface ReportChart {
  title: string;
  caption: string;
  /** Values are counts, or shares 0–1 (drawn against 100 %). */
  unit: "count" | "share";
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
  run(query: SqlExecutor["query"], ctx: ReportContext): Promise<ReportResult>;
}
