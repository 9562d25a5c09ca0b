import "server-only";
import type { Access } from "@/lib/auth/access";
import { isIsoDateString } from "@/lib/counting/iso-week";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";
import { ReportNotFoundError } from "@/lib/reports/context";
import { describeContext } from "@/lib/reports/describe";
import { DIMENSION_LABELS } from "@/lib/reports/dims";
import { reportJson, tablesCsv } from "@/lib/reports/export";
import { type Dimension, SOURCE_LABELS, SOURCES } from "@/lib/reports/filters";
import { toCsv } from "@/lib/exchange/csv";
import { tableMatrix } from "@/lib/reports/format";
import { REPORTS, reportBySlug } from "@/lib/reports/registry";
import { runReport } from "@/lib/reports/run";
import type { ReportDefinition } from "@/lib/reports/types";
import { listOption, type OptionSpecs, type OptionValues, stringOption, UsageError } from "./args";
import { withCliDatabase } from "./open-cli-database";

// `npx spor report NAME …`: any report, every table, with the filters the report pages offer. The
// operator holds the database, so the command reads as national staff.

const OPERATOR: Access = { userId: "cli", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

export const REPORT_OPTIONS: OptionSpecs = {
  municipality: { type: "string" },
  national: { type: "boolean" },
  round: { type: "string" },
  "compare-round": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  week: { type: "string", multiple: true },
  unit: { type: "string", multiple: true },
  task: { type: "string", multiple: true },
  package: { type: "string" },
  need: { type: "string" },
  channel: { type: "string", multiple: true },
  source: { type: "string", multiple: true },
  by: { type: "string" },
  level: { type: "string" },
  "whole-percent": { type: "boolean" },
  "include-outside": { type: "boolean" },
  table: { type: "string" },
  format: { type: "string" },
};

const NATIONAL_ONLY = (r: ReportDefinition) => r.audience === "national";

function reportList(): string {
  const width = Math.max(...REPORTS.map((r) => r.slug.length));
  return REPORTS.map((r) => {
    const by = r.dimensions?.length ? ` (--by ${r.dimensions.join("|")})` : "";
    const scope = NATIONAL_ONLY(r) ? " – alle kommuner" : r.municipalityOnly ? " – én kommune" : "";
    return `  ${r.slug.padEnd(width)}  ${r.title}${scope}${by}`;
  }).join("\n");
}

export function reportUsage(): string {
  return `npx spor report NAVN [--municipality NR | --national] [filtre] [--format csv|json] [--table ID]

Udskriver en rapports tabeller på standard output: alle tabeller, eller kun én med --table.
CSV (standard): ét dokument med tabellerne efter hinanden, hver med en linje med titel og [id];
med --table kun tabellen, som når den hentes fra rapportsiden. JSON: alle tabeller med kolonner,
rækker, total og grundlag (base), og hvad tallene dækker. Formatet står i docs/formats.md.

Rapporter (NAVN):
${reportList()}

Hvem og hvornår:
  --municipality NR        kommunenummer (kræves, undtagen med --national)
  --national               alle kommuner lagt sammen (rapporter med en landsvisning)
  --round KODE             tællerunde (kode eller id); standard: den seneste, der er begyndt
  --from DATO --to DATO    datoer i dansk tid, åååå-mm-dd, begge med (i stedet for --round)
  --week ÅÅÅÅ-UU           kun disse uger (kan gentages)
  --compare-round KODE     runden, selvbetjeningsgraden sammenlignes med (standard: runden før)
  --include-outside        medtag registreringer uden for kommunens tælleuger

Filtre (kan gentages eller kommasepareres, hvor der står flere):
  --unit ENHED             enhed (navn, sti «Forvaltning / Afdeling» eller id) med underenheder;
                           kræver --municipality
  --task NR                opgavenummer (KLE), fx 23.05.10
  --package KODE           opgavepakke; --need GRUPPE: behovsgruppe i pakken
  --channel KODE           kanalkode, fx TLFIND
  --source KILDE           datakilde (store eller små bogstaver): ${SOURCES.join(", ")}
  --by DIMENSION           fordeling: ${Object.keys(DIMENSION_LABELS).join(", ")} (hvilke står ved rapporten)
  --level emne|gruppe      opgavetabeller pr. opgave (standard) eller samlet på KLE-gruppe (15.20 med
                           15.20.00 …); for ${REPORTS.filter((r) => r.taskTables)
                             .map((r) => r.slug)
                             .join(", ")}
  --whole-percent          selvbetjening: KL's opstilling i hele procent (ændringen af de afrundede grader)

Udskrift:
  --format csv|json        standard csv
  --table ID               kun denne tabel (id'erne står i JSON og i CSV-linjernes [id])

Eksempler:
  npx spor report kanaler --municipality 259 --by opgave --format json
  npx spor report selvbetjening --municipality 259 --round autumn-2013 --compare-round autumn-2012 \\
      --package komhen-2013-autumn --format json
  npx spor report svar --municipality 259 --unit Borgerservice --source MANUAL`;
}

function validateOptions(report: ReportDefinition, values: OptionValues): void {
  const format = stringOption(values, "format") ?? "csv";
  if (format !== "csv" && format !== "json") throw new UsageError("--format skal være csv eller json.");
  const municipality = stringOption(values, "municipality");
  if (municipality !== undefined && !/^\d+$/.test(municipality))
    throw new UsageError(`--municipality skal være et kommunenummer, ikke "${municipality}".`);
  if (municipality && values.national) throw new UsageError("Brug enten --municipality eller --national, ikke begge.");
  if (!NATIONAL_ONLY(report)) {
    if (values.national && report.municipalityOnly)
      throw new UsageError(`Rapporten ${report.slug} vises kun for én kommune: angiv --municipality NR.`);
    if (!municipality && !values.national)
      throw new UsageError(`Angiv kommunen: --municipality NR${report.municipalityOnly ? "" : " (eller --national for alle kommuner)"}.`);
  }
  if (stringOption(values, "round") && (values.from || values.to))
    throw new UsageError("Brug enten --round eller --from/--to, ikke begge.");
  for (const flag of ["from", "to"]) {
    const date = stringOption(values, flag);
    if (date !== undefined && !isIsoDateString(date))
      throw new UsageError(`--${flag} skal være en dato i kalenderen, skrevet åååå-mm-dd, fx 2026-10-19, ikke "${date}".`);
  }
  for (const week of listOption(values, "week")) {
    if (!/^\d{4}-W?\d{1,2}$/.test(week)) throw new UsageError(`--week skal være en uge skrevet åååå-uu, fx 2026-43, ikke "${week}".`);
  }
  if (listOption(values, "unit").length && !municipality)
    throw new UsageError("--unit kræver --municipality: enheder hører til én kommune.");
  const by = stringOption(values, "by");
  if (by !== undefined) {
    const offered = (report.dimensions ?? []) as readonly string[];
    if (!offered.length) throw new UsageError(`Rapporten ${report.slug} kan ikke fordeles (--by).`);
    if (!offered.includes(by)) throw new UsageError(`Rapporten ${report.slug} kan fordeles efter ${offered.join(", ")}, ikke "${by}".`);
  }
  const level = stringOption(values, "level");
  if (level !== undefined) {
    if (level !== "emne" && level !== "gruppe") throw new UsageError(`--level skal være emne eller gruppe, ikke "${level}".`);
    if (!report.taskTables) throw new UsageError(`Rapporten ${report.slug} har ingen opgavetabeller at samle (--level).`);
  }
  if (values["whole-percent"] && report.slug !== "selvbetjening")
    throw new UsageError("--whole-percent gælder kun rapporten selvbetjening (KL's opstilling).");
  for (const source of listOption(values, "source")) {
    if (!(SOURCES as readonly string[]).includes(source.toUpperCase())) {
      throw new UsageError(`Ukendt datakilde "${source}". Vælg blandt ${SOURCES.map((s) => `${s} (${SOURCE_LABELS[s]})`).join(", ")}.`);
    }
  }
}

type Query = SqlExecutor["query"];

/** Checks that the municipality, rounds, tasks and channels exist, so a typo is named, not an empty report. */
async function checkReferences(query: Query, values: OptionValues): Promise<void> {
  const municipality = stringOption(values, "municipality");
  if (municipality) {
    const [m] = await query<{ id: string }>(`SELECT id FROM municipality WHERE number = $1`, [Number(municipality)]);
    if (!m) throw new UserFacingError(`Kommune nummer ${municipality} findes ikke i Spor.`);
  }
  for (const flag of ["round", "compare-round"]) {
    const ref = stringOption(values, flag);
    if (!ref) continue;
    const [r] = await query<{ id: string }>(`SELECT id FROM counting_round WHERE code = $1 OR id::text = $1`, [ref]);
    if (!r) throw new UserFacingError(`Runden "${ref}" (--${flag}) findes ikke. Runderne har koder som "autumn-2013".`);
  }
  const missing = async (flag: string, table: string, column: string) => {
    const asked = listOption(values, flag);
    if (!asked.length) return;
    const found = await query<{ v: string }>(`SELECT ${column} AS v FROM ${table} WHERE ${column} = ANY($1::text[])`, [asked]);
    const unknown = asked.filter((a) => !found.some((f) => f.v === a));
    if (unknown.length)
      throw new UserFacingError(`Ukendt ${flag === "task" ? "opgavenummer" : "kanalkode"}: ${unknown.join(", ")} (--${flag}).`);
  };
  await missing("task", "task", "number");
  await missing("channel", "channel", "code");
}

/** Unit names, paths («Forvaltning / Afdeling») or ids in one municipality → unit ids. */
async function resolveUnits(query: Query, municipalityNumber: string, asked: string[]): Promise<string[]> {
  const units = await query<{ id: string; path: string }>(
    `WITH RECURSIVE t AS (
       SELECT u.id, u.name::text AS path FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE m.number = $1 AND u.parent_id IS NULL
       UNION ALL SELECT u.id, t.path || ' / ' || u.name FROM unit u JOIN t ON u.parent_id = t.id)
     SELECT id::text, path FROM t ORDER BY path`,
    [Number(municipalityNumber)],
  );
  const norm = (s: string) =>
    s
      .trim()
      .toLocaleLowerCase("da")
      .replace(/\s*\/\s*/g, " / ");
  return asked.map((wanted) => {
    const byId = units.find((u) => u.id === wanted.toLowerCase());
    if (byId) return byId.id;
    const byPath = units.filter((u) => norm(u.path) === norm(wanted));
    const matches = byPath.length ? byPath : units.filter((u) => norm(u.path.split(" / ").at(-1)!) === norm(wanted));
    if (matches.length === 1) return matches[0].id;
    if (matches.length > 1)
      throw new UserFacingError(`Flere enheder hedder "${wanted}": ${matches.map((u) => u.path).join("; ")}. Angiv stien.`);
    throw new UserFacingError(
      `Kommune ${municipalityNumber} har ingen enhed "${wanted}". Enhederne: ${units.map((u) => u.path).join("; ")}.`,
    );
  });
}

/** The report pages' URL filters (lib/reports/filters.ts) from the command's options. */
function urlFilters(values: OptionValues, unitIds: string[]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  const set = (key: string, value: string | string[] | undefined) => {
    if (value !== undefined && (!Array.isArray(value) || value.length)) params[key] = value;
  };
  set("kommune", stringOption(values, "municipality"));
  set("runde", stringOption(values, "round"));
  set("sammenlign", stringOption(values, "compare-round"));
  set("fra", stringOption(values, "from"));
  set("til", stringOption(values, "to"));
  set("uge", listOption(values, "week"));
  set("enhed", unitIds);
  set("opgave", listOption(values, "task"));
  set("pakke", stringOption(values, "package"));
  set("behov", stringOption(values, "need"));
  set("kanal", listOption(values, "channel"));
  set(
    "kilde",
    listOption(values, "source").map((s) => s.toUpperCase()),
  );
  set("efter", stringOption(values, "by") as Dimension | undefined);
  set("niveau", stringOption(values, "level"));
  if (values["whole-percent"]) params.afrund = "1";
  if (values["include-outside"]) params.udenfor = "1";
  return params;
}

export async function runReportCommand(
  name: string | undefined,
  values: OptionValues,
  write: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  if (!name) throw new UsageError(`Angiv en rapport: ${REPORTS.map((r) => r.slug).join(", ")}.`);
  const report = reportBySlug(name);
  if (!report) throw new UsageError(`Ukendt rapport: ${name}. Vælg en af ${REPORTS.map((r) => r.slug).join(", ")}.`);
  validateOptions(report, values);
  return withCliDatabase(async (database) => {
    const query: Query = database.sql.query.bind(database.sql);
    await checkReferences(query, values);
    const unitIds = listOption(values, "unit").length
      ? await resolveUnits(query, stringOption(values, "municipality")!, listOption(values, "unit"))
      : [];
    const run = await runReport(database.sql, OPERATOR, report.slug, urlFilters(values, unitIds)).catch((error: unknown) => {
      // The pages answer 404 for anything not found; here the operator gets told what to check.
      if (error instanceof ReportNotFoundError)
        throw new UserFacingError("Fandt ikke kommunen, runden eller enheden. Tjek --municipality, --round, --compare-round og --unit.");
      throw error;
    });
    console.error(describeContext(run.ctx));
    const tableId = stringOption(values, "table");
    const table = tableId ? run.result.tables.find((t) => t.id === tableId) : undefined;
    if (tableId && !table)
      throw new UserFacingError(`Rapporten har ingen tabel ${tableId}. Tabeller: ${run.result.tables.map((t) => t.id).join(", ")}.`);
    if ((stringOption(values, "format") ?? "csv") === "json") write(`${JSON.stringify(reportJson(run, tableId), null, 2)}\n`);
    else write(table ? toCsv(tableMatrix(table)) : tablesCsv(run.result.tables));
    return 0;
  });
}
