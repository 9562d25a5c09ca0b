import "server-only";
import { addIsoWeeks, consecutiveIsoWeeks, type IsoWeek } from "@/lib/counting/iso-week";
import { danishDay } from "@/lib/coverage/danish-day";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { flushRollups, QUALITY_ROLLUP } from "@/lib/reports/rollups";
import { countingDays, type Finding, type QualityLimits, qualityFindings, RARE_FORM_CHANNELS, type UnitFacts } from "./rules";
import { readQualityLimitsOf } from "./thresholds";

// The figures «Datakvalitet» judges, read per unit in SQL for one municipality and round
// (docs/method.md, "Datakvalitet"); the decisions are the pure rules in rules.ts. Read on the
// Datakvalitet page and when a coordinator approves the round, never for every round on a page load.
// Every query is bounded by the municipality and the round's weeks, on the report rollups' keys.

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

/** Reads the units' figures and applies the rules: one municipality (the page, approval). */
export async function readQuality(query: Query, scope: QualityScope): Promise<QualityResult> {
  const results = await readQualityOf(query, [scope.municipalityId], scope.round, scope.unitIds, scope.now);
  return results.get(scope.municipalityId)!;
}

type Row = { municipality_id: string; unit_id: string };

/**
 * Contacts per Danish date and hour, for registrations with a time of day. One row per stored hour,
 * so the hour the clocks go back in October comes twice: summed here, each date and hour once.
 */
function hoursOf(rows: { day: string; hour: number | null; contacts: number }[]): UnitFacts["hours"] {
  const hours = new Map<string, UnitFacts["hours"][number]>();
  for (const r of rows) {
    if (r.hour === null) continue;
    const key = `${r.day} ${r.hour}`;
    const seen = hours.get(key);
    if (seen) seen.contacts += Number(r.contacts);
    else hours.set(key, { day: r.day, hour: Number(r.hour), contacts: Number(r.contacts) });
  }
  return [...hours.values()];
}

/**
 * The same for several municipalities at once (KL's summary of a round): each query reads all of
 * them in one pass, each municipality in its own counting weeks, and the rows are then split.
 */
