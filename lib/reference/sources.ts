// Where a registration came from (its `source`, "Datakilde" in the UI): a fact of every registration
// that reports filter on and exports carry. docs/method.md ("Datakilde") gives the rule per path.
// Pure TypeScript: the filter form, the exports and the importers share it.

import type { RegistrationSource } from "@/lib/generated/prisma/enums";

/** Every source, in the order the filter form lists them. */
export const REGISTRATION_SOURCES = [
  "MANUAL",
  "UNIT_LOGIN",
  "MASS",
  "PAPER_SHEET",
  "UPLOAD",
  "API",
  "LEGACY_TRACETOOL",
  "LEGACY_LANDKORT",
  "LEGACY_IMPORT",
] as const satisfies readonly RegistrationSource[];

// Every enum value is listed above (a compile error here means a source is missing).
type Missing = Exclude<RegistrationSource, (typeof REGISTRATION_SOURCES)[number]>;
const allListed: Missing extends never ? true : false = true;
void allListed;

export const SOURCE_LABELS: Record<RegistrationSource, string> = {
  MANUAL: "Registreringsskærm (personligt login)",
  UNIT_LOGIN: "Registreringsskærm (fælles enhedslogin)",
  MASS: "Masseregistrering",
  PAPER_SHEET: "Papirskema (indtastet tælleskema)",
  UPLOAD: "Upload af CSV-fil",
  API: "Indberetning via API",
  LEGACY_TRACETOOL: "Gamle data: TraceTool",
  LEGACY_LANDKORT: "Gamle data: Det Digitale Landkort",
  LEGACY_IMPORT: "Gamle data: datakilde ukendt",
};

/**
 * The old raw export's Datakilde values, as Det Digitale Landkort wrote them, and the empty value
 * Spor writes where the source is not known (rows imported before Spor kept it), so such an export
 * reads back as it was.
 */
export const LEGACY_DATA_SOURCES = {
  Tracetool: "LEGACY_TRACETOOL",
  DetDigitaleLandkort: "LEGACY_LANDKORT",
  "": "LEGACY_IMPORT",
} as const satisfies Record<string, RegistrationSource>;
export type LegacyDataSource = keyof typeof LEGACY_DATA_SOURCES;

/** "Tracetool" / "DetDigitaleLandkort" (any case) or empty → that spelling; anything else → null. */
export function legacyDataSource(value: string): LegacyDataSource | null {
  const v = value.trim().toLowerCase();
  return (Object.keys(LEGACY_DATA_SOURCES) as LegacyDataSource[]).find((k) => k.toLowerCase() === v) ?? null;
}

/**
 * The Datakilde the old layout writes for a registration: an imported row's own value, exactly as
 * read; for Spor's own registrations the old tool's meaning — "Tracetool" for contacts registered
 * one by one on the registration screen, "DetDigitaleLandkort" for counts that came from other
 * systems or typed in as counts (mass registration, paper sheet, upload, API), as the old upload did; empty where it is not known.
 * export-pages.ts writes the same mapping in SQL (LEGACY_DATAKILDE_SQL).
 */
export const LEGACY_DATAKILDE: Record<RegistrationSource, LegacyDataSource> = {
  MANUAL: "Tracetool",
  UNIT_LOGIN: "Tracetool",
  MASS: "DetDigitaleLandkort",
  PAPER_SHEET: "DetDigitaleLandkort",
  UPLOAD: "DetDigitaleLandkort",
  API: "DetDigitaleLandkort",
  LEGACY_TRACETOOL: "Tracetool",
  LEGACY_LANDKORT: "DetDigitaleLandkort",
  LEGACY_IMPORT: "",
};

/** LEGACY_DATAKILDE as an SQL expression over `r.source`. */
export const LEGACY_DATAKILDE_SQL = `CASE r.source ${Object.entries(LEGACY_DATAKILDE)
  .map(([source, value]) => `WHEN '${source}' THEN '${value}'`)
  .join(" ")} END`;
