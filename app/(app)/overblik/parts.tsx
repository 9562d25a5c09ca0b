import type { ReactNode } from "react";
import { formatNumber } from "@/lib/format";

const LONG_DATE = new Intl.DateTimeFormat("da-DK", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const SHORT_DATE = new Intl.DateTimeFormat("da-DK", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "2026-12-05" → "lørdag den 5. december 2026". */
export function longDate(day: string): string {
  return LONG_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** "2026-12-05" → "lør. 5. dec.". */
export function shortDate(day: string): string {
  return SHORT_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** "uge 48" from 202648. */
export function weekLabel(key: number): string {
  return `uge ${key % 100}`;
}

/** A comparison figure: a number, or "–" with its reason for screen readers and on hover. */
export function Compared({ value, reason }: { value: number | null; reason: string | null }) {
  if (value !== null) return <>{formatNumber(value)}</>;
  return (
    <span title={reason ?? undefined}>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{reason ?? "Intet at sammenligne med"}</span>
    </span>
  );
}

/** One key figure: a label, a large number and a line of context. */
export function Figure({ label, value, children }: { label: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-slate-300 bg-white p-3">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {children ? <dd className="text-sm text-slate-700">{children}</dd> : null}
    </div>
  );
}

export function Figures({ children }: { children: ReactNode }) {
  return <dl className="mb-8 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">{children}</dl>;
}
