import "server-only";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { consecutiveIsoWeeks, isoWeekKey, parseIsoDate } from "@/lib/counting/iso-week";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";
import { type ReportFilters, weekKeyOf } from "./filters";
import { isId } from "@/lib/ids";
import { pickRollup } from "./rollups";
import { type AnswerFilter, resolveAnswerFilter } from "./answer-filter";
import type { ApprovedMemo } from "./approved-memo";

/** A municipality, unit or round the user may not see, or that does not exist: both look the same. */
export class ReportNotFoundError extends UserFacingError {
  constructor() {
    super("Siden findes ikke.", 404);
    this.name = "ReportNotFoundError";
  }
}

export interface RoundRef {
  id: string;
  code: string;
  name: string;
  weekKeys: number[];
}

export interface MunicipalityRef {
  id: string;
  number: number;
  name: string;
}

/** Everything a report query needs, resolved and checked against the user's scope. */
export interface ReportContext {
  /** null: every municipality (national staff only). */
  municipality: MunicipalityRef | null;
  /** null: the whole municipality (or all). Otherwise the units with their sub-units. */
  unitIds: string[] | null;
  /** The user reads only some units of the municipality (a unit lead). */
  unitRestricted: boolean;
  national: boolean;
  round: RoundRef | null;
  compareRound: RoundRef | null;
  weekKeys: number[] | null;
  from: string | null;
  to: string | null;
  taskNumbers: string[];
  packageId: string | null;
  /** Whether the package holds the task Fejlhenvendelse (lib/reports/sql.ts: only without it can a package filter use the task index). */
  packageHasFejl?: boolean;
  needGroup: string | null;
  channels: string[];
  sources: string[];
  includeOutside: boolean;
  /** Task tables per emne, or rolled up to KLE groups (docs/method.md, "Task levels"). */
  taskLevel: "emne" | "gruppe";
  /** KL's layout of the self-service comparison in whole percents. */
  wholePercent: boolean;
  /**
   * Without a municipality: count approved municipalities only, as national figures do (the
   * management report's national edition; lib/reports/sql.ts). Reports leave it unset.
   */
  approvedOnly?: boolean;
  /** Every round side by side (a report with `acrossRounds`): no round, week or date filter applies. */
  allRounds?: boolean;
  /**
   * KL's filter on the round questionnaire (`svar`, docs/method.md "Filter på kommunernes svar"): only
   * municipalities that chose the option, and (without a municipality) only approved ones.
   */
  answerFilter?: AnswerFilter | null;
  /**
   * Where approved-only figures are kept between requests (approved-memo.ts); runReport sets the
   * database's. Without it they are computed every time.
   */
  approvedMemo?: ApprovedMemo;
  /** false: read `registration` directly, never a rollup (tests compare the two). */
  useRollups?: boolean;
  filters: ReportFilters;
}

type Q = SqlExecutor["query"];

export async function loadRound(query: Q, ref: string): Promise<RoundRef> {
  const isUuid = isId(ref);
  const [row] = await query<{ id: string; code: string; name: string; iso_year: number; first_week: number; week_count: number }>(
    `SELECT id, code, name, iso_year, first_week, week_count FROM counting_round WHERE ${isUuid ? "id = $1::uuid" : "code = $1"}`,
    [ref],
  );
  if (!row) throw new ReportNotFoundError();
  const weeks = consecutiveIsoWeeks({ isoYear: row.iso_year, isoWeek: row.first_week }, row.week_count);
  return { id: row.id, code: row.code, name: row.name, weekKeys: weeks.map(isoWeekKey) };
}

/** The round a report opens with: the latest that has started, else the first one. */
export async function defaultRoundId(query: Q, today = new Date()): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    `SELECT id FROM counting_round ORDER BY (starts_on <= $1::date) DESC, CASE WHEN starts_on <= $1::date THEN starts_on END DESC NULLS LAST, starts_on ASC LIMIT 1`,
    [today.toISOString().slice(0, 10)],
  );
  return row?.id ?? null;
}

