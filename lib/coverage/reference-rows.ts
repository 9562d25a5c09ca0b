import "server-only";
// Reference counts as they arrive, from a CSV file or the ingestion API, read into normalised rows
// with every error named (by line, or by item and field). Pure: nothing is looked up in the
// database here (reference-import.ts resolves units and checks against what is stored).
//
// CSV layout (docs/formats.md, "Referencetal"): kommune;enhed;dato;time;kanal;art;antal
// - enhed empty: the whole municipality; time empty: the whole day (0–23: that hour, Danish time)
// - art: BESVAREDE_OPKALD, BETJENTE_BESOEG or SELVBETJENING; kanal must fit the art.

import type { ReferenceKind } from "@/lib/generated/prisma/enums";
import { toCsv } from "@/lib/exchange/csv";
import { CsvReader, type CsvSource } from "@/lib/exchange/csv-reader";
import { FileFormatError } from "@/lib/exchange/text-file";

export const REFERENCE_TEMPLATE = ["kommune", "enhed", "dato", "time", "kanal", "art", "antal"];
export const MAX_REFERENCE_ROWS = 100_000;
export const MAX_REFERENCE_COUNT = 1_000_000;

/** Each kind: its CSV code, its Danish name and the channels whose registrations it is compared with. */
export const REFERENCE_KINDS: Record<ReferenceKind, { code: string; label: string; channels: readonly string[] }> = {
  ANSWERED_CALLS: { code: "BESVAREDE_OPKALD", label: "besvarede opkald", channels: ["TLFIND"] },
  VISITS_SERVED: { code: "BETJENTE_BESOEG", label: "betjente besøg", channels: ["PRSNLG"] },
  SELF_SERVICE_APPLICATIONS: { code: "SELVBETJENING", label: "selvbetjeningsansøgninger", channels: ["SLVBTJN", "BRGDK", "NEMREF"] },
};
const KIND_BY_CODE = new Map(Object.entries(REFERENCE_KINDS).map(([kind, k]) => [k.code, kind as ReferenceKind]));

export interface ReferenceFields {
  unit: string;
  date: string;
  hour: string;
  channel: string;
  kind: string;
  count: string;
}
export type ReferenceField = keyof ReferenceFields;

