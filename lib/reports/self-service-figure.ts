import "server-only";
import type { ReportContext } from "./context";
import { SELF_SERVICE_FLAGS, selfServiceCells, sourceLabel } from "./self-service-cells";
import { type Params, ratio } from "./sql";

// The self-service rate of a scope: the cells of self-service-cells.ts (one source per municipality,
// task and week) summed over the groups a report shows. Benchmark, the rankings, Udvikling,
// Afrapportering and Det Digitale Landkort all read their rate here, so one municipality and round has
// one self-service rate everywhere in Spor (docs/method.md, "Én selvbetjeningsgrad").

export interface SelfServiceGrouping {
  /** Every municipality (approved ones only), whatever the context's municipality and units. */
  national?: boolean;
  byMunicipality?: boolean;
  /** Per unit: registrations only (the supplied counts have no unit). */
  byUnit?: boolean;
  /** Per round, each over its own weeks instead of the context's time filter. */
  rounds?: readonly { id: string; weekKeys: number[] }[];
}

/** The flags that say which self-service figures counted, as the cells give them. */
export interface SelfServiceFlags {
  used_own: boolean | null;
  used_vendor: boolean | null;
  dropped_own: boolean | null;
  dropped_vendor: boolean | null;
  solutions: string | null;
}

/**
 * A subquery with one row per group (a single row without groups): municipality_id, unit_id and
 * round_id (null where not grouped by), self, tx, rate (NULL without inbound transactions) and the
 * source flags of SelfServiceFlags.
 */
export function selfServiceFigure(ctx: ReportContext, p: Params, grouping: SelfServiceGrouping = {}): string {
  const { national = false, byMunicipality = false, byUnit = false, rounds } = grouping;
  const weekKeys = rounds ? [...new Set(rounds.flatMap((x) => x.weekKeys))] : undefined;
  const keep = [...(byMunicipality ? (["municipality"] as const) : []), ...(rounds ? (["week"] as const) : [])];
  const cells = selfServiceCells(ctx, p, weekKeys, { national, byUnit, keep });
  // Each cell joins the rounds whose weeks hold its week.
  const roundJoin = rounds
    ? `JOIN unnest(${p.add(rounds.flatMap((x) => x.weekKeys.map(() => x.id)))}::uuid[], ${p.add(rounds.flatMap((x) => x.weekKeys))}::int[]) AS w(round_id, week_key)
          ON w.week_key = r.week_key`
    : "";
  const groupBy = [...(byMunicipality ? ["r.municipality_id"] : []), ...(byUnit ? ["r.unit_id"] : []), ...(rounds ? ["w.round_id"] : [])];
  return `(SELECT ${byMunicipality ? "r.municipality_id" : "NULL::uuid"} AS municipality_id, ${byUnit ? "r.unit_id" : "NULL::uuid"} AS unit_id,
                 ${rounds ? "w.round_id" : "NULL::uuid"} AS round_id,
                 COALESCE(sum(r.self), 0)::float8 AS self, COALESCE(sum(r.tx), 0)::float8 AS tx,
                 ${ratio("COALESCE(sum(r.self), 0)", "COALESCE(sum(r.tx), 0)")} AS rate,
                 ${SELF_SERVICE_FLAGS}
            FROM ${cells} r ${roundJoin}
            ${groupBy.length ? `GROUP BY ${groupBy.join(", ")}` : ""})`;
}

/** Which self-service figures a rate counted, in words («Egne tal», «Leverandørdata (KMD)» …). */
export function selfServiceSource(flags: Partial<SelfServiceFlags> | undefined): string {
  return sourceLabel({
    used_own: Boolean(flags?.used_own),
    used_vendor: Boolean(flags?.used_vendor),
    dropped_own: Boolean(flags?.dropped_own),
    dropped_vendor: Boolean(flags?.dropped_vendor),
    solutions: flags?.solutions ?? null,
  });
}
