import type { Cell, ColumnKind, ReportColumn, ReportRow, ReportTable } from "./types";

// Danish presentation of report values: 1.234 · 81,2 % · 1.234,50 kr. · +3,5 pp. Missing → "–".

const integer = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const kroner = new Intl.NumberFormat("da-DK", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const MISSING = "–";

/** 0.812 → "81,2 %" (non-breaking space before the sign, as Danish typesetting wants); "81 %" with 0 decimals. */
export function formatShare(value: number | null | undefined, decimals: 0 | 1 = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (decimals === 0) return `${integer.format(Math.round(value * 100))}\u00a0%`;
  return `${oneDecimal.format(Math.round(value * 1000) / 10)}\u00a0%`;
}

export function formatCell(kind: ColumnKind, value: Cell | undefined, decimals: 0 | 1 = 1): string {
  if (value === null || value === undefined || value === "") return kind === "text" ? "" : MISSING;
  if (typeof value === "string") return value;
  switch (kind) {
    case "count":
      return integer.format(value);
    case "share":
      return formatShare(value, decimals);
    case "kr":
      return kroner.format(value);
    case "points":
      return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${(decimals === 0 ? integer : oneDecimal).format(Math.abs(value))}`;
    case "decimal":
      return oneDecimal.format(value);
    default:
      return String(value);
  }
}

/** A value for CSV/XLSX: numbers stay numbers (shares as percent with one decimal, or whole), missing is empty. */
export function exportValue(kind: ColumnKind, value: Cell | undefined, decimals: 0 | 1 = 1): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (kind === "share") return decimals === 0 ? Math.round(value * 100) : Math.round(value * 1000) / 10;
  if (kind === "kr") return Math.round(value * 100) / 100;
  if (kind === "decimal") return Math.round(value * 10) / 10;
  return value;
}

export function exportHeader(column: ReportColumn): string {
  return column.kind === "share" ? `${column.label} (%)` : column.label;
}

/**
 * The table as header + rows (+ total) of export values, in column order; then, after an empty
 * line, what the figures are computed over (the table's bases), so a download carries them too.
 */
export function tableMatrix(table: ReportTable): (string | number | null)[][] {
  const line = (row: ReportRow) => table.columns.map((c) => exportValue(c.kind, row[c.key], c.decimals));
  const bases = table.bases?.length ? [[], ...table.bases.map((b) => [`Grundlag: ${b}`])] : [];
  return [table.columns.map(exportHeader), ...table.rows.map(line), ...(table.total ? [line(table.total)] : []), ...bases];
}
