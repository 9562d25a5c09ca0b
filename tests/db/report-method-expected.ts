import { CHANNELS } from "@/lib/reference/codes";
import type { MethodRow } from "./report-method-fixture";

// The method's rules written out once more in plain TypeScript, independently of the SQL, over
// rows as stored (docs/method.md, "Bases", "Time", "Fejlhenvendelse and task levels"): the crafted
// rows of report-method-fixture.ts and the old raw export of legacy-proof.test.ts.

const channel = new Map(CHANNELS.map((c) => [c.code, c]));

/** What a stored registration says that the method's reading rules look at. */
export interface RowFacts {
  task: string;
  channel: string;
  type: string | null;
  closure: string | null;
  form: boolean | null;
  quantity: number;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Start and end are a measured contact time (Spor's timer, or an old unit said to measure time). */
  measured: boolean;
}

/** How the reports must read a row. */
export interface ReadFields {
  quantity: number;
  rTask: string;
  rType: string | null;
  rClosure: string | null;
  rForm: boolean | null;
  /** The measured duration in whole seconds, or null. */
  seconds: number | null;
  inbound: boolean;
  selfService: boolean;
}

/** A crafted row of report-method-fixture.ts as the reports must read it. */
export type Reading = MethodRow & ReadFields;

export function read<R extends RowFacts>(row: R): R & ReadFields {
  const c = channel.get(row.channel)!;
  // A question not asked is no answer: form only where asked; type and closure never on bulk channels.
  const type = c.bulk ? null : row.task === "FEJL" ? "FEJL" : row.type;
  const measured = row.measured && row.startedAt && row.endedAt && row.endedAt >= row.startedAt;
  return {
    ...row,
    rTask: row.type === "FEJL" && !c.bulk ? "FEJL" : row.task,
    rType: type,
    rClosure: c.bulk ? null : row.closure,
    rForm: c.asksForm ? row.form : null,
    seconds: measured ? Math.round((row.endedAt!.getTime() - row.startedAt!.getTime()) / 1000) : null,
    inbound: c.direction === "IN",
    selfService: c.selfService,
  };
}

/** The rows a report over the given ISO weeks sees: no test rows, none outside the counting weeks. */
export function inWeeks(rows: readonly MethodRow[], weeks: number[]): Reading[] {
  return rows.filter((r) => !r.isTest && r.inCountingWeek && weeks.includes(r.isoYear * 100 + r.isoWeek)).map(read);
}

export const sumQ = (rows: readonly { quantity: number }[]) => rows.reduce((s, r) => s + r.quantity, 0);
export const groupBy = <R, K>(rows: readonly R[], key: (r: R) => K) => {
  const map = new Map<K, R[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};

/** PostgreSQL's float8 → numeric keeps 15 significant digits; numeric rounds halves away from zero. */
export const pgRound = (x: number) => {
  const v = Number(x.toPrecision(15));
  return Math.sign(v) * Math.round(Math.abs(v));
};

/** An inbound transaction: OPRET/STATUS, or a self-service count without a type. */
export const isTx = (r: ReadFields) => r.inbound && (r.rType === "OPRET" || r.rType === "STATUS" || (r.rType === null && r.selfService));

export function selfService(rows: readonly ReadFields[]) {
  const tx = sumQ(rows.filter(isTx));
  const self = sumQ(rows.filter((r) => isTx(r) && r.selfService));
  return { self, tx, rate: tx > 0 ? self / tx : null };
}

export const groupOf = (number: string) => (/^\d{2}\.\d{2}\.\d{2}$/.test(number) ? number.slice(0, 5) : number);

/** percentile_cont(0.5) over the values. */
export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = (v.length - 1) / 2;
  return (v[Math.floor(pos)] + v[Math.ceil(pos)]) / 2;
}

export function timing(rows: readonly ReadFields[]) {
  const seconds = rows.filter((r) => r.seconds !== null).map((r) => r.seconds!);
  const total = seconds.reduce((s, x) => s + x, 0);
  return { timed: seconds.length, average: total / seconds.length / 60, median: median(seconds) / 60, total: total / 3600 };
}

/** A yes/no question's figures over the rows: yes, no, answered and the share. */
export function yesNo<R extends ReadFields>(rows: readonly R[], value: (r: R) => boolean | null) {
  const yes = sumQ(rows.filter((r) => value(r) === true));
  const no = sumQ(rows.filter((r) => value(r) === false));
  return { yes, no, answered: yes + no, total: sumQ(rows), share: yes + no > 0 ? yes / (yes + no) : null };
}
export const closureAnswer = (r: ReadFields) => (r.rClosure === null ? null : r.rClosure === "STRAKS");
export const formAnswer = (r: ReadFields) => r.rForm;
