import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { LandkortData, LandkortRound } from "./types";

// Det Digitale Landkort shows approved data only, and approved data is frozen: the database refuses
// to add, change or remove a registration or a self-service count in a round a municipality has
// approved (docs/method.md, "Godkendelse"). So a round's public figures change only when the
// approvals, the publication choices or the setup they are computed with change, and they are
// computed once per such state and served from memory until it changes: the state is a fingerprint
// of those small tables, read on every request (a few ms) instead of the figures (about 0.7–0.9 s at
// 10 million registrations with KL's vendor figures for all 98 municipalities, docs/benchmarks.md).
// Per database (each executor its own memo), per process (each instance computes once itself).

/**
 * Everything the public figures depend on besides the frozen data: the approvals (with their time,
 * so a reopened and re-approved round is new), the municipalities (names, publication), the
 * self-service choices (not frozen by approval), the channels (direction, self-service), the
 * counting weeks and local periods (the counting-week flag) and the round itself.
 */
const FINGERPRINT = `SELECT md5(concat_ws('|',
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM round_approval x),
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM municipality x),
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM self_service_choice x),
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM channel x),
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM municipality_counting_week x),
    (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM local_counting_period x),
    (SELECT x::text FROM counting_round x WHERE x.id = $1::uuid))) AS fingerprint`;

const memos = new WeakMap<SqlExecutor, Map<string, { fingerprint: string; data: LandkortData | null }>>();

/** The round's figures from `compute`, or from memory when nothing they depend on has changed since. */
export async function memoizedLandkort(
  sql: SqlExecutor,
  round: LandkortRound,
  compute: () => Promise<LandkortData | null>,
): Promise<LandkortData | null> {
  const [{ fingerprint }] = await sql.query<{ fingerprint: string }>(FINGERPRINT, [round.id]);
  let memo = memos.get(sql);
  if (!memo) memos.set(sql, (memo = new Map()));
  const known = memo.get(round.id);
  if (known?.fingerprint === fingerprint) return known.data;
  const data = await compute();
  memo.set(round.id, { fingerprint, data });
  return data;
}