export interface ReferenceRow {
  line: number;
  /** The unit as written (name, old login or id); "" for the whole municipality. */
  unit: string;
  /** The Danish date, yyyy-mm-dd. */
  day: string;
  hour: number | null;
  channelCode: string;
  kind: ReferenceKind;
  count: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DK_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;

function parseDay(value: string, today: string): string {
  const iso = ISO_DATE.exec(value);
  const dk = DK_DATE.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dk ? [dk[3], dk[2], dk[1]] : [];
  if (!y) throw new Error(`Datoen "${value}" skal skrives åååå-mm-dd eller dd-mm-åååå.`);
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const day = `${y}-${m}-${d}`;
  if (date.toISOString().slice(0, 10) !== day) throw new Error(`Datoen "${value}" findes ikke.`);
  if (day < "2010-01-01" || day > today) throw new Error(`Datoen "${value}" ligger uden for 2010 til i dag.`);
  return day;
}

/** One row's fields checked; the first problem per field. `today` is the Danish date (yyyy-mm-dd). */
export function validateReferenceFields(
  fields: ReferenceFields,
  today: string,
): { row: Omit<ReferenceRow, "line"> } | { errors: { field: ReferenceField; message: string }[] } {
  const errors: { field: ReferenceField; message: string }[] = [];
  const fail = (field: ReferenceField, message: string) => errors.push({ field, message });
  let day = "";
  try {
    day = parseDay(fields.date.trim(), today);
  } catch (error) {
    fail("date", (error as Error).message);
  }
  const hourText = fields.hour.trim();
  const hour = hourText === "" ? null : Number(hourText);
  if (hour !== null && !(Number.isInteger(hour) && hour >= 0 && hour <= 23))
    fail("hour", `Timen "${hourText}" skal være et helt tal fra 0 til 23, eller tom for hele dagen.`);
  const kind = KIND_BY_CODE.get(fields.kind.trim().toUpperCase());
  if (!kind) fail("kind", `Arten "${fields.kind.trim()}" findes ikke. Brug ${[...KIND_BY_CODE.keys()].join(", ")}.`);
  const channelCode = fields.channel.trim().toUpperCase();
  if (kind && !REFERENCE_KINDS[kind].channels.includes(channelCode)) {
    fail(
      "channel",
      `Kanalen "${fields.channel.trim()}" passer ikke til ${REFERENCE_KINDS[kind].label}; brug ${REFERENCE_KINDS[kind].channels.join(" eller ")}.`,
    );
  }
  const countText = fields.count.trim();
  const count = Number(countText);
  if (countText === "" || !Number.isInteger(count) || count < 0 || count > MAX_REFERENCE_COUNT) {
    fail("count", `Antallet "${countText}" skal være et helt tal fra 0 til ${MAX_REFERENCE_COUNT.toLocaleString("da-DK")}.`);
  }
  const unit = fields.unit.trim();
  if (unit.length > 200) fail("unit", "Enhedens navn er for langt.");
  if (errors.length) return { errors };
  return { row: { unit, day, hour, channelCode, kind: kind!, count } };
}

export interface ReferenceParseResult {
  rows: ReferenceRow[];
  errors: { line: number; message: string }[];
  /** The municipality numbers the rows name. */
  municipalityNumbers: Set<number>;
}

/** Reads a reference-count CSV file; every bad line is listed. Throws FileFormatError if it cannot be read at all. */
export async function parseReferenceCsv(
  source: CsvSource,
  today: string,
): Promise<ReferenceParseResult & { numbersByLine: Map<number, number> }> {
  const reader = new CsvReader(source);
  let header = false;
  const rows: ReferenceRow[] = [];
  const errors: ReferenceParseResult["errors"] = [];
  const municipalityNumbers = new Set<number>();
  const numbersByLine = new Map<number, number>();
  for await (const { line, cells } of reader) {
    if (!header) {
      const names = cells.map((c) => c.trim().toLowerCase()).filter((c, i, all) => c !== "" || i < all.length - 1);
      if (names.length !== REFERENCE_TEMPLATE.length || names.some((c, i) => c !== REFERENCE_TEMPLATE[i])) {
        throw new FileFormatError(`Overskrifterne skal være ${REFERENCE_TEMPLATE.join(";")} (hent skabelonen).`, line);
      }
      header = true;
      continue;
    }
    if (cells.every((c) => c.trim() === "")) continue;
    if (rows.length + errors.length >= MAX_REFERENCE_ROWS)
      throw new FileFormatError(`Filen har over ${MAX_REFERENCE_ROWS.toLocaleString("da-DK")} rækker.`);
    const cell = (i: number) => (cells[i] ?? "").trim();
    const number = Number(cell(0));
    if (!Number.isInteger(number) || number <= 0) {
      errors.push({ line, message: `Kommunenummeret "${cell(0)}" er ikke et tal.` });
      continue;
    }
    const checked = validateReferenceFields(
      { unit: cell(1), date: cell(2), hour: cell(3), channel: cell(4), kind: cell(5), count: cell(6) },
      today,
    );
    if ("errors" in checked) {
      errors.push({ line, message: `${checked.errors.map((e) => e.message).join(" ")}` });
      continue;
    }
    municipalityNumbers.add(number);
    numbersByLine.set(line, number);
    rows.push({ line, ...checked.row });
  }
  if (!header) throw new FileFormatError("Filen er tom.");
  return { rows, errors, municipalityNumbers, numbersByLine };
}

/** The example file coordinators download. */
export function referenceTemplateExample(): string {
  return toCsv([
    REFERENCE_TEMPLATE,
    ["259", "Borgerservice", "2026-11-23", "", "TLFIND", "BESVAREDE_OPKALD", "412"],
    ["259", "Borgerservice", "2026-11-23", "9", "PRSNLG", "BETJENTE_BESOEG", "37"],
    ["259", "", "2026-11-23", "", "SLVBTJN", "SELVBETJENING", "1250"],
  ]);
}
