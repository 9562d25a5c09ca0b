import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { approvedMemoFor, memoizeApproved } from "@/lib/reports/approved-memo";
import type { LandkortData, LandkortRound } from "./types";

// Det Digitale Landkort shows approved data only, and approved data is frozen: a round's public
// figures are computed once per state of approvals, publication choices and setup, and served from
// memory until it changes (lib/reports/approved-memo.ts). Computed on every request they took about
// 0.7–0.9 s at 10 million registrations with KL's vendor figures for all 98 municipalities
// (docs/benchmarks.md).

/** The round's figures from `compute`, or from memory when nothing they depend on has changed since. */
export function memoizedLandkort(
  sql: SqlExecutor,
  round: LandkortRound,
  compute: () => Promise<LandkortData | null>,
): Promise<LandkortData | null> {
  return memoizeApproved(sql.query.bind(sql), approvedMemoFor(sql), `landkort:${round.id}`, compute);
}
