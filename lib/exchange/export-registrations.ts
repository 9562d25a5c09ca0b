import { recordAudit } from "@/lib/audit/audit";
import { formatLegacyDateTime, latin1, LEGACY_COLUMNS } from "./legacy-format";
import { localDateOf, localParts } from "@/lib/counting/iso-week";
import { CSV_BOM, type CsvCell, csvLine } from "./csv";
import { getDatabase } from "@/lib/db";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Raw registrations, streamed from the database page by page (keyset on occurred_at, id), so memory
// stays flat whatever the size. Test registrations are never exported.

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
const PAGE_SIZE = 5000;

interface ExportRow {
  id: string;
  occurred_at: Date;
  municipality_number: number;
  municipality_name: string;
  unit_id: string;
  legacy_login: string | null;
  task_number: string;
  task_title: string;
  channel_code: string;
  direction: string;
  contact_type_code: string | null;
  closure_code: string | null;
  form: boolean | null;
  quantity: number;
  iso_year: number;
  iso_week: number;
  source: string;
  in_counting_week: boolean;
  started_at: Date | null;
  ended_at: Date | null;
}

export const EXPORT_COLUMNS = [
  "kommunenummer", "kommune", "enhed", "opgave", "opgavetitel", "kanal", "retning", "type", "afslutning",
  "blanket", "antal", "dato", "tid", "år", "uge", "kilde", "i_tælleuge", "start", "slut", "id",
];

function whereClause(filter: ExportFilter): { sql: string; params: unknown[] } {
  const parts = ["r.is_test = false"];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.municipalityIds.length) add("r.municipality_id = ANY(?::uuid[])", filter.municipalityIds);
  if (filter.from) add("r.occurred_at >= ?", filter.from.toISOString());
  if (filter.to) add("r.occurred_at < ?", filter.to.toISOString());
  if (filter.unitIds?.length) add("r.unit_id = ANY(?::uuid[])", filter.unitIds);
  if (filter.taskIds?.length) add("r.task_id = ANY(?::uuid[])", filter.taskIds);
  if (filter.channelCodes?.length) add("r.channel_code = ANY(?::text[])", filter.channelCodes);
  return { sql: parts.join(" AND "), params };
}

async function unitPaths(sql: SqlExecutor, filter: ExportFilter): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; parent_id: string | null; name: string }>(
    `SELECT id::text, parent_id::text, name FROM unit ${filter.municipalityIds.length ? "WHERE municipality_id = ANY($1::uuid[])" : ""}`,
    filter.municipalityIds.length ? [filter.municipalityIds] : [],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path = (id: string): string => {
    const unit = byId.get(id);
    if (!unit) return "";
    return unit.parent_id ? `${path(unit.parent_id)} / ${unit.name}` : unit.name;
  };
  return new Map(rows.map((r) => [r.id, path(r.id)]));
}

async function questionColumns(sql: SqlExecutor, filter: ExportFilter) {
  return sql.query<{ id: string; text: string }>(
    `SELECT id::text, text FROM extra_question
      WHERE municipality_id IS NULL ${filter.municipalityIds.length ? "OR municipality_id = ANY($1::uuid[])" : "OR true"}
      ORDER BY created_at, id`,
    filter.municipalityIds.length ? [filter.municipalityIds] : [],
  );
}

const two = (n: number) => String(n).padStart(2, "0");
function danishDateParts(at: Date) {
  const d = localDateOf(at);
  const t = localParts(at);
  return { date: `${d.year}-${two(d.month)}-${two(d.day)}`, time: `${two(t.hour)}:${two(t.minute)}:${two(t.second)}` };
}

