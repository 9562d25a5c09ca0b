// The two upload layouts, read into normalised rows with every error listed by line:
// - the old TraceTool upload template: KommuneID;Enhed;KLE Opgave kode;Henvendelses Kanal;
//   Henvendelses type;Afslutning;Blanket;Dato  (NULL allowed for type, closure, form; date dd-mm-yyyy hh:mm;
//   one contact per row)
// - Spor's template: kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal
//   (date yyyy-mm-dd or yyyy-mm-dd hh:mm, or dd-mm-yyyy [hh:mm]; antal = number of contacts)

import { toCsv } from "./csv";
import { danishInstant } from "./local-time";
import { channelByCode, closureByCode, contactTypeByCode } from "@/lib/reference/codes";
import { type CodeKind, unknownCodeMessage } from "@/lib/reference/nearest-code";
import { CsvReader, type CsvSource } from "./csv-reader";
import { FileFormatError, MAX_UPLOAD_ROWS } from "./text-file";

export const OLD_TEMPLATE = [
  "KommuneID",
  "Enhed",
  "KLE Opgave kode",
  "Henvendelses Kanal",
  "Henvendelses type",
  "Afslutning",
  "Blanket",
  "Dato",
];
export const SPOR_TEMPLATE = ["kommune", "enhed", "opgave", "kanal", "type", "afslutning", "blanket", "dato", "antal"];
export const MAX_QUANTITY = 1_000_000;
/** No counting data predates TraceTool's first rounds; earlier dates are typing errors. */
export const EARLIEST = Date.UTC(2010, 0, 1);

export interface UploadRow {
  line: number;
  municipalityNumber: number;
  unit: string;
  taskNumber: string;
  channelCode: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  occurredAt: Date;
  quantity: number;
}

export interface UploadParseResult {
  layout: "old" | "spor";
  encoding: string;
  rows: UploadRow[];
  errors: { line: number; message: string }[];
}

const TASK_NUMBER = /^(\d{2}(\.\d{2}){0,2}|FEJL|\d{2}\.\d{2}\.99)$/;
const DATE = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{2})-(\d{2})-(\d{4}))(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?$/;
/** An instant with its offset, as the API's clients send it: 2026-11-23T09:14:00+01:00 or …Z. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A date (Danish time) in either template's form, or an ISO 8601 instant with an offset. */
export function parseUploadDate(value: string, now: Date): Date {
  const trimmed = value.trim();
  const instant = ISO_INSTANT.test(trimmed) ? new Date(trimmed) : localDate(trimmed);
  if (Number.isNaN(instant.getTime())) throw new Error(`Datoen "${value}" findes ikke.`);
  if (instant.getTime() < EARLIEST || instant.getTime() > now.getTime() + 24 * 3600_000) {
    throw new Error(`Datoen "${value}" ligger uden for 2010 til i dag.`);
  }
  return instant;
}

function localDate(value: string): Date {
  const m = DATE.exec(value);
  if (!m) throw new Error(`Datoen "${value}" skal skrives åååå-mm-dd [tt:mm] eller dd-mm-åååå [tt:mm].`);
  const [year, month, day] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) throw new Error(`Datoen "${value}" findes ikke.`);
  const [hour, minute] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  if (hour > 23 || minute > 59) throw new Error(`Klokkeslættet i "${value}" findes ikke.`);
  return danishInstant(date, hour, minute);
}

function optionalCode<T>(value: string, lookup: (code: string) => T | undefined, kind: CodeKind): string | null {
  const v = value.trim().toUpperCase();
  if (v === "" || v === "NULL") return null;
  if (!lookup(v)) throw new Error(unknownCodeMessage(kind, value));
  return v;
}

function parseForm(value: string): boolean | null {
  const v = value.trim().toUpperCase();
  if (v === "" || v === "NULL") return null;
  if (v === "JA" || v === "1") return true;
  if (v === "NEJ" || v === "0") return false;
  throw new Error(`Blanket skal være JA, NEJ eller tom (fik "${value}").`);
}

/** One row's fields as text, in the upload template's terms (the API converts its JSON to these). */
export interface UploadFields {
  unit: string;
  task: string;
  channel: string;
  quantity: string;
  type: string;
  closure: string;
  form: string;
  date: string;
}
export type UploadField = keyof UploadFields;
export type ValidatedFields = Omit<UploadRow, "line" | "municipalityNumber">;
export type FieldCheck = { row: ValidatedFields; errors: [] } | { row: null; errors: { field: UploadField; message: string }[] };

function parseQuantity(value: string): number {
  const quantity = Number(value.trim());
  if (value.trim() === "" || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new Error(`Antal skal være et helt tal fra 1 til ${MAX_QUANTITY.toLocaleString("da-DK")} (fik "${value}").`);
  }
  return quantity;
}

/**
 * The rules every uploaded row meets — the CSV upload and the ingestion API share them. Each field
 * is checked on its own, so all of a row's problems can be named (the CSV shows the first per line).
 */
