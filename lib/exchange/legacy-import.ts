import type { ImportRow } from "./import-rows";
import type { LegacyRow } from "./legacy-format";

/** A raw-export row as an import row: one contact, unit by its old login (empty = municipality level). */
export function legacyToImportRow(row: LegacyRow): ImportRow {
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
  };
}