/** Streams the export as bytes (UTF-8 with BOM for CSV; ISO-8859-1 for the old layout). */
export function exportRegistrationsStream(filter: ExportFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  const sql = getDatabase().sql;
  const encoder = new TextEncoder();
  const encode = (text: string) => (format === "csv" ? encoder.encode(text) : latin1(text));
  let cursor: { at: string; id: string } | null = null;
  let setup: { paths: Map<string, string>; questions: { id: string; text: string }[] } | null = null;
  const where = whereClause(filter);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!setup) {
          setup = { paths: await unitPaths(sql, filter), questions: await questionColumns(sql, filter) };
          const header =
            format === "csv"
              ? CSV_BOM + csvLine([...EXPORT_COLUMNS, ...setup.questions.map((q) => q.text)])
              : `${[...LEGACY_COLUMNS, ...setup.questions.map((q) => q.text)].join(";")};\r\n`;
          controller.enqueue(encode(header));
          return;
        }
        const params = [...where.params];
        let keyset = "";
        if (cursor) {
          params.push(cursor.at, cursor.id);
          keyset = ` AND (r.occurred_at, r.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
        }
        const rows = await sql.query<ExportRow>(
          `SELECT r.id::text, r.occurred_at, m.number AS municipality_number, m.name AS municipality_name,
                  r.unit_id::text, u.legacy_login, t.number AS task_number, t.title AS task_title, r.channel_code,
                  c.direction::text AS direction, r.contact_type_code, r.closure_code, r.form, r.quantity,
                  r.iso_year, r.iso_week, r.source::text AS source, r.in_counting_week, r.started_at, r.ended_at
             FROM registration r
             JOIN municipality m ON m.id = r.municipality_id
             JOIN unit u ON u.id = r.unit_id
             JOIN task t ON t.id = r.task_id
             JOIN channel c ON c.code = r.channel_code
            WHERE ${where.sql}${keyset}
            ORDER BY r.occurred_at, r.id
            LIMIT ${PAGE_SIZE}`,
          params,
        );
        if (rows.length === 0) {
          controller.close();
          return;
        }
        const last = rows[rows.length - 1];
        cursor = { at: new Date(last.occurred_at).toISOString(), id: last.id };
        const answers = await answersFor(sql, rows.map((r) => r.id));
        const text = rows
          .map((r) => (format === "csv" ? csvRow(r, setup!, answers) : legacyRow(r, setup!, answers)))
          .join("");
        controller.enqueue(encode(text));
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

async function answersFor(sql: SqlExecutor, ids: string[]): Promise<Map<string, Map<string, string>>> {
  const rows = await sql.query<{ registration_id: string; question_id: string; label: string }>(
    `SELECT a.registration_id::text, a.question_id::text, o.label
       FROM registration_answer a JOIN extra_question_option o ON o.id = a.option_id
      WHERE a.registration_id = ANY($1::uuid[])`,
    [ids],
  );
  const map = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!map.has(r.registration_id)) map.set(r.registration_id, new Map());
    map.get(r.registration_id)!.set(r.question_id, r.label);
  }
  return map;
}

type Setup = { paths: Map<string, string>; questions: { id: string; text: string }[] };

function csvRow(r: ExportRow, setup: Setup, answers: Map<string, Map<string, string>>): string {
  const at = danishDateParts(new Date(r.occurred_at));
  const own = answers.get(r.id);
  const cells: CsvCell[] = [
    r.municipality_number, r.municipality_name, setup.paths.get(r.unit_id) ?? "", r.task_number, r.task_title,
    r.channel_code, r.direction === "IN" ? "ind" : "ud", r.contact_type_code, r.closure_code,
    r.form === null ? null : r.form, r.quantity, at.date, at.time, r.iso_year, r.iso_week, r.source,
    r.in_counting_week, r.started_at ? new Date(r.started_at).toISOString() : null,
    r.ended_at ? new Date(r.ended_at).toISOString() : null, r.id,
    ...setup.questions.map((q) => own?.get(q.id) ?? null),
  ];
  return csvLine(cells);
}

/** The old layout has one line per contact, so a row with quantity n is written n times. */
function legacyRow(r: ExportRow, setup: Setup, answers: Map<string, Map<string, string>>): string {
  const own = answers.get(r.id);
  const cells = [
    r.municipality_name, String(r.municipality_number), r.legacy_login ?? setup.paths.get(r.unit_id) ?? "",
    r.task_number, r.channel_code, r.contact_type_code ?? "", r.closure_code ?? "",
    r.form === null ? "" : r.form ? "JA" : "NEJ", formatLegacyDateTime(new Date(r.occurred_at)),
    formatLegacyDateTime(r.started_at ? new Date(r.started_at) : null), formatLegacyDateTime(r.ended_at ? new Date(r.ended_at) : null),
    r.source === "MANUAL" ? "Tracetool" : "DetDigitaleLandkort",
    ...setup.questions.map((q) => own?.get(q.id) ?? ""),
  ].map((c) => c.replace(/[;\r\n]/g, " "));
  return `${cells.join(";")};\r\n`.repeat(r.quantity);
}

export async function auditExport(prisma: PrismaClient, actorUserId: string | null, filter: ExportFilter, format: ExportFormat) {
  await recordAudit(prisma, {
    actorUserId,
    municipalityId: filter.municipalityIds.length === 1 ? filter.municipalityIds[0] : null,
    action: "export.registrations",
    entityType: "registration",
    after: {
      format,
      municipalityIds: filter.municipalityIds,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      unitIds: filter.unitIds ?? [],
      taskIds: filter.taskIds ?? [],
      channelCodes: filter.channelCodes ?? [],
    },
  });
}
