import "server-only";
import { addIsoWeeks, consecutiveIsoWeeks, type IsoWeek } from "@/lib/counting/iso-week";
import { danishDay } from "@/lib/coverage/danish-day";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { countingDays, type Finding, type QualityLimits, qualityFindings, RARE_FORM_CHANNELS, type UnitFacts } from "./rules";
import { readQualityLimits } from "./thresholds";

// The figures «Datakvalitet» judges, read per unit in SQL for one municipality and round
// (docs/method.md, "Datakvalitet"); the decisions are the pure rules in rules.ts. Read on the
// Datakvalitet page and when a coordinator approves the round, never for every round on a page load.
// Every query is bounded by the municipality and the round's weeks (the registration index on
// municipality, year and week).

type Query = SqlExecutor["query"];

interface QualityRound {
  id: string;
  isoYear: number;
  firstWeek: number;
  weekCount: number;
  packageId: string | null;
}

interface QualityScope {
  municipalityId: string;
  round: QualityRound;
  /** null: every unit of the municipality; otherwise a unit lead's units (with sub-units). */
  unitIds: string[] | null;
  now: Date;
}

interface QualityResult {
  /** The weeks of the round the municipality joined. */
  joinedWeeks: IsoWeek[];
  /** Its counting days so far (Monday–Friday of the joined weeks, before today). */
  days: string[];
  units: UnitFacts[];
  findings: Finding[];
  /** The municipality's limits the rules used (its coordinator's shares, else the defaults). */
  limits: QualityLimits;
}

const LOCAL = `(r.occurred_at AT TIME ZONE 'Europe/Copenhagen')`;
const DAY_TEXT = `to_char(${LOCAL}, 'YYYY-MM-DD')`;

