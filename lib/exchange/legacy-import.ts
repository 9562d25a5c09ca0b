import { type ImportRow, MUNICIPALITY_LEVEL_LOGIN } from "./import-rows";
import type { LegacyRow } from "./legacy-format";

/**
 * The unit logins of an old raw export whose start and end times were measured contact times: the
 * coordinator says so at import (`--timed-units`, or the checkboxes of the web preview). TraceTool
 * stored start and end on every row — the time its form was open — so by default none is measured,
 * and Tidsforbrug leaves those rows out. Logins compare case-insensitively; rows without a unit are
 * named by MUNICIPALITY_LEVEL_LOGIN.
 */
export type TimedUnits = ReadonlySet<string>;

export function timedUnits(logins: readonly string[] | undefined): TimedUnits {
  return new Set((logins ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean));
}

/** The login a row's unit goes by in the timed-unit choice. */
export const legacyUnitKey = (row: Pick<LegacyRow, "unitLogin">) => row.unitLogin || MUNICIPALITY_LEVEL_LOGIN;

/** A raw-export row as an import row: one contact, unit by its old login (empty = municipality level). */
export function legacyToImportRow(row: LegacyRow, timed: TimedUnits = new Set()): ImportRow {
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
    measuredTime: timed.has(legacyUnitKey(row).toLowerCase()),
    quantity: 1,
    answers: row.answers,
  };
}
