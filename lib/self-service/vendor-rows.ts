import "server-only";
// KL's vendor file ("leverandørdata", docs/formats.md): the self-service applications each solution
// received, per municipality, KLE task and ISO week. Read into rows with every bad line named; pure
// (vendor-import.ts looks municipalities and tasks up and checks against what is stored).
//
// CSV layout: kommune;opgave;uge;antal;loesning
// - kommune: the municipality number (e.g. 259); opgave: the KLE number (e.g. 02.03.04)
// - uge: the ISO week as 2026-W18 (one column, so a week is never split from its year)
// - antal: a whole number from 0; loesning: the solution or vendor, e.g. KMD, NemRefusion

import { weeksInIsoYear } from "@/lib/counting/iso-week";
import { CsvReader, type CsvSource } from "@/lib/exchange/csv-reader";
import { FileFormatError } from "@/lib/exchange/text-file";

export const VENDOR_TEMPLATE = ["kommune", "opgave", "uge", "antal", "loesning"];
const MAX_VENDOR_ROWS = 200_000;
const MAX_VENDOR_COUNT = 10_000_000;
const MAX_SOLUTION_LENGTH = 100;

export interface VendorRow {
  line: number;
  municipalityNumber: number;
  taskNumber: string;
  isoYear: number;
  isoWeek: number;
  count: number;
  solution: string;
}

const WEEK = /^(\d{4})-W(\d{1,2})$/i;

/** "2026-W18" → year and week, or the Danish reason it is not a week. */
export function parseIsoWeekText(text: string): { isoYear: number; isoWeek: number } | { error: string } {
  const match = WEEK.exec(text);
  if (!match) return { error: `Ugen "${text}" skal skrives som år og ugenummer, fx 2026-W18.` };
  const isoYear = Number(match[1]);
  const isoWeek = Number(match[2]);
  if (isoYear < 2010 || isoYear > 2100) return { error: `Året i ugen "${text}" skal ligge fra 2010 til 2100.` };
  if (isoWeek < 1 || isoWeek > weeksInIsoYear(isoYear)) return { error: `Uge ${isoWeek} findes ikke i ${isoYear}.` };
  return { isoYear, isoWeek };
}

/** Reads the file; every bad line is listed. Throws FileFormatError if it cannot be read at all. */
export async function parseVendorCsv(source: CsvSource): Promise<{ rows: VendorRow[]; errors: { line: number; message: string }[] }> {
  const reader = new CsvReader(source);
  let header = false;
  const rows: VendorRow[] = [];
  const errors: { line: number; message: string }[] = [];
  for await (const { line, cells } of reader) {
    if (!header) {
      const names = cells.map((c) => c.trim().toLowerCase()).filter((c, i, all) => c !== "" || i < all.length - 1);
      if (names.length !== VENDOR_TEMPLATE.length || names.some((c, i) => c !== VENDOR_TEMPLATE[i])) {
        throw new FileFormatError(`Overskrifterne skal være ${VENDOR_TEMPLATE.join(";")} (se formatet under Hjælp).`, line);
      }
      header = true;
      continue;
    }
    if (cells.every((c) => c.trim() === "")) continue;
    if (rows.length + errors.length >= MAX_VENDOR_ROWS)
      throw new FileFormatError(`Filen har over ${MAX_VENDOR_ROWS.toLocaleString("da-DK")} rækker.`);
    const cell = (i: number) => (cells[i] ?? "").trim();
    const problems: string[] = [];
    const number = Number(cell(0));
    if (!/^\d{1,3}$/.test(cell(0)) || number <= 0) problems.push(`Kommunenummeret "${cell(0)}" er ikke et kommunenummer.`);
    const taskNumber = cell(1);
    if (!taskNumber) problems.push("Opgavens KLE-nummer mangler.");
    const week = parseIsoWeekText(cell(2));
    if ("error" in week) problems.push(week.error);
    const countText = cell(3);
    const count = Number(countText);
    if (countText === "" || !Number.isInteger(count)) problems.push(`Antallet "${countText}" skal være et helt tal.`);
    else if (count < 0) problems.push(`Antallet ${countText} er negativt; det skal være 0 eller mere.`);
    else if (count > MAX_VENDOR_COUNT) problems.push(`Antallet ${countText} er over ${MAX_VENDOR_COUNT.toLocaleString("da-DK")}.`);
    const solution = cell(4);
    if (!solution) problems.push("Løsningen (leverandøren) mangler, fx KMD eller NemRefusion.");
    else if (solution.length > MAX_SOLUTION_LENGTH) problems.push(`Løsningens navn er over ${MAX_SOLUTION_LENGTH} tegn.`);
    if (problems.length || "error" in week) {
      errors.push({ line, message: problems.join(" ") });
      continue;
    }
    rows.push({ line, municipalityNumber: number, taskNumber, isoYear: week.isoYear, isoWeek: week.isoWeek, count, solution });
  }
  if (!header) throw new FileFormatError("Filen er tom.");
  return { rows, errors };
}
