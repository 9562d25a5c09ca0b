import "server-only";
import pg from "pg";
import type { SporDatabase } from "@/lib/database/open";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { type DatabaseTimeouts, EXPORT_STATEMENT_TIMEOUT_MS, pgTimeoutSettings } from "@/lib/database/timeouts";
import { LEGACY_DATAKILDE_SQL } from "@/lib/reference/sources";
import type { ExportRow } from "./export-lines";
import type { ExportFilter, ExportFormat } from "./export-lines";

// Where the exported rows come from, a page at a time, so memory stays flat whatever the size:
// - on a PostgreSQL server, one query read through a server-side cursor on a connection of its own
//   (a read-only transaction: the file is one consistent snapshot, and PostgreSQL sorts once);
// - on the embedded database (one connection shared by the whole app), keyset pages on
//   (occurred_at, file line, id), each a short query, so the app keeps answering between pages.
// Rows are in time order; rows with the same time from one imported file in the file's order
// (registration.file_line), so an old raw export comes back as it was read.

export const PAGE_SIZE = 5000;

export function whereClause(filter: ExportFilter, firstParam = 1): { sql: string; params: unknown[] } {
  const parts = ["r.is_test = false"];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace("?", `$${firstParam + params.length - 1}`));
  };
  if (filter.municipalityIds.length) add("r.municipality_id = ANY(?::uuid[])", filter.municipalityIds);
  if (filter.from) add("r.occurred_at >= ?::timestamptz", filter.from.toISOString());
  if (filter.to) add("r.occurred_at < ?::timestamptz", filter.to.toISOString());
  if (filter.unitIds?.length) add("r.unit_id = ANY(?::uuid[])", filter.unitIds);
  if (filter.taskIds?.length) add("r.task_id = ANY(?::uuid[])", filter.taskIds);
  if (filter.channelCodes?.length) add("r.channel_code = ANY(?::text[])", filter.channelCodes);
  return { sql: parts.join(" AND "), params };
}

const localAt = (column: string, pattern: string) => `to_char(${column} AT TIME ZONE 'Europe/Copenhagen', '${pattern}')`;
const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const FORM = "CASE WHEN r.form THEN 'JA' WHEN NOT r.form THEN 'NEJ' ELSE '' END";
const OLD = "DD-MM-YYYY HH24:MI:SS";
/**
 * Blanket in the old layout. Spor stores a form that was not asked as not asked (null); TraceTool
 * wrote NEJ on rows of channels where it never asked (every telephone row), so rows whose Datakilde
 * is Tracetool get NEJ back and old and new exports compare. Uploaded (Landkort) rows and rows whose
 * source is not known keep an empty cell, as the template did.
 */
const LEGACY_FORM = `CASE WHEN r.form THEN 'JA' WHEN NOT r.form THEN 'NEJ' WHEN NOT c.asks_form AND (${LEGACY_DATAKILDE_SQL}) = 'Tracetool' THEN 'NEJ' ELSE '' END`;

/**
 * The cells PostgreSQL writes itself, joined by ";", per format (see export-lines.ts for the rest).
 * None of them needs CSV quoting: codes are reference-data codes (letters), the rest numbers, dates
 * and the id. concat_ws leaves NULLs out entirely, hence the coalesce to "".
 */
const READY_CELLS: Record<ExportFormat, string> = {
  // kanal;retning;type;afslutning;blanket;antal;dato;tid;år;uge;kilde;i_tælleuge;start;slut;id
  csv: `concat_ws(';', r.channel_code, CASE c.direction WHEN 'IN' THEN 'ind' ELSE 'ud' END, coalesce(r.contact_type_code, ''),
          coalesce(r.closure_code, ''), ${FORM}, r.quantity, ${localAt("r.occurred_at", 'YYYY-MM-DD";"HH24:MI:SS')},
          r.iso_year, r.iso_week, r.source, CASE WHEN r.in_counting_week THEN 'JA' ELSE 'NEJ' END,
          coalesce(${utc("r.started_at")}, ''), coalesce(${utc("r.ended_at")}, ''), r.id)`,
  // Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde (an imported row's own,
  // exactly as read; lib/reference/sources.ts)
  legacy: `concat_ws(';', r.channel_code, coalesce(r.contact_type_code, ''), coalesce(r.closure_code, ''), ${LEGACY_FORM},
          ${localAt("r.occurred_at", OLD)}, coalesce(${localAt("r.started_at", OLD)}, ''), coalesce(${localAt("r.ended_at", OLD)}, ''),
          ${LEGACY_DATAKILDE_SQL})`,
};

