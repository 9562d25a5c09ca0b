import { UserFacingError } from "@/lib/errors";
import { type AdminContext, adminTransaction, assertAdminister } from "@/lib/actions/context";
import { type CsvRecord, readCsvRecords, type CsvSource } from "@/lib/exchange/csv-reader";
import { FileFormatError } from "@/lib/exchange/text-file";
import { normaliseName } from "@/lib/units/default-channels";
import { ProblemListError } from "@/lib/actions/form-state";
import { type AssignableRole, emailSchema, personNameSchema } from "@/lib/users/schemas";
import { createInvitedUser, type IssuedLink } from "@/lib/users/users";

// Bulk creation of users from a CSV list: Navn; E-mail; Rolle; Enhed. Every line is checked first
// and every problem is reported with its line number; only a list without problems is created, in
// one transaction, so a bad file changes nothing.

export const MAX_IMPORT_ROWS = 1000;
/** A list of 1,000 users is well under 200 kB; 2 MB leaves room for notes in extra columns. */
export const MAX_IMPORT_BYTES = 2_000_000;
const TOO_LARGE = "Filen er for stor (højst 2 MB).";

/**
 * The list's records through the one CSV reader: ; , or tab (Danish Excel writes ;), cells trimmed,
 * blank lines skipped; UTF-8 or Windows-1252 (Excel's "CSV (semikolonsepareret)" is Windows-1252).
 */
export async function readUserList(source: CsvSource | string): Promise<CsvRecord[]> {
  const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source;
  if (bytes instanceof Uint8Array && bytes.length === 0) return [];
  try {
    const records = await readCsvRecords(bytes, {
      delimiters: [";", ",", "\t"],
      fallbackDelimiter: ";",
      trim: true,
      maxBytes: MAX_IMPORT_BYTES,
    });
    return records.filter((r) => r.cells.some((c) => c !== ""));
  } catch (error) {
    if (error instanceof FileFormatError) {
      if (error.message === "Filen er tom.") return [];
      throw new UserFacingError(error.message.startsWith("Filen er for stor") ? TOO_LARGE : error.message);
    }
    throw error;
  }
}

const COLUMNS = {
  name: ["navn", "name", "fulde navn"],
  email: ["e-mail", "email", "mail", "e-mailadresse"],
  role: ["rolle", "role"],
  unit: ["enhed", "enheder", "unit", "units"],
} as const;

const ROLE_WORDS: Record<string, AssignableRole> = {
  medarbejder: "REGISTRANT",
  registrant: "REGISTRANT",
  registrator: "REGISTRANT",
  enhedsansvarlig: "UNIT_LEAD",
  "unit-lead": "UNIT_LEAD",
  leder: "UNIT_LEAD",
  tovholder: "COORDINATOR",
  koordinator: "COORDINATOR",
  coordinator: "COORDINATOR",
  "kommunal administrator": "COORDINATOR",
};

interface UnitRow {
  id: string;
  name: string;
  parentId: string | null;
}

/** Matches "Skranke" or, where names repeat, "Borgerservice / Skranke" against the active units. */
function unitMatcher(units: UnitRow[]) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = (u: UnitRow): string[] => (u.parentId && byId.has(u.parentId) ? [...path(byId.get(u.parentId)!), u.name] : [u.name]);
  return (text: string): { id?: string; problem?: string } => {
    const wanted = text.split("/").map(normaliseName).filter(Boolean);
    const matches = units.filter((u) => {
      const p = path(u).map(normaliseName);
      return wanted.length <= p.length && wanted.every((w, i) => p[p.length - wanted.length + i] === w);
    });
    if (matches.length === 1) return { id: matches[0].id };
    if (matches.length === 0) return { problem: `enheden "${text}" findes ikke (eller er arkiveret)` };
    return { problem: `der er flere enheder, der hedder "${text}"; skriv fx "${path(matches[0]).join(" / ")}"` };
  };
}

export interface ImportRow {
  line: number;
  name: string;
  email: string;
  role: AssignableRole;
  unitIds: string[];
}

