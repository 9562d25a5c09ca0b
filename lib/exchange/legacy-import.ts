import { LEGACY_DATA_SOURCES, legacyDataSource } from "@/lib/reference/sources";
import type { ImportRow } from "./import-rows";
import type { LegacyRow } from "./legacy-format";
import { MUNICIPALITY_LEVEL_LOGIN } from "./plan-rows";

/**
 * A raw-export row as an import row: one contact, unit by its old login (empty = municipality
 * level), its source from its Datakilde (checked when the file was read). A TraceTool row was
 * registered one contact at a time, so its time is a time of day even at exactly 00:00:00 (a night
 * call closed on the stroke of midnight); an uploaded Landkort row (or one of unknown source) at
 * 00:00:00 has only a date (precisionOf). docs/method.md, "Time".
 */
export function legacyToImportRow(row: LegacyRow): ImportRow {
  const source = LEGACY_DATA_SOURCES[legacyDataSource(row.dataSource) ?? ""];
  return {
    line: row.line,
    municipalityNumber: row.municipalityNumber,
    unit: row.unitLogin,
    taskNumber: row.taskNumber,
    channelCode: row.channelCode,
    contactTypeCode: row.contactTypeCode,
    closureCode: row.closureCode,
    form: row.form,
    occurredAt: row.occurredAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    quantity: 1,
    answers: row.answers,
    source,
    ...(source === "LEGACY_TRACETOOL" ? { timePrecision: "TIME" as const } : {}),
  };
}

// Measured time in old raw exports. TraceTool stored a start and an end on every row — the time its
// form was open — so they count as measured time («Tidsforbrug») only for the units the coordinator
// names at import (`--timed-units`, or the checkboxes of the web preview); by default none. Units go
// by their login in the file, case-insensitively; rows without a unit by MUNICIPALITY_LEVEL_LOGIN.

/** The login a row's unit goes by in the timed-unit choice. */
export const legacyUnitKey = (row: Pick<ImportRow, "unit">) => row.unit || MUNICIPALITY_LEVEL_LOGIN;

export interface TimedUnit {
  login: string;
  /** Rows with both start and end. */
  rows: number;
  measured: boolean;
}

/**
 * Marks the rows of the named units as measured, and lists the file's units that have start and end
 * times (for the preview). Logins named but without such rows come back in `unknown`.
 */
export function markTimedUnits(rows: ImportRow[], logins: readonly string[]): { units: TimedUnit[]; unknown: string[] } {
  const chosen = new Set(logins.map((l) => l.trim().toLowerCase()).filter(Boolean));
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (!r.startedAt || !r.endedAt) continue;
    const key = legacyUnitKey(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (chosen.has(key.toLowerCase())) r.measuredTime = true;
  }
  const units = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "da"))
    .map(([login, n]) => ({ login, rows: n, measured: chosen.has(login.toLowerCase()) }));
  const unknown = [...chosen].filter((l) => !units.some((u) => u.login.toLowerCase() === l));
  return { units, unknown };
}
