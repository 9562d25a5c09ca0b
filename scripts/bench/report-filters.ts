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

/** A page as one user reads it: who (access), what (URL parameters) and the row's label. */
export interface BenchView {
  label: string;
  access: Access;
  params: Record<string, string>;
}

/**
 * Each municipality's coordinator, and a unit lead of the first one's first unit (`leadLabel` ends
 * their label), reading the bench round with `params`. Municipalities not in the dataset are left out.
 */
export async function municipalityViews(
  sql: SporDatabase["sql"],
  numbers: number[],
  params: Record<string, string>,
  leadLabel: string,
): Promise<BenchView[]> {
  const views: BenchView[] = [];
  for (const number of numbers) {
    const [m] = await sql.query<{ id: string; registrations: number; unit_id: string }>(
      `SELECT m.id, (SELECT count(*)::float8 FROM registration r WHERE r.municipality_id = m.id) AS registrations,
              (SELECT u.id FROM unit u WHERE u.municipality_id = m.id AND u.archived_at IS NULL ORDER BY u.name LIMIT 1) AS unit_id
         FROM municipality m WHERE m.number = $1`,
      [number],
    );
    if (!m) continue;
    const own = { ...params, kommune: String(number) };
    views.push({
      label: `coordinator ${number} (${Number(m.registrations).toLocaleString("en-US")} registrations)`,
      access: { userId: "bench", memberships: [{ role: "COORDINATOR", municipalityId: m.id, unitId: null }], leadUnitIds: [] },
      params: own,
    });
    if (number === numbers[0] && m.unit_id) {
      views.push({
        label: `unit lead in ${number}, ${leadLabel}`,
        access: {
          userId: "bench",
          memberships: [{ role: "UNIT_LEAD", municipalityId: m.id, unitId: m.unit_id }],
          leadUnitIds: [m.unit_id],
        },
        params: own,
      });
    }
  }
  return views;
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
/**
 * Self-service counts as KL and coordinators supply them (issue 16), so the reports bench measures
 * the one-source self-service figure with its corrections, not registrations alone: KL's vendor
 * figure for every municipality counting the bench round, every task it has self-service
 * registrations for, and every week (about 1.2 times those registrations, as vendors count receipts
 * the staff never saw); every tenth municipality's own statistics-module counts for its five largest
 * such tasks, and its choice of the vendor figure for two of them. Added once, before the round is
 * approved (approval freezes them). Returns the rows added (0 when there were some).
 */
export async function supplyBenchSelfService(sql: Pick<SporDatabase["sql"], "query">): Promise<number> {
  const [{ n: existing }] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM self_service_count s JOIN municipality_counting_week w
         ON w.municipality_id = s.municipality_id AND w.iso_year = s.iso_year AND w.iso_week = s.iso_week
       JOIN counting_round c ON c.id = w.round_id WHERE c.code = $1`,
    [BENCH_ROUND.code],
  );
  if (Number(existing)) return 0;
  await sql.query(`DELETE FROM round_approval WHERE round_id = (SELECT id FROM counting_round WHERE code = $1)`, [BENCH_ROUND.code]);
  // The self-service registrations per municipality, task and week of the round, numbered per municipality by size.
  const cells = `SELECT r.municipality_id, r.task_id, r.iso_year, r.iso_week, sum(r.quantity)::int AS n,
                        dense_rank() OVER (PARTITION BY r.municipality_id ORDER BY r.task_id) AS task_rank,
                        m.number
                   FROM report_rollup_task_channels r JOIN municipality m ON m.id = r.municipality_id
                  WHERE r.channel_code = 'SLVBTJN'
                    AND (r.municipality_id, r.iso_year, r.iso_week) IN (
                      SELECT w.municipality_id, w.iso_year, w.iso_week FROM municipality_counting_week w
                        JOIN counting_round c ON c.id = w.round_id WHERE c.code = $1)
                  GROUP BY r.municipality_id, r.task_id, r.iso_year, r.iso_week, m.number`;
  const [{ n: vendor }] = await sql.query<{ n: number }>(
    `WITH cells AS (${cells}),
          batches AS (INSERT INTO import_batch (id, municipality_id, kind, file_name, upload_id, row_count, total_quantity)
                      SELECT gen_random_uuid(), municipality_id, 'VENDOR_FILE', 'bench-leverandoerdata.csv',
                             '00000000-0000-4000-8000-00000000b0b0'::uuid, count(*), sum(round(n * 1.2))
                        FROM cells GROUP BY municipality_id RETURNING id, municipality_id),
          added AS (INSERT INTO self_service_count (id, municipality_id, task_id, iso_year, iso_week, count, source, solution, batch_id)
                    SELECT gen_random_uuid(), c.municipality_id, c.task_id, c.iso_year, c.iso_week, round(c.n * 1.2)::int, 'VENDOR',
                           (ARRAY['KMD', 'KOMBIT', 'NemRefusion', 'EG'])[1 + c.task_rank % 4], b.id
                      FROM cells c JOIN batches b ON b.municipality_id = c.municipality_id RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [BENCH_ROUND.code],
  );
  const [{ n: own }] = await sql.query<{ n: number }>(
    `WITH cells AS (${cells}),
          largest AS (SELECT municipality_id, task_id FROM (
                        SELECT municipality_id, task_id, row_number() OVER (PARTITION BY municipality_id ORDER BY sum(n) DESC, task_id) AS i
                          FROM cells WHERE number % 10 = 1 GROUP BY municipality_id, task_id) x WHERE i <= 5),
          picked AS (SELECT c.* FROM cells c JOIN largest l ON l.municipality_id = c.municipality_id AND l.task_id = c.task_id),
          batches AS (INSERT INTO import_batch (id, municipality_id, kind, row_count, total_quantity)
                      SELECT gen_random_uuid(), municipality_id, 'SELF_SERVICE_GRID', count(*), sum(n)
                        FROM picked GROUP BY municipality_id RETURNING id, municipality_id),
          chosen AS (INSERT INTO self_service_choice (municipality_id, task_id, choice)
                     SELECT municipality_id, task_id, 'VENDOR' FROM (
                       SELECT municipality_id, task_id, row_number() OVER (PARTITION BY municipality_id ORDER BY task_id) AS i FROM largest) x
                      WHERE i <= 2 ON CONFLICT DO NOTHING RETURNING 1),
          added AS (INSERT INTO self_service_count (id, municipality_id, task_id, iso_year, iso_week, count, source, solution, batch_id)
                    SELECT gen_random_uuid(), p.municipality_id, p.task_id, p.iso_year, p.iso_week, p.n, 'STATISTICS_MODULE', 'Selvbetjeningsløsning', b.id
                      FROM picked p JOIN batches b ON b.municipality_id = p.municipality_id RETURNING 1)
     SELECT (SELECT count(*) FROM added)::int AS n, (SELECT count(*) FROM chosen)::int AS c`,
    [BENCH_ROUND.code],
  );
  return Number(vendor) + Number(own);
}

/** The self-service counts of the bench round in words, for docs/benchmarks.md. */
export async function describeBenchSelfService(sql: Pick<SporDatabase["sql"], "query">): Promise<string> {
  const [row] = await sql.query<{ vendor: number; vendor_m: number; own: number; own_m: number; choices: number }>(
    `SELECT count(*) FILTER (WHERE source = 'VENDOR')::int AS vendor,
            count(DISTINCT municipality_id) FILTER (WHERE source = 'VENDOR')::int AS vendor_m,
            count(*) FILTER (WHERE source <> 'VENDOR')::int AS own,
            count(DISTINCT municipality_id) FILTER (WHERE source <> 'VENDOR')::int AS own_m,
            (SELECT count(*) FROM self_service_choice)::int AS choices
       FROM self_service_count`,
  );
  const n = (v: number) => Number(v).toLocaleString("en-US");
  return `${n(row.vendor)} vendor figures for ${n(row.vendor_m)} municipalities, ${n(row.own)} own statistics-module counts for ${n(row.own_m)}, ${n(row.choices)} choices of the vendor figure (scripts/bench/report-filters.ts supplyBenchSelfService)`;
}

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