/** Where registrations are looked for when choosing a comparison round: the caller's municipality and units. */
export interface CountedScope {
  municipalityId: string | null;
  unitIds: string[] | null;
  includeOutside: boolean;
}

/**
 * The comparison round a report opens with: the latest round before `roundId` that has registrations
 * in the caller's scope (their municipality, or their units), so a municipality that skipped a round
 * compares with the round it last counted. Read from the smallest rollup with municipality and unit
 * (the rollups must be flushed first, as runReport does). Null when no earlier round was counted.
 */
export async function latestCountedRoundId(query: Q, roundId: string, scope: CountedScope): Promise<string | null> {
  const earlier = await query<{ id: string; iso_year: number; first_week: number; week_count: number }>(
    `SELECT p.id, p.iso_year, p.first_week, p.week_count FROM counting_round p JOIN counting_round r ON r.id = $1::uuid
     WHERE p.starts_on < r.starts_on ORDER BY p.starts_on DESC`,
    [roundId],
  );
  if (!earlier.length) return null;
  const keys = earlier.map((p) => consecutiveIsoWeeks({ isoYear: p.iso_year, isoWeek: p.first_week }, p.week_count).map(isoWeekKey));
  // One row per (round, week); the first round in start order with a registration in one of its weeks wins.
  const [row] = await query<{ id: string }>(
    `WITH w AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]) AS w(round_id, week_key, ord))
     SELECT w.round_id AS id FROM w
     WHERE EXISTS (SELECT 1 FROM ${pickRollup(["municipality", "unit"]).from}
                   WHERE r.registrations > 0 AND r.iso_year = w.week_key / 100 AND r.iso_week = w.week_key % 100
                     AND ($4::boolean OR r.in_counting_week = true)
                     AND ($5::uuid IS NULL OR r.municipality_id = $5::uuid)
                     AND ($6::uuid[] IS NULL OR r.unit_id = ANY($6::uuid[])))
     ORDER BY w.ord LIMIT 1`,
    [
      keys.flatMap((k, i) => k.map(() => earlier[i].id)),
      keys.flat(),
      keys.flatMap((k, i) => k.map(() => i)),
      scope.includeOutside,
      scope.municipalityId,
      scope.unitIds,
    ],
  );
  return row?.id ?? null;
}

async function resolveMunicipality(
  query: Q,
  access: Access,
  filters: ReportFilters,
): Promise<{ municipality: MunicipalityRef | null; leadOnly: string[] | null }> {
  const national = isNational(access);
  const coordinated = coordinatorMunicipalityIds(access);
  let municipality: MunicipalityRef | null = null;
  if (filters.kommune !== undefined) {
    const [row] = await query<MunicipalityRef>(`SELECT id, number, name FROM municipality WHERE number = $1`, [filters.kommune]);
    if (!row) throw new ReportNotFoundError();
    municipality = row;
  } else if (!national) {
    const fallback = coordinated[0] ?? null;
    const rows = fallback
      ? await query<MunicipalityRef>(`SELECT id, number, name FROM municipality WHERE id = $1::uuid`, [fallback])
      : await query<MunicipalityRef>(
          `SELECT m.id, m.number, m.name FROM municipality m JOIN unit u ON u.municipality_id = m.id WHERE u.id = ANY($1::uuid[]) ORDER BY m.number LIMIT 1`,
          [access.leadUnitIds],
        );
    if (!rows[0]) throw new ReportNotFoundError();
    municipality = rows[0];
  }
  if (national || (municipality && coordinated.includes(municipality.id))) return { municipality, leadOnly: null };
  // A unit lead: only their units (with sub-units) in this municipality.
  const lead = await query<{ id: string }>(`SELECT id FROM unit WHERE id = ANY($1::uuid[]) AND municipality_id = $2::uuid`, [
    access.leadUnitIds,
    municipality!.id,
  ]);
  if (!lead.length) throw new ReportNotFoundError();
  return { municipality, leadOnly: lead.map((r) => r.id) };
}

/**
 * Resolves URL filters against the user's access. Anything outside the user's scope (another
 * municipality, another unit) raises ReportNotFoundError, never an empty report.
 */