export function validateUploadFields(fields: UploadFields, now: Date): FieldCheck {
  const errors: { field: UploadField; message: string }[] = [];
  const check = <T>(field: UploadField, parse: (value: string) => T): T => {
    try {
      return parse(fields[field]);
    } catch (error) {
      errors.push({ field, message: (error as Error).message });
      return undefined as T;
    }
  };
  const unit = check("unit", (v) => {
    if (!v.trim()) throw new Error("Enhed mangler.");
    return v.trim();
  });
  const taskNumber = check("task", (v) => {
    if (!TASK_NUMBER.test(v.trim().toUpperCase())) throw new Error(`Opgaven "${v}" er ikke et KLE-nummer (xx.xx.xx eller xx.xx).`);
    return v.trim().toUpperCase();
  });
  const channelCode = check("channel", (v) => {
    if (!channelByCode(v.trim().toUpperCase())) throw new Error(unknownCodeMessage("channel", v));
    return v.trim().toUpperCase();
  });
  const quantity = check("quantity", parseQuantity);
  const contactTypeCode = check("type", (v) => optionalCode(v, contactTypeByCode, "contactType"));
  const closureCode = check("closure", (v) => optionalCode(v, closureByCode, "closure"));
  const form = check("form", parseForm);
  const occurredAt = check("date", (v) => parseUploadDate(v, now));
  if (errors.length) return { row: null, errors };
  return { row: { unit, taskNumber, channelCode, contactTypeCode, closureCode, form, occurredAt, quantity }, errors: [] };
}

/**
 * Reads an uploaded file in either layout, as it streams in (bytes or chunks). Nothing is looked up
 * in the database here. Throws FileFormatError for a file that cannot be read at all.
 */
export async function parseUpload(source: CsvSource, now = new Date()): Promise<UploadParseResult> {
  const reader = new CsvReader(source);
  let layout: UploadParseResult["layout"] | null = null;
  let count = 0;
  const rows: UploadRow[] = [];
  const errors: UploadParseResult["errors"] = [];
  // The same text in thousands of rows (unit, task, channel …) is kept once.
  const shared = new Map<string, string>();
  const intern = (text: string) => {
    let kept = shared.get(text);
    if (kept === undefined && shared.size < 50_000) shared.set(text, (kept = text));
    return kept ?? text;
  };
  for await (const { line, cells } of reader) {
    if (!layout) {
      const header = cells.map((c) => c.trim()).filter((c, i, all) => c !== "" || i < all.length - 1);
      layout = sameHeader(header, OLD_TEMPLATE) ? "old" : sameHeader(header, SPOR_TEMPLATE) ? "spor" : null;
      if (!layout) {
        throw new FileFormatError(
          `Overskrifterne passer hverken til Spors skabelon (${SPOR_TEMPLATE.join(";")}) eller den gamle (${OLD_TEMPLATE.join(";")}).`,
          line,
        );
      }
      continue;
    }
    // Past the limit only the rows are counted, for the message: nothing more is kept.
    if (++count > MAX_UPLOAD_ROWS) continue;
    const cell = (i: number) => (cells[i] ?? "").trim();
    const municipalityNumber = Number(cell(0));
    if (!Number.isInteger(municipalityNumber) || municipalityNumber <= 0) {
      errors.push({ line, message: `Kommunenummeret "${cell(0)}" er ikke et tal.` });
      continue;
    }
    const checked = validateUploadFields(
      {
        unit: cell(1),
        task: cell(2),
        channel: cell(3),
        quantity: layout === "spor" ? cell(8) : "1",
        type: cell(4),
        closure: cell(5),
        form: cell(6),
        date: cell(7),
      },
      now,
    );
    if (checked.row) {
      const r = checked.row;
      rows.push({
        line,
        municipalityNumber,
        ...r,
        unit: intern(r.unit),
        taskNumber: intern(r.taskNumber),
        channelCode: intern(r.channelCode),
        contactTypeCode: r.contactTypeCode && intern(r.contactTypeCode),
        closureCode: r.closureCode && intern(r.closureCode),
      });
    } else errors.push({ line, message: checked.errors[0].message });
  }
  if (!layout) throw new FileFormatError("Filen er tom.");
  if (count > MAX_UPLOAD_ROWS) {
    throw new FileFormatError(`Filen har ${count.toLocaleString("da-DK")} rækker; grænsen er ${MAX_UPLOAD_ROWS.toLocaleString("da-DK")}.`);
  }
  return { layout, encoding: reader.encoding ?? "utf-8", rows, errors };
}

function sameHeader(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && actual.every((c, i) => c.toLowerCase() === expected[i].toLowerCase());
}

/** The example file coordinators download: Spor's template with two rows. */
export function uploadTemplateExample(): string {
  // Written by Spor's one CSV writer (BOM, ";", CRLF, quoting and formula escaping).
  return toCsv([
    SPOR_TEMPLATE,
    ["259", "Borgerservice", "23.05.10", "SLVBTJN", "OPRET", "STRAKS", "NEJ", "2026-10-19", "412"],
    ["259", "Borgerservice", "23.05.10", "WEB", "", "", "", "2026-10-19", "1800"],
  ]);
}
