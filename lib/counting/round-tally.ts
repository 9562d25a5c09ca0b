import "server-only";
import type { SporDatabase } from "@/lib/database/open";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { roundDates } from "./weeks";

// What a municipality actually counted in a national round: the units that registered and the
// contacts per source in the round's weeks (test registrations left out), and how many of those
// contacts lie in weeks the municipality did not join. One query for all the rounds asked about;
// the weeks joined come from municipality_counting_week next to it.

type Query = SporDatabase["sql"]["query"];

export interface RoundTally {
  /** Distinct units with at least one registration in the round's weeks. */
  units: number;
  /** Registration rows and contacts (the sum of their quantities). */
  registrations: number;
  contacts: number;
  /** Contacts in the round's weeks that the municipality did not join. */
  contactsOutsideJoinedWeeks: number;
  /** Per source, largest first. */
  bySource: { source: RegistrationSource; registrations: number; contacts: number }[];
}

export const EMPTY_TALLY: RoundTally = { units: 0, registrations: 0, contacts: 0, contactsOutsideJoinedWeeks: 0, bySource: [] };

interface Row {
  round_id: string;
  source: RegistrationSource | null;
  registrations: number;
  contacts: number;
  units: number;
  outside: number;
}

/** The tally of each round (by id) for one municipality; a round without registrations gets EMPTY_TALLY. */
export async function tallyRounds(
  query: Query,
  municipalityId: string,
  rounds: readonly { id: string; isoYear: number; firstWeek: number; weekCount: number }[],
): Promise<Map<string, RoundTally>> {
  const result = new Map<string, RoundTally>(rounds.map((r) => [r.id, { ...EMPTY_TALLY, bySource: [] }]));
  const weeks = rounds.flatMap((r) => roundDates(r).weeks.map((w) => ({ roundId: r.id, isoYear: w.isoYear, isoWeek: w.isoWeek })));
  if (!weeks.length) return result;
  const rows = await query<Row>(
    `WITH round_week AS (
       SELECT * FROM unnest($2::uuid[], $3::int[], $4::int[]) AS t(round_id, iso_year, iso_week)
     )
     SELECT rw.round_id::text AS round_id,
            r.source::text AS source,
            COUNT(*)::float8 AS registrations,
            SUM(r.quantity)::float8 AS contacts,
            COUNT(DISTINCT r.unit_id)::float8 AS units,
            COALESCE(SUM(r.quantity) FILTER (WHERE w.id IS NULL), 0)::float8 AS outside
     FROM round_week rw
     JOIN registration r
       ON r.municipality_id = $1::uuid AND r.iso_year = rw.iso_year AND r.iso_week = rw.iso_week AND NOT r.is_test
     LEFT JOIN municipality_counting_week w
       ON w.municipality_id = $1::uuid AND w.round_id = rw.round_id AND w.iso_year = rw.iso_year AND w.iso_week = rw.iso_week
     GROUP BY GROUPING SETS ((rw.round_id, r.source), (rw.round_id))
     ORDER BY round_id, contacts DESC, source`,
    [municipalityId, weeks.map((w) => w.roundId), weeks.map((w) => w.isoYear), weeks.map((w) => w.isoWeek)],
  );
  for (const row of rows) {
    const tally = result.get(row.round_id)!;
    const [registrations, contacts] = [Number(row.registrations), Number(row.contacts)];
    if (row.source === null) {
      Object.assign(tally, { units: Number(row.units), registrations, contacts, contactsOutsideJoinedWeeks: Number(row.outside) });
    } else {
      tally.bySource.push({ source: row.source, registrations, contacts });
    }
  }
  return result;
}
