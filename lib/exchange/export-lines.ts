import { csvField } from "./csv";
import { MUNICIPALITY_LEVEL_LOGIN } from "./import-rows";
import { legacyCell } from "./legacy-format";

/** Which registrations an export holds (export-filter.ts builds it from the request). */
export interface ExportFilter {
  /** Empty = every municipality (national staff only; the caller decides). */
  municipalityIds: string[];
  from?: Date;
  /** Exclusive. */
  to?: Date;
  unitIds?: string[];
  taskIds?: string[];
  channelCodes?: string[];
}

export type ExportFormat = "csv" | "legacy";

// One text line per exported registration. At a million rows the per-cell work decides the
// export's speed, so the work is split where it is cheapest:
// - PostgreSQL writes the cells that never need quoting (codes, numbers, dates in Danish time, the
//   id) as one ready ";"-joined string (export-pages.ts);
// - the cells with free text (municipality, unit path, task number and title, answers) arrive as
//   keys, and each distinct one is escaped once and then looked up.

/**
 * [municipality number, unit id, task id, the ready cells, quantity, registration id, keyset]
 * — an array, not an object: node-postgres builds it with less work per row.
 */
export type ExportRow = [string, string, string, string, string, string, string?];

export interface ExportSetup {
  municipalities: Map<string, string>;
  units: Map<string, { path: string; legacyLogin: string | null }>;
  tasks: Map<string, { number: string; title: string }>;
  questions: { id: string; text: string }[];
}

/** Answers of one page: registration id → question id → option label. */
export type PageAnswers = Map<string, Map<string, string>>;

export const EXPORT_COLUMNS = [
  "kommunenummer",
  "kommune",
  "enhed",
  "opgave",
  "opgavetitel",
  "kanal",
  "retning",
  "type",
  "afslutning",
  "blanket",
  "antal",
  "dato",
  "tid",
  "år",
  "uge",
  "kilde",
  "i_tælleuge",
  "start",
  "slut",
  "id",
];

/** A function that remembers its result per input: for cells with few distinct values. */
function cached(fn: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let result = seen.get(value);
    if (result === undefined) {
      result = fn(value);
      seen.set(value, result);
    }
    return result;
  };
}

export type LineWriter = (row: ExportRow, answers: PageAnswers) => string;

/** Spor's CSV (quoting and formula rules in csv.ts), one line per registration. */
export function csvLineWriter(setup: ExportSetup): LineWriter {
  const text = cached(csvField);
  const municipality = cached((n) => `${n};${csvField(setup.municipalities.get(n) ?? "")}`);
  const unit = cached((id) => csvField(setup.units.get(id)?.path ?? ""));
  const task = cached((id) => {
    const t = setup.tasks.get(id);
    return `${csvField(t?.number ?? "")};${csvField(t?.title ?? "")}`;
  });
  return (r, answers) => {
    let line = municipality(r[0]) + ";" + unit(r[1]) + ";" + task(r[2]) + ";" + r[3];
    if (setup.questions.length) {
      const own = answers.get(r[5]);
      for (const q of setup.questions) {
        const label = own?.get(q.id);
        line += label === undefined ? ";" : ";" + text(label);
      }
    }
    return line + "\r\n";
  };
}

/**
 * The old raw-export layout (legacy-format.ts): no quoting, so ; and line breaks inside a value
 * become spaces, and formula-like text is escaped as in every Spor file (legacyCell). It has one line per contact, so a row with quantity n is written n times. The
 * municipality-level unit that took rows without a unit is written back as an empty unit.
 */
export function legacyLineWriter(setup: ExportSetup): LineWriter {
  const clean = cached(legacyCell);
  const municipality = cached((n) => `${clean(setup.municipalities.get(n) ?? "")};${n}`);
  const unit = cached((id) => {
    const u = setup.units.get(id);
    if (u?.legacyLogin === MUNICIPALITY_LEVEL_LOGIN) return "";
    return clean(u?.legacyLogin ?? u?.path ?? "");
  });
  const task = cached((id) => clean(setup.tasks.get(id)?.number ?? ""));
  return (r, answers) => {
    let line = municipality(r[0]) + ";" + unit(r[1]) + ";" + task(r[2]) + ";" + r[3];
    if (setup.questions.length) {
      const own = answers.get(r[5]);
      for (const q of setup.questions) line += ";" + clean(own?.get(q.id) ?? "");
    }
    line += ";\r\n";
    return r[4] === "1" ? line : line.repeat(Number(r[4]));
  };
}
