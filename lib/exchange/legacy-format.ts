// Det Digitale Landkort's raw export, the format municipalities hold from earlier rounds:
// ISO-8859-1 (read as Windows-1252, or UTF-8 if saved so since), ";" between fields, CRLF, no quoting, a trailing ";" on every line, the twelve fixed
// columns below and then one column per extra question headed by the question's text.
// Dates are "dd-mm-yyyy hh:mm:ss" in Danish local time. Each row is one contact.

import { localDateOf, localParts } from "@/lib/counting/iso-week";
import { legacyDataSource } from "@/lib/reference/sources";
import { escapeFormula, unescapeFormula } from "./csv";
import { CsvReader, type CsvSource } from "./csv-reader";
import { danishInstant } from "./local-time";
import { FileFormatError } from "./text-file";

export const LEGACY_COLUMNS = [
  "Kommune",
  "ID",
  "Enhed",
  "Opgave",
  "Kanal",
  "Type",
  "Afslutning",
  "Blanket",
  "Dato",
  "StartTidspunkt",
  "SlutTidspunkt",
  "Datakilde",
] as const;

export interface LegacyRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  municipalityName: string;
  municipalityNumber: number;
  unitLogin: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  occurredAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The Datakilde column: "Tracetool", "DetDigitaleLandkort" (read in any case, kept in this spelling) or "" (not known). */
  dataSource: string;
  /** Extra-question answers by question text; empty answers are left out. */
  answers: Record<string, string>;
}

export interface LineError {
  line: number;
  message: string;
}

export interface LegacyParseResult {
  questions: string[];
  rows: LegacyRow[];
  errors: LineError[];
}

const DATE_TIME = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "23-10-2013 09:15:00" (Danish local time) → instant; null for an empty cell; throws for nonsense. */
export function parseLegacyDateTime(value: string): Date | null {
  if (value.trim() === "") return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) throw new Error(`Datoen "${value}" skal skrives dd-mm-åååå tt:mm:ss.`);
  const [, dd, mm, yyyy, hh, mi, ss] = m;
  const day = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (day.getUTCDate() !== Number(dd) || day.getUTCMonth() !== Number(mm) - 1 || Number(hh) > 23 || Number(mi) > 59) {
    throw new Error(`Datoen "${value}" findes ikke.`);
  }
  return new Date(danishInstant(day, Number(hh), Number(mi)).getTime() + Number(ss ?? 0) * 1000);
}

export function formatLegacyDateTime(instant: Date | null): string {
  if (!instant) return "";
  const d = localDateOf(instant);
  const t = localParts(instant);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.day)}-${two(d.month)}-${d.year} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
}

function nullable(value: string): string | null {
  const v = value.trim();
  return v === "" || v.toUpperCase() === "NULL" ? null : v;
}

function parseForm(value: string): boolean | null {
  const v = nullable(value)?.toUpperCase();
  if (v === undefined || v === null) return null;
  if (v === "JA") return true;
  if (v === "NEJ") return false;
  throw new Error(`Blanket skal være JA, NEJ eller tom (fik "${value}").`);
}

/** Reads the file as it streams in (through the one CSV reader, quotes as plain text), with a Danish error per bad line. */
export async function parseLegacyExport(source: CsvSource): Promise<LegacyParseResult> {
  const errors: LineError[] = [];
  const rows: LegacyRow[] = [];
  let header: string[] | null = null;
  let questions: string[] = [];
  try {
    for await (const { line, cells: raw } of new CsvReader(source, { delimiters: [";"], fallbackDelimiter: ";", quotes: false })) {
      if (!header) {
        header = stripTrailing(raw).map(unescapeFormula);
        const fixed = header.slice(0, LEGACY_COLUMNS.length);
        if (fixed.join(";") !== LEGACY_COLUMNS.join(";")) {
          return {
            questions: [],
            rows: [],
            errors: [
              {
                line,
                message: `Første linje skal være overskrifterne ${LEGACY_COLUMNS.join(";")}; (fik ${header.slice(0, 12).join(";")}).`,
              },
            ],
          };
        }
        questions = header.slice(LEGACY_COLUMNS.length);
        continue;
      }
      if (raw.every((c) => c.trim() === "")) continue;
      // Spor's own legacy exports escape formula-like text ("'=x"); read it back as it was.
      const row = legacyRow(line, stripTrailing(raw).map(unescapeFormula), header, questions);
      if ("message" in row) errors.push(row);
      else rows.push(row);
    }
  } catch (error) {
    if (error instanceof FileFormatError && error.message === "Filen er tom.")
      return { questions: [], rows: [], errors: [{ line: 1, message: error.message }] };
    throw error;
  }
  if (!header) return { questions: [], rows: [], errors: [{ line: 1, message: "Filen er tom." }] };
  return { questions, rows, errors };
}

