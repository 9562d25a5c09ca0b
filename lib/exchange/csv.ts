import { parse as parseSync } from "csv-parse/sync";

// Spor's CSV for Danish Excel: UTF-8 with BOM, ";" between fields, CRLF line ends, RFC 4180
// quoting (fields with ; " CR or LF in double quotes, quotes doubled). Text cells that a
// spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe
// (OWASP "CSV injection"); numbers are written as numbers with a decimal comma and never escaped.

export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = "\ufeff";
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", ",") : "";
  if (typeof value === "boolean") return value ? "JA" : "NEJ";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
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
  return parseSync(text, { delimiter: ";", bom: true, relax_column_count: true, relax_quotes: true, record_delimiter: ["\r\n", "\n"] }) as string[][];
}