export async function readQualityOf(
  query: Query,
  municipalityIds: string[],
  round: QualityRound,
  unitIds: string[] | null,
  now: Date,
): Promise<Map<string, QualityResult>> {
  const weekRows = await query<{ municipality_id: string; iso_year: number; iso_week: number }>(
    `SELECT municipality_id::text AS municipality_id, iso_year, iso_week FROM municipality_counting_week
      WHERE municipality_id = ANY($1::uuid[]) AND round_id = $2::uuid ORDER BY 1, 2, 3`,
    [municipalityIds, round.id],
  );
  const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  // The round's weeks and one week either side: where registrations outside the counting weeks are looked for.
  const nearWeeks = [addIsoWeeks(roundWeeks[0], -1), ...roundWeeks, addIsoWeeks(roundWeeks[roundWeeks.length - 1], 1)];

  const units = await query<{
    municipality_id: string;
    id: string;
    name: string;
    test_mode: boolean;
    has_children: boolean;
    channels: number;
    tasks: number;
  }>(
    `SELECT u.municipality_id::text AS municipality_id, u.id::text AS id, u.name, u.test_mode,
            EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = u.id AND c.archived_at IS NULL) AS has_children,
            (SELECT count(*) FROM unit_channel uc WHERE uc.unit_id = u.id)::int AS channels,
            (SELECT count(*) FROM unit_task ut JOIN task t ON t.id = ut.task_id WHERE ut.unit_id = u.id AND t.number <> 'FEJL')::int AS tasks
     FROM unit u
     WHERE u.municipality_id = ANY($1::uuid[]) AND u.archived_at IS NULL AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[]))
     ORDER BY u.name, u.id`,
    [municipalityIds, unitIds],
  );

  // Every read but the test registrations' is on the report rollups (lib/reports/rollups.ts): the
  // values the reports count (test registrations and hand-offs left out, Fejlhenvendelse one way, a
  // form only where the channel asks for one; docs/method.md, "Datakvalitet"), a few thousand rows
  // for a municipality's round instead of its registrations (8.6 s for 1.2 million at 10 M before).
  await flushRollups((text) => query(text));
  // Each municipality's own counting weeks of the round.
  const inJoined = (from: string) =>
    `FROM ${from}
     JOIN municipality_counting_week mw ON mw.round_id = $2::uuid AND mw.municipality_id = r.municipality_id
          AND mw.iso_year = r.iso_year AND mw.iso_week = r.iso_week
     WHERE r.municipality_id = ANY($1::uuid[]) AND mw.municipality_id = ANY($1::uuid[])
       AND ($3::uuid[] IS NULL OR r.unit_id = ANY($3::uuid[]))`;
  const base = [municipalityIds, round.id, unitIds];
  // The round's weeks and one either side, the same for every municipality.
  const inWeeks = (from: string) =>
    `FROM ${from} JOIN unnest($2::int[], $3::int[]) AS w(iso_year, iso_week) ON r.iso_year = w.iso_year AND r.iso_week = w.iso_week
     WHERE r.municipality_id = ANY($1::uuid[]) AND ($4::uuid[] IS NULL OR r.unit_id = ANY($4::uuid[]))`;
  const weekArgs = (weeks: IsoWeek[]) => [municipalityIds, weeks.map((w) => w.isoYear), weeks.map((w) => w.isoWeek), unitIds];

  const [times, tasks, forms, outside, tests, limits] = await Promise.all([
    // Grouped on the rollup's own columns (the hour as stored), then named in Danish time: the date
    // and hour are computed once per group, not per row (330 → 250 ms for KL's summary at 10 M).
    query<Row & { day: string; hour: number | null; week_only: boolean; week_key: number; contacts: number }>(
      `SELECT g.municipality_id::text AS municipality_id, g.unit_id::text AS unit_id,
              to_char(g.occurred_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD') AS day,
              CASE WHEN g.time_precision = 'TIME' THEN extract(hour FROM g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::int END AS hour,
              (g.time_precision = 'WEEK') AS week_only, g.week_key, g.contacts
       FROM (SELECT r.municipality_id, r.unit_id, r.occurred_at, r.time_precision, (r.iso_year * 100 + r.iso_week)::int AS week_key,
                    sum(r.quantity)::float8 AS contacts
             ${inJoined("report_rollup_hours r")}
             GROUP BY 1, 2, 3, 4, 5) g`,
      base,
    ),
    query<
      Row & { number: string; title: string; contacts: number; fejl: number; closed: number; straks: number; in_package: boolean | null }
    >(
      // A fejlhenvendelse is its task here (the reporting values), however it was registered. Summed
      // first, then named: the task and package lookups run once per unit and task, not per row.
      `SELECT a.municipality_id::text AS municipality_id, a.unit_id::text AS unit_id, t.number, t.title, a.contacts,
              CASE WHEN t.number = 'FEJL' THEN a.contacts ELSE 0 END AS fejl, a.closed, a.straks,
              CASE WHEN $4::uuid IS NULL THEN NULL ELSE i.task_id IS NOT NULL END AS in_package
       FROM (SELECT r.municipality_id, r.unit_id, r.task_id, sum(r.quantity)::float8 AS contacts,
                    COALESCE(sum(r.quantity) FILTER (WHERE r.closure_code IN ('STRAKS', 'HOLD')), 0)::float8 AS closed,
                    COALESCE(sum(r.quantity) FILTER (WHERE r.closure_code = 'STRAKS'), 0)::float8 AS straks
             ${inJoined(QUALITY_ROLLUP.from)}
             GROUP BY 1, 2, 3) a
       JOIN task t ON t.id = a.task_id
       LEFT JOIN task_package_item i ON i.package_id = $4::uuid AND i.task_id = a.task_id AND NOT i.removed`,
      [...base, round.packageId],
    ),
    // Only rows with the form question answered: the partial index report_rollup_units_form_idx has them.
    query<Row & { channel_code: string; answered: number; with_form: number }>(
      `SELECT r.municipality_id::text AS municipality_id, r.unit_id::text AS unit_id, r.channel_code,
              COALESCE(sum(r.quantity) FILTER (WHERE r.form IS NOT NULL), 0)::float8 AS answered,
              COALESCE(sum(r.quantity) FILTER (WHERE r.form), 0)::float8 AS with_form
       ${inJoined("report_rollup_units r")} AND r.channel_code = ANY($4::text[]) AND r.form IS NOT NULL
       GROUP BY 1, 2, 3`,
      [...base, [...RARE_FORM_CHANNELS]],
    ),
    // Outside the counting weeks: the round's weeks and one either side, by the hour rollup's flag.
    query<Row & { outside_rows: number; outside_contacts: number; first_day: string | null; last_day: string | null }>(
      `SELECT r.municipality_id::text AS municipality_id, r.unit_id::text AS unit_id, sum(r.registrations)::float8 AS outside_rows,
              sum(r.quantity)::float8 AS outside_contacts, min(${DAY_TEXT}) AS first_day, max(${DAY_TEXT}) AS last_day
       ${inWeeks("report_rollup_hours r")} AND NOT r.in_counting_week
       GROUP BY 1, 2`,
      weekArgs(nearWeeks),
    ),
    // Test registrations in the round's weeks: the rollups hold none; the registrations' partial test index has them.
    query<Row & { test_rows: number }>(
      `SELECT r.municipality_id::text AS municipality_id, r.unit_id::text AS unit_id, count(*)::float8 AS test_rows
       ${inWeeks("registration r")} AND r.is_test
       GROUP BY 1, 2`,
      weekArgs(roundWeeks),
    ),
    readQualityLimitsOf(query, municipalityIds),
  ]);

  const byUnit = <T extends Row>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.unit_id, [...(map.get(r.unit_id) ?? []), r]);
    return (unitId: string) => map.get(unitId) ?? [];
  };
  const [unitTimes, unitTasks, unitForms, unitOutside, unitTests] = [
    byUnit(times),
    byUnit(tasks),
    byUnit(forms),
    byUnit(outside),
    byUnit(tests),
  ];
  const today = danishDay(now);
  const results = new Map<string, QualityResult>();
  for (const municipalityId of municipalityIds) {
    const joinedWeeks = weekRows
      .filter((w) => w.municipality_id === municipalityId)
      .map((w) => ({ isoYear: Number(w.iso_year), isoWeek: Number(w.iso_week) }));
    const facts: UnitFacts[] = units
      .filter((u) => u.municipality_id === municipalityId)
      .map((u) => {
        const myTimes = unitTimes(u.id);
        const myTasks = unitTasks(u.id);
        const dayTotals = new Map<string, number>();
        for (const r of myTimes) if (!r.week_only) dayTotals.set(r.day, (dayTotals.get(r.day) ?? 0) + Number(r.contacts));
        const sum = (key: "contacts" | "fejl" | "closed" | "straks") => myTasks.reduce((s, r) => s + Number(r[key]), 0);
        const n = unitOutside(u.id)[0];
        return {
          id: u.id,
          name: u.name,
          testMode: u.test_mode,
          hasChildren: u.has_children,
          setupChannels: Number(u.channels),
          setupTasks: Number(u.tasks),
          days: [...dayTotals].map(([day, contacts]) => ({ day, contacts })),
          weekOnly: [...new Set(myTimes.filter((r) => r.week_only).map((r) => Number(r.week_key)))],
          hours: hoursOf(myTimes),
          contacts: sum("contacts"),
          fejl: sum("fejl"),
          closed: sum("closed"),
          straks: sum("straks"),
          tasks: myTasks.map((r) => ({ number: r.number, title: r.title, contacts: Number(r.contacts), inPackage: r.in_package })),
          formChannels: unitForms(u.id).map((r) => ({
            channelCode: r.channel_code,
            answered: Number(r.answered),
            withForm: Number(r.with_form),
          })),
          outside: {
            registrations: Number(n?.outside_rows ?? 0),
            contacts: Number(n?.outside_contacts ?? 0),
            firstDay: n?.first_day ?? null,
            lastDay: n?.last_day ?? null,
          },
          testRegistrations: Number(unitTests(u.id)[0]?.test_rows ?? 0),
        };
      });
    const days = countingDays(joinedWeeks, today);
    const municipalityLimits = limits.get(municipalityId)!.limits;
    results.set(municipalityId, {
      joinedWeeks,
      days,
      units: facts,
      findings: qualityFindings(facts, days, municipalityLimits),
      limits: municipalityLimits,
    });
  }
  return results;
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