function legacyRow(line: number, cells: string[], header: string[], questions: string[]): LegacyRow | LineError {
  if (cells.length > header.length) return { line, message: `Linjen har ${cells.length} felter, men overskriften kun ${header.length}.` };
  const cell = (i: number) => cells[i] ?? "";
  try {
    const number = Number(cell(1));
    if (!Number.isInteger(number) || number <= 0) throw new Error(`Kommunenummeret "${cell(1)}" er ikke et tal.`);
    if (!cell(3).trim()) throw new Error("Opgave mangler.");
    if (!cell(4).trim()) throw new Error("Kanal mangler.");
    const occurredAt = parseLegacyDateTime(cell(8));
    if (!occurredAt) throw new Error("Dato mangler.");
    const dataSource = legacyDataSource(cell(11));
    if (dataSource === null) throw new Error(`Datakilde skal være Tracetool, DetDigitaleLandkort eller tom (fik "${cell(11)}").`);
    const answers: Record<string, string> = {};
    questions.forEach((q, i) => {
      const answer = cell(LEGACY_COLUMNS.length + i).trim();
      if (answer) answers[q] = answer;
    });
    return {
      line,
      municipalityName: cell(0).trim(),
      municipalityNumber: number,
      unitLogin: cell(2).trim(),
      taskNumber: cell(3).trim(),
      channelCode: cell(4).trim().toUpperCase(),
      contactTypeCode: nullable(cell(5))?.toUpperCase() ?? null,
      closureCode: nullable(cell(6))?.toUpperCase() ?? null,
      form: parseForm(cell(7)),
      occurredAt,
      startedAt: parseLegacyDateTime(cell(9)),
      endedAt: parseLegacyDateTime(cell(10)),
      dataSource,
      answers,
    };
  } catch (error) {
    return { line, message: (error as Error).message };
  }
}

/** The trailing ";" leaves one empty cell at the end of every line. */
function stripTrailing(cells: string[]): string[] {
  return cells.length && cells[cells.length - 1] === "" ? cells.slice(0, -1) : cells;
}

/** Writes rows back in the same layout and encoding, so old and new data can be compared side by side. */
export function writeLegacyExport(questions: readonly string[], rows: readonly Omit<LegacyRow, "line">[]): Uint8Array {
  const lines = [[...LEGACY_COLUMNS, ...questions]];
  for (const r of rows) {
    lines.push([
      r.municipalityName,
      String(r.municipalityNumber),
      r.unitLogin,
      r.taskNumber,
      r.channelCode,
      r.contactTypeCode ?? "",
      r.closureCode ?? "",
      r.form === null ? "" : r.form ? "JA" : "NEJ",
      formatLegacyDateTime(r.occurredAt),
      formatLegacyDateTime(r.startedAt),
      formatLegacyDateTime(r.endedAt),
      r.dataSource,
      ...questions.map((q) => r.answers[q] ?? ""),
    ]);
  }
  const text = lines.map((cells) => `${cells.map(legacyCell).join(";")};\r\n`).join("");
  return latin1(text);
}

/**
 * One text cell of the old layout. It has no quoting, so a ";" or line break inside a value would
 * break the columns and becomes a space; then the formula rule every Spor file follows (csv.ts):
 * text starting with = + - @ or tab gets a leading apostrophe.
 */
export function legacyCell(value: string): string {
  return escapeFormula(value.replace(/[;\r\n]/g, " "));
}

/** ISO-8859-1 bytes; "?" for characters it cannot hold. */
export function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i] = code <= 0xff ? code : 0x3f; // "?" for characters ISO-8859-1 cannot hold
  }
  return bytes;
}
