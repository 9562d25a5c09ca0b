import { formatNumber } from "@/lib/format";
import { formatShare } from "./format";

// Sentences for the management report (Afrapportering), generated from the figures and nothing else:
// each states the figure now, the figure in the previous round and the change, in Danish, with the
// same rounding as the tables. A figure without a value says so; nothing is guessed.

export interface FigureChange {
  label: string;
  kind: "share" | "count";
  now: number | null;
  previous: number | null;
  /** The round names, for the sentence: "Efterår 2026", "Forår 2026". */
  round: string;
  previousRound: string | null;
}

const shown = (kind: FigureChange["kind"], value: number) => (kind === "share" ? formatShare(value) : formatNumber(Math.round(value)));

/** The change in the unit the table shows: percentage points (one decimal) for shares, whole numbers for counts. */
export function changeOf(f: Pick<FigureChange, "kind" | "now" | "previous">): number | null {
  if (f.now === null || f.previous === null) return null;
  return f.kind === "share" ? Math.round((f.now - f.previous) * 1000) / 10 : Math.round(f.now) - Math.round(f.previous);
}

const pointsText = (points: number) => `${new Intl.NumberFormat("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(points))} procentpoint`;

/** One sentence stating what changed (or that the figure is missing). */
export function changeSentence(f: FigureChange): string {
  if (f.now === null) return `${f.label} kan ikke opgøres for ${f.round}: der er ingen henvendelser at regne på.`;
  const now = `${f.label} var ${shown(f.kind, f.now)} i ${f.round}`;
  if (f.previous === null || f.previousRound === null) return `${now}. Der er ingen tidligere runde at sammenligne med.`;
  const change = changeOf(f)!;
  if (change === 0) return `${now}, det samme som i ${f.previousRound}.`;
  const amount = f.kind === "share" ? pointsText(change) : formatNumber(Math.abs(change));
  return `${now} mod ${shown(f.kind, f.previous)} i ${f.previousRound}: ${change > 0 ? "en stigning" : "et fald"} på ${amount}.`;
}

/**
 * The largest changes since the previous round, for the summary page: share figures by percentage
 * points, count figures by their relative change; figures without both values are left out.
 */
export function largestChanges(figures: FigureChange[], count = 3): FigureChange[] {
  const size = (f: FigureChange) => {
    const change = changeOf(f);
    if (change === null) return -1;
    if (f.kind === "share") return Math.abs(change);
    return f.previous ? (Math.abs(change) / Math.abs(f.previous)) * 100 : Math.abs(change) > 0 ? Infinity : 0;
  };
  return figures
    .filter((f) => changeOf(f) !== null && changeOf(f) !== 0)
    .sort((a, b) => size(b) - size(a) || a.label.localeCompare(b.label, "da"))
    .slice(0, count);
}
