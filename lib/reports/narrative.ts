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

const pointsText = (points: number) =>
  `${new Intl.NumberFormat("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(points))} procentpoint`;

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

/** Where a rate stands against a target, in percentage points with the tables' rounding: "12,3 procentpoint under målet på 80 %". */
export function targetSentence(label: string, rate: number | null, target: number): string {
  const goal = `målet på ${formatShare(target, 0)}`;
  if (rate === null) return `${label} kan ikke holdes op mod ${goal}: der er ingen transaktioner at regne på.`;
  const points = Math.round((rate - target) * 1000) / 10;
  if (points === 0) return `${label} er ${formatShare(rate)}, præcis ${goal}.`;
  return `${label} er ${formatShare(rate)}: ${pointsText(points)} ${points > 0 ? "over" : "under"} ${goal}.`;
}

/** One task of a package against the national figure: its rate, the national rate, or why there is none. */
export interface TaskComparison {
  own: number | null;
  /** The national rate, or null when there is none or it is withheld. */
  national: number | null;
}

/**
 * How the package's tasks stand against the national figure, counted from the rows: "Pakke 2026 har 8
 * obligatoriske opgaver: 3 ligger over landsplan, 4 under og 1 på niveau." Equal means
 * the same to one decimal in percentage points, as the tables show.
 */
export function comparisonSentence(tasks: TaskComparison[], packageName: string): string {
  let above = 0;
  let below = 0;
  let level = 0;
  for (const t of tasks) {
    if (t.own === null || t.national === null) continue;
    const points = Math.round((t.own - t.national) * 1000) / 10;
    if (points > 0) above++;
    else if (points < 0) below++;
    else level++;
  }
  const missing = tasks.length - above - below - level;
  const count = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
  const rest = missing
    ? ` ${count(missing, "opgave kan", "opgaver kan")} ikke sammenlignes (ingen transaktioner eller for få kommuner).`
    : "";
  return `${packageName} har ${count(tasks.length, "obligatorisk opgave", "obligatoriske opgaver")}: ${formatNumber(above)} ligger over landsplan, ${formatNumber(below)} under og ${formatNumber(level)} på niveau.${rest}`;
}