/** The file's line as a sort key (0 for rows that did not come from a file). */
const LINE = "coalesce(r.file_line, 0)";

/** The export's query without paging, in time order; its columns are an ExportRow's. */
export function exportSelect(
  filter: ExportFilter,
  format: ExportFormat,
  options: { keyset?: string } = {},
): { sql: string; params: unknown[] } {
  const where = whereClause(filter);
  return {
    sql: `SELECT m.number::text AS m, r.unit_id::text AS u, r.task_id::text AS t, ${READY_CELLS[format]} AS cells,
                 r.quantity::text AS q, r.id::text AS id${options.keyset !== undefined ? `, r.occurred_at::text AS k, ${LINE} AS l` : ""}
            FROM registration r
            JOIN municipality m ON m.id = r.municipality_id
            JOIN channel c ON c.code = r.channel_code
           WHERE ${where.sql}${options.keyset ?? ""}
           ORDER BY r.occurred_at, ${LINE}, r.id`,
    params: where.params,
  };
}

export type PageSource = AsyncGenerator<ExportRow[], void, undefined>;

/** Pages for the process's database: a cursor on a PostgreSQL server, keyset pages on PGlite. */
export function exportPages(database: SporDatabase, filter: ExportFilter, format: ExportFormat): PageSource {
  return database.target.kind === "server"
    ? cursorPages(database.target.url, database.timeouts, filter, format)
    : keysetPages(database.sql, filter, format);
}

// Every column as the text PostgreSQL sent: no parsing into numbers or dates that would only be
// turned back into text.
const AS_TEXT = { getTypeParser: () => (value: string) => value };

async function* cursorPages(url: string, timeouts: DatabaseTimeouts, filter: ExportFilter, format: ExportFormat): PageSource {
  // The first FETCH of a large export sorts every matching row first: a longer statement limit than
  // a request's, the same lock limit (lib/database/timeouts.ts).
  const statementMs = timeouts.statementMs === 0 ? 0 : Math.max(timeouts.statementMs, EXPORT_STATEMENT_TIMEOUT_MS);
  const client = new pg.Client({ connectionString: url, ...pgTimeoutSettings({ ...timeouts, statementMs }) });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const query = exportSelect(filter, format);
    await client.query(`DECLARE spor_export NO SCROLL CURSOR FOR ${query.sql}`, query.params);
    const fetchPage = () => {
      const page = client.query<ExportRow>({ text: `FETCH ${PAGE_SIZE} FROM spor_export`, rowMode: "array", types: AS_TEXT });
      page.catch(() => {}); // a cancelled download never awaits its last read-ahead
      return page;
    };
    let next = fetchPage();
    for (;;) {
      const { rows } = await next;
      if (rows.length === 0) break;
      // Read ahead: PostgreSQL produces the next page while this one is written out.
      next = fetchPage();
      yield rows;
    }
    await client.query("COMMIT");
  } finally {
    // Also reached when the download is cancelled (generator.return): ending the connection
    // ends the transaction and the cursor with it.
    await client.end();
  }
}

async function* keysetPages(sql: SqlExecutor, filter: ExportFilter, format: ExportFormat): PageSource {
  let after: { at: string; line: number; id: string } | null = null;
  for (;;) {
    let query = exportSelect(filter, format, { keyset: "" });
    if (after) {
      const a = query.params.length + 1;
      // The plain >= lets PostgreSQL start from the (municipality_id, occurred_at) index.
      const keyset =
        ` AND r.occurred_at >= $${a}::timestamptz` +
        ` AND (r.occurred_at, ${LINE}, r.id) > ($${a}::timestamptz, $${a + 1}::int, $${a + 2}::uuid)`;
      query = exportSelect(filter, format, { keyset });
      query.params.push(after.at, after.line, after.id);
    }
    const objects = await sql.query<{ m: string; u: string; t: string; cells: string; q: string; id: string; k: string; l: number }>(
      `${query.sql} LIMIT ${PAGE_SIZE}`,
      query.params,
    );
    if (objects.length === 0) return;
    const last = objects[objects.length - 1];
    after = { at: last.k, line: Number(last.l), id: last.id };
    yield objects.map((o): ExportRow => [o.m, o.u, o.t, o.cells, o.q, o.id]);
    if (objects.length < PAGE_SIZE) return;
  }
}