/** Reads the units' figures and applies the rules. */
export async function readQuality(query: Query, scope: QualityScope): Promise<QualityResult> {
  const { municipalityId, round, unitIds } = scope;
  const joinedWeeks = (
    await query<{ iso_year: number; iso_week: number }>(
      `SELECT iso_year, iso_week FROM municipality_counting_week WHERE municipality_id = $1::uuid AND round_id = $2::uuid ORDER BY 1, 2`,
      [municipalityId, round.id],
    )
  ).map((w) => ({ isoYear: Number(w.iso_year), isoWeek: Number(w.iso_week) }));
  const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  // The round's weeks and one week either side: where registrations outside the counting weeks are looked for.
  const nearWeeks = [addIsoWeeks(roundWeeks[0], -1), ...roundWeeks, addIsoWeeks(roundWeeks[roundWeeks.length - 1], 1)];
  const joined = [joinedWeeks.map((w) => w.isoYear), joinedWeeks.map((w) => w.isoWeek)];

  const units = await query<{ id: string; name: string; test_mode: boolean; has_children: boolean; channels: number; tasks: number }>(
    `SELECT u.id::text AS id, u.name, u.test_mode,
            EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id AND c.archived_at IS NULL) AS has_children,
            (SELECT count(*) FROM unit_channel uc WHERE uc.unit_id = u.id)::int AS channels,
            (SELECT count(*) FROM unit_task ut JOIN task t ON t.id = ut.task_id WHERE ut.unit_id = u.id AND t.number <> 'FEJL')::int AS tasks
     FROM unit u
     WHERE u.municipality_id = $1::uuid AND u.archived_at IS NULL AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
     ORDER BY u.name, u.id`,
    [municipalityId, unitIds],
  );

  // Outside the counting weeks (round weeks ± 1) and test registrations (round weeks): one pass.
  const nearQuery = () => {
    const roundKeys = new Set(roundWeeks.map((w) => w.isoYear * 100 + w.isoWeek));
    return query<{
      unit_id: string;
      outside_rows: number;
      outside_contacts: number;
      first_day: string | null;
      last_day: string | null;
      test_rows: number;
    }>(
      `SELECT r.unit_id::text AS unit_id,
              count(*) FILTER (WHERE NOT r.is_test AND NOT r.in_counting_week)::float8 AS outside_rows,
              COALESCE(sum(r.quantity) FILTER (WHERE NOT r.is_test AND NOT r.in_counting_week), 0)::float8 AS outside_contacts,
              min(${DAY_TEXT}) FILTER (WHERE NOT r.is_test AND NOT r.in_counting_week) AS first_day,
              max(${DAY_TEXT}) FILTER (WHERE NOT r.is_test AND NOT r.in_counting_week) AS last_day,
              count(*) FILTER (WHERE r.is_test AND w.in_round)::float8 AS test_rows
       FROM registration r
       JOIN unnest($2::int[], $3::int[], $4::boolean[]) AS w(iso_year, iso_week, in_round) ON r.iso_year = w.iso_year AND r.iso_week = w.iso_week
       WHERE r.municipality_id = $1::uuid AND (r.is_test OR NOT r.in_counting_week) AND ($5::uuid[] IS NULL OR r.unit_id = ANY($5::uuid[]))
       GROUP BY 1`,
      [
        municipalityId,
        nearWeeks.map((w) => w.isoYear),
        nearWeeks.map((w) => w.isoWeek),
        nearWeeks.map((w) => roundKeys.has(w.isoYear * 100 + w.isoWeek)),
        unitIds,
      ],
    );
  };

  // The registrations of the joined weeks (test registrations left out), one SQL pass per shape.
  const inJoined = `FROM registration r JOIN unnest($2::int[], $3::int[]) AS w(iso_year, iso_week) ON r.iso_year = w.iso_year AND r.iso_week = w.iso_week
     WHERE r.municipality_id = $1::uuid AND NOT r.is_test AND ($4::uuid[] IS NULL OR r.unit_id = ANY($4::uuid[]))`;
  const base = [municipalityId, ...joined, unitIds];
  const [times, tasks, forms, near] = joinedWeeks.length
    ? await Promise.all([
        query<{ unit_id: string; day: string; hour: number | null; week_only: boolean; week_key: number; contacts: number }>(
          `SELECT r.unit_id::text AS unit_id, ${DAY_TEXT} AS day,
                  CASE WHEN r.time_precision = 'TIME' THEN extract(hour FROM ${LOCAL})::int END AS hour,
                  (r.time_precision = 'WEEK') AS week_only, (r.iso_year * 100 + r.iso_week)::int AS week_key,
                  sum(r.quantity)::float8 AS contacts
           ${inJoined}
           GROUP BY 1, 2, 3, 4, 5`,
          base,
        ),
        query<{
          unit_id: string;
          number: string;
          title: string;
          contacts: number;
          fejl: number;
          closed: number;
          straks: number;
          in_package: boolean | null;
        }>(
          `SELECT r.unit_id::text AS unit_id, t.number, t.title, sum(r.quantity)::float8 AS contacts,
                  COALESCE(sum(r.quantity) FILTER (WHERE t.number = 'FEJL' OR r.contact_type_code = 'FEJL'), 0)::float8 AS fejl,
                  COALESCE(sum(r.quantity) FILTER (WHERE r.closure_code IN ('STRAKS', 'HOLD')), 0)::float8 AS closed,
                  COALESCE(sum(r.quantity) FILTER (WHERE r.closure_code = 'STRAKS'), 0)::float8 AS straks,
                  CASE WHEN $5::uuid IS NULL THEN NULL
                       ELSE EXISTS (SELECT 1 FROM task_package_item i WHERE i.package_id = $5::uuid AND i.task_id = r.task_id AND NOT i.removed) END AS in_package
           FROM registration r JOIN task t ON t.id = r.task_id
           JOIN unnest($2::int[], $3::int[]) AS w(iso_year, iso_week) ON r.iso_year = w.iso_year AND r.iso_week = w.iso_week
           WHERE r.municipality_id = $1::uuid AND NOT r.is_test AND ($4::uuid[] IS NULL OR r.unit_id = ANY($4::uuid[]))
           GROUP BY r.unit_id, r.task_id, t.number, t.title`,
          [...base, round.packageId],
        ),
        query<{ unit_id: string; channel_code: string; answered: number; with_form: number }>(
          `SELECT r.unit_id::text AS unit_id, r.channel_code,
                  COALESCE(sum(r.quantity) FILTER (WHERE r.form IS NOT NULL), 0)::float8 AS answered,
                  COALESCE(sum(r.quantity) FILTER (WHERE r.form), 0)::float8 AS with_form
           ${inJoined} AND r.channel_code = ANY($5::text[])
           GROUP BY 1, 2`,
          [...base, [...RARE_FORM_CHANNELS]],
        ),
        nearQuery(),
      ])
    : [[], [], [], await nearQuery()];

  const facts: UnitFacts[] = units.map((u) => {
    const mine = <T extends { unit_id: string }>(rows: T[]) => rows.filter((r) => r.unit_id === u.id);
    const myTimes = mine(times);
    const myTasks = mine(tasks);
    const dayTotals = new Map<string, number>();
    for (const r of myTimes) if (!r.week_only) dayTotals.set(r.day, (dayTotals.get(r.day) ?? 0) + Number(r.contacts));
    const sum = (key: "contacts" | "fejl" | "closed" | "straks") => myTasks.reduce((s, r) => s + Number(r[key]), 0);
    const n = mine(near)[0];
    return {
      id: u.id,
      name: u.name,
      testMode: u.test_mode,
      hasChildren: u.has_children,
      setupChannels: Number(u.channels),
      setupTasks: Number(u.tasks),
      days: [...dayTotals].map(([day, contacts]) => ({ day, contacts })),
      weekOnly: [...new Set(myTimes.filter((r) => r.week_only).map((r) => Number(r.week_key)))],
      hours: myTimes.filter((r) => r.hour !== null).map((r) => ({ day: r.day, hour: Number(r.hour), contacts: Number(r.contacts) })),
      contacts: sum("contacts"),
      fejl: sum("fejl"),
      closed: sum("closed"),
      straks: sum("straks"),
      tasks: myTasks.map((r) => ({ number: r.number, title: r.title, contacts: Number(r.contacts), inPackage: r.in_package })),
      formChannels: mine(forms).map((r) => ({ channelCode: r.channel_code, answered: Number(r.answered), withForm: Number(r.with_form) })),
      outside: {
        registrations: Number(n?.outside_rows ?? 0),
        contacts: Number(n?.outside_contacts ?? 0),
        firstDay: n?.first_day ?? null,
        lastDay: n?.last_day ?? null,
      },
      testRegistrations: Number(n?.test_rows ?? 0),
    };
  });
  const days = countingDays(joinedWeeks, danishDay(scope.now));
  const { limits } = await readQualityLimits(query, municipalityId);
  return { joinedWeeks, days, units: facts, findings: qualityFindings(facts, days, limits), limits };
}

/** The findings of a whole municipality for a round (what approval asks the coordinator to acknowledge). */
export async function roundFindings(query: Query, municipalityId: string, roundId: string, now: Date): Promise<Finding[]> {
  const [round] = await query<{ id: string; iso_year: number; first_week: number; week_count: number; package_id: string | null }>(
    `SELECT id::text AS id, iso_year, first_week, week_count, package_id::text AS package_id FROM counting_round WHERE id = $1::uuid`,
    [roundId],
  );
  if (!round) return [];
  const { findings } = await readQuality(query, {
    municipalityId,
    round: {
      id: round.id,
      isoYear: Number(round.iso_year),
      firstWeek: Number(round.first_week),
      weekCount: Number(round.week_count),
      packageId: round.package_id,
    },
    unitIds: null,
    now,
  });
  return findings;
}