export async function resolveReportContext(query: Q, access: Access, filters: ReportFilters): Promise<ReportContext> {
  const { municipality, leadOnly } = await resolveMunicipality(query, access, filters);

  let unitIds: string[] | null = leadOnly;
  if (filters.enhed.length) {
    const picked = await query<{ id: string }>(
      `SELECT id FROM unit WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR municipality_id = $2::uuid)`,
      [filters.enhed, municipality?.id ?? null],
    );
    if (picked.length !== new Set(filters.enhed).size) throw new ReportNotFoundError();
    if (leadOnly && picked.some((u) => !leadOnly.includes(u.id))) throw new ReportNotFoundError();
    const tree = await query<{ id: string }>(
      `WITH RECURSIVE t AS (SELECT id FROM unit WHERE id = ANY($1::uuid[])
         UNION SELECT u.id FROM unit u JOIN t ON u.parent_id = t.id)
       SELECT id FROM t`,
      [filters.enhed],
    );
    unitIds = tree.map((r) => r.id).filter((id) => !leadOnly || leadOnly.includes(id));
  }

  let round: RoundRef | null = null;
  let weekKeys: number[] | null = filters.uge.length ? filters.uge.map(weekKeyOf) : null;
  const dateRange = Boolean(filters.fra || filters.til);
  for (const d of [filters.fra, filters.til]) {
    if (d) {
      try {
        parseIsoDate(d);
      } catch {
        throw new UserFacingError(`Ugyldig dato: ${d}`);
      }
    }
  }
  const roundRef = filters.runde ?? (weekKeys || dateRange ? null : await defaultRoundId(query));
  if (roundRef) {
    round = await loadRound(query, roundRef);
    weekKeys = weekKeys ? weekKeys.filter((k) => round!.weekKeys.includes(k)) : round.weekKeys;
  }
  const compareRef =
    filters.sammenlign ??
    (round
      ? await latestCountedRoundId(query, round.id, {
          municipalityId: municipality?.id ?? null,
          unitIds,
          includeOutside: filters.udenfor === "1",
        })
      : null);
  const compareRound = compareRef ? await loadRound(query, compareRef) : null;

  let packageId: string | null = null;
  let packageHasFejl = false;
  if (filters.pakke) {
    const [pkg] = await query<{ id: string; has_fejl: boolean }>(
      `SELECT p.id, EXISTS (SELECT 1 FROM task_package_item i JOIN task t ON t.id = i.task_id WHERE i.package_id = p.id AND t.number = 'FEJL') AS has_fejl
       FROM task_package p WHERE p.code = $1`,
      [filters.pakke],
    );
    if (!pkg) throw new UserFacingError(`Ukendt opgavepakke: ${filters.pakke}`);
    packageId = pkg.id;
    packageHasFejl = pkg.has_fejl;
  } else if (filters.behov) {
    throw new UserFacingError("Vælg en opgavepakke for at filtrere på behovsgruppe.");
  }

  // The questionnaire's answers are every municipality's: KL's filter only (another role: "not found").
  if ((filters.svar || filters.gruppering) && !isNational(access)) throw new ReportNotFoundError();
  const answerFilter = filters.svar ? await resolveAnswerFilter(query, filters.svar, round) : null;

  return {
    municipality,
    unitIds,
    answerFilter,
    // Figures over municipalities picked by their answers are national figures: approved municipalities only.
    approvedOnly: answerFilter ? true : undefined,
    unitRestricted: leadOnly !== null,
    national: isNational(access),
    round,
    compareRound,
    weekKeys,
    from: filters.fra ?? null,
    to: filters.til ?? null,
    taskNumbers: filters.opgave,
    packageId,
    packageHasFejl,
    needGroup: filters.behov ?? null,
    channels: filters.kanal,
    sources: filters.kilde,
    includeOutside: filters.udenfor === "1",
    taskLevel: filters.niveau ?? "emne",
    wholePercent: filters.afrund === "1",
    filters,
  };
}
