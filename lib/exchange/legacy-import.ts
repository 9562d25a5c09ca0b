import { LEGACY_DATA_SOURCES, legacyDataSource } from "@/lib/reference/sources";
import type { ImportRow } from "./import-rows";
import type { LegacyRow } from "./legacy-format";

/**
 * A raw-export row as an import row: one contact, unit by its old login (empty = municipality
 * level), its source from its Datakilde (checked when the file was read).
 */
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
    source: LEGACY_DATA_SOURCES[legacyDataSource(row.dataSource) ?? ""],
  };
}
