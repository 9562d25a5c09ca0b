import "server-only";
import { roundIsOver } from "@/lib/approval/approval";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { danishDay } from "@/lib/coverage/danish-day";
import { roundDates } from "@/lib/counting/weeks";
import { getDatabase } from "@/lib/db";
import { ReportNotFoundError, resolveReportContext } from "@/lib/reports/context";
import { parseReportFilters } from "@/lib/reports/filters";
import { type DescribedFinding, describeFinding } from "./describe";
import { readQuality } from "./findings";
import { loadQualitySummary } from "./summary";
import { readQualityLimits } from "./thresholds";

// The «Datakvalitet» page (issue 16): a coordinator's municipality, or a unit lead's units, for one
// round they joined. Scope and round are resolved as the reports do (lib/reports/context.ts:
// another municipality or unit is 404); ?runde= picks the round, else the latest joined round that
// has begun. The rules run here, on demand (lib/quality/findings.ts).

type Params = Record<string, string | string[] | undefined>;

interface JoinedRound {
  id: string;
  code: string;
  name: string;
  /** yyyy-mm-dd */
  starts_on: string;
  iso_year: number;
  first_week: number;
  week_count: number;
  package_id: string | null;
}

const ROUND_COLUMNS = `r.id::text AS id, r.code, r.name, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on, r.iso_year, r.first_week, r.week_count,
  r.package_id::text AS package_id`;

interface QualityUnit {
  id: string;
  name: string;
  findings: DescribedFinding[];
}

export async function loadQualityPage(access: Access, params: Params, now = new Date()) {
  const sql = getDatabase().sql;
  const query = sql.query.bind(sql);
  const filters = parseReportFilters({ kommune: params.kommune, runde: params.runde });
  const ctx = await resolveReportContext(query, access, filters);
  // KL without a municipality: the summary of every municipality in the round (lib/quality/summary.ts).
  if (!ctx.municipality)
    return isNational(access)
      ? { kind: "national" as const, ...(await loadQualitySummary(access, params, now)) }
      : { kind: "choose-municipality" as const };
  const municipality = ctx.municipality;
  const rounds = await query<JoinedRound>(
    `SELECT ${ROUND_COLUMNS} FROM counting_round r
     WHERE EXISTS (SELECT 1 FROM municipality_counting_week w WHERE w.round_id = r.id AND w.municipality_id = $1::uuid)
     ORDER BY r.starts_on DESC`,
    [municipality.id],
  );
  const today = danishDay(now);
  let round: JoinedRound | undefined;
  if (filters.runde) {
    if (!ctx.round) throw new ReportNotFoundError();
    [round] = await query<JoinedRound>(`SELECT ${ROUND_COLUMNS} FROM counting_round r WHERE r.id = $1::uuid`, [ctx.round.id]);
  } else {
    round = rounds.find((r) => r.starts_on <= today) ?? rounds[rounds.length - 1];
  }
  const coordinator = coordinatorMunicipalityIds(access).includes(municipality.id);
  const base = {
    kind: "page" as const,
    municipality,
    coordinator,
    // The coordinator's own thresholds (null: default), for the form «Grænser for fund».
    ownShares: coordinator ? (await readQualityLimits(query, municipality.id)).own : null,
    rounds: rounds.map((r) => ({ id: r.id, code: r.code, name: r.name })),
  };
  if (!round) return { ...base, round: null, units: [] as QualityUnit[], findingCount: 0, unitsChecked: 0 };

  const spec = { isoYear: Number(round.iso_year), firstWeek: Number(round.first_week), weekCount: Number(round.week_count) };
  const result = await readQuality(query, {
    municipalityId: municipality.id,
    round: { id: round.id, ...spec, packageId: round.package_id },
    unitIds: ctx.unitIds,
    now,
  });
  const weeks = roundDates(spec).weeks;
  const link = {
    municipalityNumber: municipality.number,
    roundCode: round.code,
    roundFrom: weeks[0].monday.toISOString().slice(0, 10),
    roundTo: weeks[weeks.length - 1].sunday.toISOString().slice(0, 10),
    coordinator,
    limits: result.limits,
  };
  const units: QualityUnit[] = result.units
    .map((u) => ({
      id: u.id,
      name: u.name,
      findings: result.findings.filter((f) => f.unitId === u.id).map((f) => describeFinding(f, { ...link, unitId: u.id })),
    }))
    .filter((u) => u.findings.length > 0);
  const [approval] = coordinator
    ? await query<{ approved_at: Date; approved_by: string | null }>(
        `SELECT a.approved_at, u.name AS approved_by FROM round_approval a LEFT JOIN "user" u ON u.id = a.approved_by_id
         WHERE a.municipality_id = $1::uuid AND a.round_id = $2::uuid`,
        [municipality.id, round.id],
      )
    : [];
  return {
    ...base,
    round: {
      id: round.id,
      code: round.code,
      name: round.name,
      joined: result.joinedWeeks.map((w) => w.isoWeek),
      countingDays: result.days.length,
      hasPackage: round.package_id !== null,
      over: roundIsOver(spec, now),
      approvedAt: approval?.approved_at ?? null,
      approvedBy: approval?.approved_by ?? null,
    },
    units,
    findingCount: result.findings.length,
    unitsChecked: result.units.length,
  };
}
