import { parse as parseSync } from "csv-parse/sync";

// Spor's CSV for Danish Excel: UTF-8 with BOM, ";" between fields, CRLF line ends, RFC 4180
// quoting (fields with ; " CR or LF in double quotes, quotes doubled). Text cells that a
// spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe
// (OWASP "CSV injection"); numbers are written as numbers with a decimal comma and never escaped.
//
// escapeFormula() is the one rule for every file Spor hands out: this CSV writer, the old raw-export
// layout (export-lines.ts, legacy-format.ts), report CSV and XLSX (lib/reports/xlsx.ts) and the
// upload template. docs/formats.md, "Formula escaping".

export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = "\ufeff";
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

/** Whether a spreadsheet could take this text as a formula (or a DDE command). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Undoes escapeFormula() when a file Spor wrote comes back in (the old raw-export layout's round
 * trip): "'=x" → "=x". Other text, including a lone leading apostrophe, is unchanged.
 */
export function unescapeFormula(text: string): string {
  return ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", ",") : "";
  if (typeof value === "boolean") return value ? "JA" : "NEJ";
  const text = escapeFormula(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(";")}\r\n`;
}

/** A whole document: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map(csvLine).join("");
}

/** Parses what toCsv writes (and any RFC 4180 ";"-separated text) with csv-parse: for tests and round trips. */
export function parseCsv(text: string): string[][] {
  return parseSync(text, {
    delimiter: ";",
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n"],
  }) as string[][];
}
