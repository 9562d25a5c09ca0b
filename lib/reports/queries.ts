import "server-only";
import { type Access, coordinatorMunicipalityIds } from "@/lib/auth/access";
import { getDatabase } from "@/lib/db";
import { municipalityNumberSchema } from "@/lib/reference/municipalities";
import type { ReportContext } from "./context";
import { pricesInForce } from "./cost";
import { managementReport } from "./management";
import { loadFilterOptions, reportMunicipalities } from "./options";
import { runReport } from "./run";

// The reads of the report pages and downloads, on the process's database. Each takes the caller's
// access; the scope rules are runReport's and loadFilterOptions' (another municipality is 404).

/** A report for the caller (runReport: ReportNotFoundError when the role or the filters' scope does not allow it). */
export function loadReport(access: Access, slug: string, params: URLSearchParams | Record<string, string | string[] | undefined>) {
  return runReport(getDatabase().sql, access, slug, params);
}

/** Afrapportering, the management report of a round (ReportNotFoundError outside the caller's scope). */
export function loadManagementReport(access: Access, params: URLSearchParams | Record<string, string | string[] | undefined>) {
  return managementReport(getDatabase().sql, access, params);
}

/** What the report's filter form offers the caller. */
export function loadReportFilterOptions(access: Access, ctx: ReportContext) {
  const sql = getDatabase().sql;
  return loadFilterOptions(sql.query.bind(sql), access, ctx);
}

/** The municipalities whose reports the caller may read (KL's picker when a report needs one). */
export function loadReportMunicipalities(access: Access) {
  const sql = getDatabase().sql;
  return reportMunicipalities(sql.query.bind(sql), access);
}

/**
 * The channel prices page: a coordinator sees their municipality's prices (?kommune=N picks one of
 * theirs), national staff KL's defaults (no municipality). Null when a municipality was asked for
 * and is not one the caller coordinates.
 */
export async function loadChannelPricesPage(access: Access, kommune: string | undefined) {
  const sql = getDatabase().sql;
  const coordinated = coordinatorMunicipalityIds(access);
  const [municipality] = coordinated.length
    ? await sql.query<{ id: string; number: number; name: string }>(
        `SELECT id, number, name FROM municipality WHERE id = ANY($1::uuid[]) AND ($2::int IS NULL OR number = $2::int) ORDER BY number LIMIT 1`,
        [coordinated, kommune ? (municipalityNumberSchema.safeParse(kommune).data ?? -1) : null],
      )
    : [];
  if (kommune && !municipality) return null;
  const prices = await pricesInForce(sql.query.bind(sql), municipality?.id ?? null);
  return { municipality: municipality ?? null, prices };
}
