import { type Cell, cellMissingKey, type ColumnKind, type ReportColumn, type ReportRow, type ReportTable } from "./types";

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

/** A "–" footnote: its number, the column it explains (column-wide reasons only) and why. */
export interface MissingNote {
  n: number;
  column: ReportColumn | null;
  text: string;
}

const isMissing = (value: Cell | undefined) => value === null || value === undefined;
const cellReason = (row: ReportRow, column: ReportColumn) => row[cellMissingKey(column.key)];

/**
 * The footnotes of a table's "–": first one per column with a reason (`missing`), in column order;
 * then one per distinct reason a row gives for its own cell (cellMissingKey), in the order they occur.
 * `of` finds the note of a cell that shows "–" (undefined when nothing explains it).
 */
export function missingNotes(table: ReportTable): {
  notes: MissingNote[];
  of: (row: ReportRow, column: ReportColumn) => MissingNote | undefined;
} {
  const notes: MissingNote[] = table.columns
    .filter((c) => table.missing?.[c.key])
    .map((c, i) => ({ n: i + 1, column: c, text: table.missing![c.key] }));
  const own = new Map<string, MissingNote>();
  for (const row of [...table.rows, ...(table.total ? [table.total] : [])])
    for (const c of table.columns) {
      const text = cellReason(row, c);
      if (typeof text !== "string" || !isMissing(row[c.key]) || own.has(text)) continue;
      const note = { n: notes.length + 1, column: null, text };
      own.set(text, note);
      notes.push(note);
    }
  const of = (row: ReportRow, column: ReportColumn) => {
    const text = cellReason(row, column);
    return typeof text === "string" ? own.get(text) : notes.find((x) => x.column?.key === column.key);
  };
  return { notes, of };
}

/**
 * The table as header + rows (+ total) of export values, in column order; then, after an empty
 * line, what the figures are computed over (the table's bases), so a download carries them too.
 * A "–" whose reason is the row's own (cellMissingKey) is written as "– (n)", with note n under the
 * table, so the download says why too (e.g. the task was not in that round's package).
 */
export function tableMatrix(table: ReportTable): (string | number | null)[][] {
  const { notes, of } = missingNotes(table);
  const ownNotes = notes.filter((x) => !x.column);
  const number = (note: MissingNote) => ownNotes.indexOf(note) + 1;
  const value = (row: ReportRow, c: ReportColumn) => {
    const note = isMissing(row[c.key]) && typeof cellReason(row, c) === "string" ? of(row, c) : undefined;
    return note ? `${MISSING} (${number(note)})` : exportValue(c.kind, row[c.key], c.decimals);
  };
  const line = (row: ReportRow) => table.columns.map((c) => value(row, c));
  const explained = ownNotes.length ? [[], ...ownNotes.map((x) => [`(${number(x)}) «${MISSING}»: ${x.text}`])] : [];
  const bases = table.bases?.length ? [[], ...table.bases.map((b) => [`Grundlag: ${b}`])] : [];
  return [table.columns.map(exportHeader), ...table.rows.map(line), ...(table.total ? [line(table.total)] : []), ...explained, ...bases];
}
