import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { LEGACY_COLUMNS, latin1, legacyCell } from "./legacy-format";
import { CSV_BOM, csvLine } from "./csv";
import { getDatabase } from "@/lib/db";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  csvLineWriter,
  EXPORT_COLUMNS,
  type ExportFilter,
  type ExportFormat,
  type ExportRow,
  type ExportSetup,
  legacyLineWriter,
  type LineWriter,
  type PageAnswers,
} from "./export-lines";
import { exportPages, type PageSource, whereClause } from "./export-pages";
import { metrics } from "@/lib/server/metrics.mjs";

export { EXPORT_COLUMNS };

// Raw registrations, streamed from the database page by page (export-pages.ts) so memory stays
// flat whatever the size, and only as fast as the reader takes them. Test registrations are never
// exported. Extra questions become columns: every question answered by an exported registration.

export type { ExportFilter, ExportFormat } from "./export-lines";

/** Names, unit paths and old logins of the municipalities in scope (all, for a national export). */
async function loadSetup(sql: SqlExecutor, filter: ExportFilter): Promise<ExportSetup> {
  const scoped = filter.municipalityIds.length > 0;
  const [municipalities, units, questions] = await Promise.all([
    sql.query<{ number: string; name: string }>(
      `SELECT number::text AS number, name FROM municipality ${scoped ? "WHERE id = ANY($1::uuid[])" : ""}`,
      scoped ? [filter.municipalityIds] : [],
    ),
    sql.query<{ id: string; parent_id: string | null; name: string; legacy_login: string | null }>(
      `SELECT id::text, parent_id::text, name, legacy_login FROM unit ${scoped ? "WHERE municipality_id = ANY($1::uuid[])" : ""}`,
      scoped ? [filter.municipalityIds] : [],
    ),
    questionColumns(sql, filter),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = (id: string): string => {
    const unit = byId.get(id);
    if (!unit) return "";
    return unit.parent_id ? `${path(unit.parent_id)} / ${unit.name}` : unit.name;
  };
  return {
    municipalities: new Map(municipalities.map((m) => [m.number, m.name])),
    units: new Map(units.map((u) => [u.id, { path: path(u.id), legacyLogin: u.legacy_login }])),
    tasks: new Map(),
    questions,
  };
}

/**
 * Tasks are looked up as pages need them (an export of one unit needs a handful of the thousands);
 * so are units an import created after the export started.
 */
async function completeSetup(sql: SqlExecutor, setup: ExportSetup, page: ExportRow[], filter: ExportFilter) {
  const tasks = new Set<string>();
  let unitMissing = false;
  for (const row of page) {
    if (!setup.tasks.has(row[2])) tasks.add(row[2]);
    if (!setup.units.has(row[1])) unitMissing = true;
  }
  if (tasks.size) {
    const rows = await sql.query<{ id: string; number: string; title: string }>(
      `SELECT id::text, number, title FROM task WHERE id = ANY($1::uuid[])`,
      [[...tasks]],
    );
    for (const t of rows) setup.tasks.set(t.id, { number: t.number, title: t.title });
  }
  if (unitMissing) {
    const fresh = await loadSetup(sql, filter);
    for (const [id, unit] of fresh.units) setup.units.set(id, unit);
  }
}

/** One column per question answered by at least one exported registration, in creation order. */
async function questionColumns(sql: SqlExecutor, filter: ExportFilter) {
  const where = whereClause(filter);
  return sql.query<{ id: string; text: string }>(
    `SELECT q.id::text, q.text FROM extra_question q
      WHERE EXISTS (SELECT 1 FROM registration_answer a JOIN registration r ON r.id = a.registration_id
                     WHERE a.question_id = q.id AND ${where.sql})
      ORDER BY q.created_at, q.id`,
    where.params,
  );
}

async function answersFor(sql: SqlExecutor, ids: string[]): Promise<PageAnswers> {
  const rows = await sql.query<{ registration_id: string; question_id: string; label: string }>(
    `SELECT a.registration_id::text, a.question_id::text, o.label
       FROM registration_answer a JOIN extra_question_option o ON o.id = a.option_id
      WHERE a.registration_id = ANY($1::uuid[])`,
    [ids],
  );
  const map: PageAnswers = new Map();
  for (const r of rows) {
    if (!map.has(r.registration_id)) map.set(r.registration_id, new Map());
    map.get(r.registration_id)!.set(r.question_id, r.label);
  }
  return map;
}

const NO_ANSWERS: PageAnswers = new Map();

/** Streams the export as bytes (UTF-8 with BOM for CSV; ISO-8859-1 for the old layout). */
export function exportRegistrationsStream(filter: ExportFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  const database = getDatabase();
  const encoder = new TextEncoder();
  const encode = (text: string) => (format === "csv" ? encoder.encode(text) : latin1(text));
  let pages: PageSource | null = null;
  let setup: ExportSetup | null = null;
  let writeLine: LineWriter | null = null;
  // spor_export_duration_seconds: from the stream's start to its last byte (ok), an error, or the client leaving.
  const end = metrics().exportSeconds.startTimer({ format });
  return new ReadableStream<Uint8Array>({
    // Called only when the reader wants more (one page is read ahead), so a slow download holds a
    // page or two, not the table.
    async pull(controller) {
      try {
        if (!setup || !pages || !writeLine) {
          setup = await loadSetup(database.sql, filter);
          writeLine = format === "csv" ? csvLineWriter(setup) : legacyLineWriter(setup);
          pages = exportPages(database, filter, format);
          const header =
            format === "csv"
              ? CSV_BOM + csvLine([...EXPORT_COLUMNS, ...setup.questions.map((q) => q.text)])
              : `${[...LEGACY_COLUMNS, ...setup.questions.map((q) => q.text)].map(legacyCell).join(";")};\r\n`;
          controller.enqueue(encode(header));
          return;
        }
        const page = await pages.next();
        if (page.done) {
          controller.close();
          end({ outcome: "ok" });
          return;
        }
        await completeSetup(database.sql, setup, page.value, filter);
        const answers = setup.questions.length
          ? await answersFor(
              database.sql,
              page.value.map((r) => r[5]),
            )
          : NO_ANSWERS;
        let text = "";
        for (const row of page.value) text += writeLine(row, answers);
        controller.enqueue(encode(text));
      } catch (error) {
        await pages?.return();
        end({ outcome: "error" });
        controller.error(error);
      }
    },
    async cancel() {
      end({ outcome: "cancelled" });
      await pages?.return();
    },
  });
}

export async function auditExport(
  prisma: PrismaClient,
  actorUserId: string | null,
  filter: ExportFilter,
  format: ExportFormat,
  ip: string | null = null,
) {
  await recordAudit(prisma, {
    actorUserId,
    ip,
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
