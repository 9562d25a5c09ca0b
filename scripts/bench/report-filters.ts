// The filter combinations the report bench measures: what the report pages offer a coordinator, a
// unit lead and national staff, on the generated round (scripts/generate-data.ts).
import type { Access } from "@/lib/auth/access";
import { addDays, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { parseReportFilters } from "@/lib/reports/filters";
import type { ReportDefinition } from "@/lib/reports/types";
import { BENCH_ROUND } from "../generate-data";

export const NATIONAL: Access = {
  userId: "bench",
  memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }],
  leadUnitIds: [],
};

export interface FilterCombination {
  key: string;
  /** The column heading in docs/benchmarks.md. */
  label: string;
  /** The URL filters for a view ("national" or a municipality number); null: not offered there. */
  params(view: string): Record<string, string> | null;
  /** Who asks: national staff for the national view, the municipality's coordinator, or a unit lead in it. */
  access(view: string): Access;
  /** Whether the report can be opened with this combination (a unit lead cannot open benchmark). */
  offered(report: ReportDefinition, view: string): boolean;
}

export interface BenchFixture {
  /** A task of the round's package with registrations: the task filter. */
  taskNumber: string;
  /** Per measured municipality, the unit a unit lead reads (their unit with its sub-units). */
  leadUnits: Map<string, { unitId: string; municipalityId: string }>;
  /** The URL parameter and value of the source filter, or null when the filters do not take one. */
  source: { param: string; value: string } | null;
}

/**
 * The source filter as lib/reports/filters.ts takes it today (`kilde`; another name if it was
 * renamed), with the commonest source of the data as the value (the filter that keeps most rows).
 * null when no name is accepted: the combination is then reported as not measured.
 */
export function sourceFilter(value: string): { param: string; value: string } | null {
  for (const param of ["kilde", "source", "datakilde"]) {
    try {
      const parsed = parseReportFilters({ [param]: value }) as Record<string, unknown>;
      if (Object.values(parsed).some((v) => Array.isArray(v) && v.includes(value))) return { param, value };
    } catch {
      // The name is known but the value is not one of its sources: try the next name.
    }
  }
  return null;
}

export async function loadFixture(sql: SporDatabase["sql"], municipalities: number[]): Promise<BenchFixture> {
  const [task] = await sql.query<{ number: string }>(
    `SELECT t.number FROM task t JOIN task_package_item i ON i.task_id = t.id JOIN counting_round r ON r.package_id = i.package_id
     WHERE r.code = $1 AND i.removed = false ORDER BY t.number LIMIT 1`,
    [BENCH_ROUND.code],
  );
  const units = await sql.query<{ number: number; unit_id: string; municipality_id: string }>(
    `SELECT DISTINCT ON (m.number) m.number, u.id AS unit_id, m.id AS municipality_id FROM unit u JOIN municipality m ON m.id = u.municipality_id
     WHERE m.number = ANY($1::int[]) AND u.parent_id IS NULL ORDER BY m.number, u.name`,
    [municipalities],
  );
  const [common] = await sql.query<{ source: string }>(
    `SELECT source::text AS source FROM report_rollup_national_totals GROUP BY 1 ORDER BY sum(quantity) DESC LIMIT 1`,
  );
  return {
    taskNumber: task.number,
    leadUnits: new Map(units.map((u) => [String(u.number), { unitId: u.unit_id, municipalityId: u.municipality_id }])),
    source: common ? sourceFilter(common.source) : null,
  };
}

/**
 * The benchmark's national column and KL's ranking count only municipalities that approved the round
 * (docs/method.md, "Godkendelse"; lib/reports/sql.ts, APPROVED_ONLY). The generator approves nothing,
 * so without this they would read an empty selection and be timed on no work: every municipality
 * counting the bench round approves it. Approved registrations are frozen, so this runs after the bench's own writes to
 * them (timed rows, answers). Returns the number of approvals added.
 */
export async function approveBenchRound(sql: Pick<SporDatabase["sql"], "query">): Promise<number> {
  const [{ n }] = await sql.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO round_approval (municipality_id, round_id)
       SELECT DISTINCT w.municipality_id, w.round_id FROM municipality_counting_week w JOIN counting_round c ON c.id = w.round_id WHERE c.code = $1
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [BENCH_ROUND.code],
  );
  return Number(n);
}

const inMunicipality = (view: string): Record<string, string> => (view === "national" ? {} : { kommune: view });

export function filterCombinations(f: BenchFixture): FilterCombination[] {
  const monday = mondayOfIsoWeek(BENCH_ROUND.isoYear, BENCH_ROUND.firstWeek);
  const day = (n: number) => addDays(monday, n).toISOString().slice(0, 10);
  // One municipality is read as its coordinator reads it (the benchmark report then also counts the
  // other municipalities behind each national figure); the national view as national staff.
  const asNational = (view: string): Access =>
    view === "national"
      ? NATIONAL
      : {
          userId: "bench-coordinator",
          memberships: [{ role: "COORDINATOR", municipalityId: f.leadUnits.get(view)!.municipalityId, unitId: null }],
          leadUnitIds: [],
        };
  const everywhere = () => true;
  return [
    {
      key: "round",
      label: "round",
      params: (v) => ({ runde: BENCH_ROUND.code, ...inMunicipality(v) }),
      access: asNational,
      offered: everywhere,
    },
    {
      key: "dates-task",
      label: "date range + task",
      // The round's second and third week, Monday to Friday, and one task.
      params: (v) => ({ fra: day(7), til: day(18), opgave: f.taskNumber, ...inMunicipality(v) }),
      access: asNational,
      offered: everywhere,
    },
    {
      key: "lead-task",
      label: "unit lead's units + task",
      params: (v) => (v === "national" ? null : { runde: BENCH_ROUND.code, opgave: f.taskNumber, kommune: v }),
      access: (v) => {
        const lead = f.leadUnits.get(v)!;
        return {
          userId: "bench-lead",
          memberships: [{ role: "UNIT_LEAD", municipalityId: lead.municipalityId, unitId: lead.unitId }],
          leadUnitIds: [lead.unitId],
        };
      },
      // A unit lead opens only the reports for units (not benchmark, not the national ones).
      offered: (report, view) => view !== "national" && report.audience === "unit",
    },
    {
      key: "source",
      label: "source",
      params: (v) => (f.source ? { runde: BENCH_ROUND.code, [f.source.param]: f.source.value, ...inMunicipality(v) } : null),
      access: asNational,
      offered: () => Boolean(f.source),
    },
  ];
}
