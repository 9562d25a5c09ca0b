// KL's published task packages, read from the CSV files in lib/seed/data/task-packages.
// The files are copies of KL's documents (facts, not KLE itself); see that folder's README.

import fs from "node:fs";
import { parse as parseSync } from "csv-parse/sync";
import path from "node:path";

export const TASK_PACKAGE_DIR = path.resolve(process.cwd(), "lib/seed/data/task-packages");

export interface SeedPackageItem {
  /** KLE number (or KL's own number, 29.03.99). */
  number: string;
  /** The title KL used in this package. */
  title: string;
  obligatory: boolean;
  needGroup: string | null;
  formNumber: string | null;
  removed: boolean;
  note: string | null;
  sortOrder: number;
}

export interface SeedPackage {
  code: string;
  name: string;
  description: string;
  items: SeedPackageItem[];
}

export const PACKAGE_2012 = "komhen-2012-35";
export const PACKAGE_2013_AUTUMN = "komhen-2013-autumn";
export const PACKAGE_2016_SPRING = "komhen-2016-spring";

/** These files (comma-separated, double-quoted fields, header line) through csv-parse, cells trimmed. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = (
    parseSync(text, { delimiter: ",", bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
  ).filter((r) => r.some((cell) => cell.trim() !== ""));
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name.trim(), (cells[i] ?? "").trim()])));
}

function readCsv(file: string, dir: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(dir, file), "utf8"));
}

/** Loads the three packages KL published. */
export function loadTaskPackages(dir: string = TASK_PACKAGE_DIR): SeedPackage[] {
  const p2012 = readCsv("komhen-2012-35.csv", dir).map((row): SeedPackageItem => ({
    number: row.kle,
    title: row.name,
    obligatory: true,
    needGroup: null,
    formNumber: row.form || null,
    removed: false,
    note: null,
    sortOrder: Number(row.no),
  }));

  // Every row with in_package=yes is one of the 45 obligatory tasks of autumn 2013. "previously"
  // says what the task was before (obligatory, one of the 39 extra tasks KL recommended in autumn
  // 2012, or new), so 14 former extras are obligatory now; rows with in_package=no left the package
  // and are kept as removed for comparisons with earlier rounds.
  const p2013 = readCsv("komhen-2013-autumn.csv", dir).map((row, i): SeedPackageItem => {
    const inPackage = row.in_package === "yes";
    return {
      number: row.kle,
      title: row.name,
      obligatory: inPackage,
      needGroup: row.need || null,
      formNumber: null,
      removed: !inPackage,
      note: row.previously ? `Tidligere: ${row.previously}` : null,
      sortOrder: i + 1,
    };
  });

  const p2016 = readCsv("komhen-2016-spring-obligatory.csv", dir).map((row, i): SeedPackageItem => ({
    number: row.kle,
    title: row.name,
    obligatory: true,
    needGroup: row.need || null,
    formNumber: null,
    removed: false,
    note: null,
    sortOrder: i + 1,
  }));

  return [
    {
      code: PACKAGE_2012,
      name: "KOMHEN 2011–2012: 35 obligatoriske opgaver",
      description: "De 35 obligatoriske opgaver i tællingerne efterår 2011, forår 2012 og efterår 2012, med KL's blanketnumre (FORM).",
      items: p2012,
    },
    {
      code: PACKAGE_2013_AUTUMN,
      name: "KOMHEN efterår 2013: 45 opgaver",
      description:
        "De 45 obligatoriske opgaver i efteråret 2013, grupperet efter behov (bølge 1, 2 og 4, SKAT, Udbetaling Danmark), " +
        "samt de 31 opgaver der udgik af pakken.",
      items: p2013,
    },
    {
      code: PACKAGE_2016_SPRING,
      name: "KOMHEN forår 2016: 8 obligatoriske opgaver",
      description: "De 8 obligatoriske opgaver i foråret 2016 (bølge 2, 3 og 4).",
      items: p2016,
    },
  ];
}

// A task's own title (used until a KLE plan is imported) comes from the first package here that
// has it. 2013's list has spelling slips ("Hjælpe midler", "Boligyldelse"), and 2016 uses a long
// title for Sygedagpenge, so 2012 goes first. Items keep each package's own title regardless.
const TITLE_PREFERENCE = [PACKAGE_2012, PACKAGE_2016_SPRING, PACKAGE_2013_AUTUMN];

/** Every distinct task number in the packages with the title its task gets. */
export function packageTaskTitles(packages: SeedPackage[]): Map<string, string> {
  const ordered = [...packages].sort((a, b) => rank(a.code) - rank(b.code));
  const titles = new Map<string, string>();
  for (const pkg of ordered) {
    for (const item of pkg.items) if (!titles.has(item.number)) titles.set(item.number, item.title);
  }
  return titles;
}

function rank(code: string): number {
  const index = TITLE_PREFERENCE.indexOf(code);
  return index === -1 ? TITLE_PREFERENCE.length : index;
}
