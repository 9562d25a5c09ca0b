import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";

// Approved data is frozen: the database refuses to add, change or remove a registration or a
// self-service count in a week whose round the municipality has approved (docs/method.md,
// "Godkendelse"). Figures over approved municipalities only — the national column of Benchmark, KL's
// national editions, Det Digitale Landkort — therefore change only when the approvals or the setup
// they are computed with change. They are computed once per such state and served from memory until
// it changes: the state is a fingerprint of those small tables, read on every use (a few ms) instead
// of the figures (Benchmark's two national reads took 0.4–0.6 s at 10 million registrations with KL's
// vendor figures for all 98 municipalities, docs/benchmarks.md). Per database (each executor its own
// memo) and per process (each instance computes once itself).
//
// Any new input to such figures that approval does not freeze belongs in the fingerprint.

/**
 * Everything approved-only figures depend on besides the frozen data: the approvals (with their time,
 * so a reopened and re-approved round is new), the municipalities (names, publication), the
 * self-service choices (not frozen by approval), the channels (direction, self-service), the
 * counting weeks and local periods (the counting-week flag), the rounds, the task packages and tasks
 * (task and package filters) and the answers to KL's questionnaire (its filter).
 */
const FINGERPRINT_TABLES = [
  "round_approval",
  "municipality",
  "self_service_choice",
  "channel",
  "municipality_counting_week",
  "local_counting_period",
  "counting_round",
  "task_package_item",
  "task",
  "questionnaire_answer",
];
const FINGERPRINT = `SELECT md5(concat_ws('|',
    ${FINGERPRINT_TABLES.map((table) => `(SELECT string_agg(x::text, ',' ORDER BY x::text COLLATE "C") FROM ${table} x)`).join(",\n    ")})) AS fingerprint`;

/**
 * At most this many figures per database are kept (one per report scope and filter combination). The
 * largest, per municipality, are 98 rows of key figures (about 100 kB): 200 of them stay well inside
 * the server's heap (SPOR_MAX_HEAP_MB, 384 MB by default, bin/spor.mjs).
 */
const LIMIT = 200;

export class ApprovedMemo {
  private readonly entries = new Map<string, { fingerprint: string; value: unknown }>();

  constructor(private readonly limit = LIMIT) {}

  get(key: string, fingerprint: string): { value: unknown } | undefined {
    const known = this.entries.get(key);
    if (known?.fingerprint !== fingerprint) return undefined;
    // Most recently used last, so the oldest is the first to go.
    this.entries.delete(key);
    this.entries.set(key, known);
    return { value: known.value };
  }

  set(key: string, fingerprint: string, value: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, value });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

const memos = new WeakMap<SqlExecutor, ApprovedMemo>();

/** The memo of one database (its executor). */
export function approvedMemoFor(sql: SqlExecutor): ApprovedMemo {
  let memo = memos.get(sql);
  if (!memo) memos.set(sql, (memo = new ApprovedMemo()));
  return memo;
}

/**
 * `compute()`'s value for `key`, or the value kept from an earlier call with the same key when nothing
 * approved-only figures depend on has changed since. The key must name everything the value depends
 * on besides that state (the figure and its filters).
 */
export async function memoizeApproved<T>(
  query: SqlExecutor["query"],
  memo: ApprovedMemo,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const [{ fingerprint }] = await query<{ fingerprint: string }>(FINGERPRINT);
  const known = memo.get(key, fingerprint);
  if (known) return known.value as T;
  const value = await compute();
  memo.set(key, fingerprint, value);
  return value;
}