/** Checks the whole file; returns the rows, or throws with one problem per line. */
export async function validateUserImport(ctx: AdminContext, municipalityId: string, source: CsvSource | string): Promise<ImportRow[]> {
  const records = await readUserList(source);
  if (records.length < 2) throw new UserFacingError("Filen er tom. Første linje skal være overskrifterne Navn;E-mail;Rolle;Enhed.");
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new UserFacingError(`Der kan højst oprettes ${MAX_IMPORT_ROWS} brugere ad gangen.`);
  const [header, ...rows] = records;
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [
      key,
      header.cells.findIndex((c) => (names as readonly string[]).includes(c.toLowerCase())),
    ]),
  ) as Record<keyof typeof COLUMNS, number>;
  const missing = Object.entries(index)
    .filter(([, i]) => i < 0)
    .map(([k]) => ({ name: "Navn", email: "E-mail", role: "Rolle", unit: "Enhed" })[k]);
  if (missing.length) {
    throw new UserFacingError(
      `Linje ${header.line}: kolonnen ${missing.join(", ")} mangler. Overskrifterne skal være Navn;E-mail;Rolle;Enhed.`,
    );
  }

  const units = await ctx.prisma.unit.findMany({
    where: { municipalityId, archivedAt: null },
    select: { id: true, name: true, parentId: true },
  });
  const matchUnit = unitMatcher(units);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const out: ImportRow[] = [];
  const emails: string[] = [];
  for (const row of rows) {
    const cell = (k: keyof typeof COLUMNS) => row.cells[index[k]] ?? "";
    const lineProblems: string[] = [];
    const name = personNameSchema.safeParse(cell("name"));
    if (!name.success) lineProblems.push("navn mangler");
    const email = emailSchema.safeParse(cell("email"));
    if (!email.success) lineProblems.push(cell("email") ? `"${cell("email")}" er ikke en gyldig e-mailadresse` : "e-mail mangler");
    else if (seen.has(email.data)) lineProblems.push(`${email.data} står også i linje ${seen.get(email.data)}`);
    else seen.set(email.data, row.line);
    const role = ROLE_WORDS[cell("role").toLowerCase()];
    if (!role) lineProblems.push(`ukendt rolle "${cell("role")}" (brug medarbejder, enhedsansvarlig eller tovholder)`);
    const unitTexts = cell("unit")
      .split("|")
      .map((t) => t.trim())
      .filter(Boolean);
    const unitIds: string[] = [];
    if (role === "COORDINATOR" && unitTexts.length) lineProblems.push("en tovholder knyttes ikke til en enhed; lad Enhed være tom");
    if (role && role !== "COORDINATOR") {
      if (!unitTexts.length) lineProblems.push("enhed mangler");
      for (const t of unitTexts) {
        const match = matchUnit(t);
        if (match.id) unitIds.push(match.id);
        else lineProblems.push(match.problem!);
      }
    }
    if (lineProblems.length) problems.push(`Linje ${row.line}: ${lineProblems.join("; ")}.`);
    else {
      out.push({ line: row.line, name: name.data!, email: email.data!, role, unitIds });
      emails.push(email.data!);
    }
  }
  const taken = await ctx.prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } });
  for (const t of taken) problems.push(`Linje ${seen.get(t.email)}: ${t.email} er allerede bruger i Spor.`);
  if (problems.length) {
    problems.sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
    throw new ProblemListError(
      `Ingen brugere blev oprettet: ${problems.length === 1 ? "1 linje har" : `${problems.length} linjer har`} fejl. Ret filen og prøv igen.`,
      problems,
    );
  }
  return out;
}

/** Creates the users of a list (pasted `text`, or a `file` as bytes or as it streams in), all or none. */
export async function importUsers(
  ctx: AdminContext,
  input: { municipalityId: string; text?: string; file?: CsvSource },
): Promise<IssuedLink[]> {
  assertAdminister(ctx, input.municipalityId);
  const rows = await validateUserImport(ctx, input.municipalityId, input.file ?? input.text ?? "");
  return adminTransaction(ctx, async (tx) => {
    const links: IssuedLink[] = [];
    for (const row of rows) links.push(await createInvitedUser(ctx, tx, { municipalityId: input.municipalityId, ...row }));
    return links;
  });
}
