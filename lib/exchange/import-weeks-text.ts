import type { IsoWeek } from "@/lib/counting/iso-week";
import type { ImportWeeks } from "./import-weeks";

// The import preview's sentences about counting weeks (import-weeks.ts), the same on the web page
// and the command line. Pure: the upload form renders them in the browser.

const n = (value: number) => value.toLocaleString("da-DK");

const and = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} og ${items[items.length - 1]}` : (items[0] ?? ""));

/** "uge 43, 44 og 45 (2013)"; the year after each year's weeks when they span two. */
export function weekList(weeks: readonly IsoWeek[]): string {
  const years = [...new Set(weeks.map((w) => w.isoYear))];
  return `uge ${and(years.map((y) => `${and(weeks.filter((w) => w.isoYear === y).map((w) => String(w.isoWeek)))} (${y})`))}`;
}

/** The preview's sentences about counting weeks, the same on the web page and the command line. */
export function describeImportWeeks(w: ImportWeeks): {
  covers: string;
  outside: string | null;
  rounds: string[];
  uncovered: string | null;
} {
  const covers = `Filens data dækker ${w.weeks.map((x) => `uge ${x.isoWeek} (${x.isoYear}): ${n(x.quantity)} henvendelser`).join("; ")}.`;
  if (!w.outside.rows) return { covers, outside: null, rounds: [], uncovered: null };
  const outside =
    `${n(w.outside.rows)} af rækkerne (${n(w.outside.quantity)} henvendelser) ligger uden for kommunens tælleuger. ` +
    `De gemmes, men rapporterne udelader dem, indtil kommunen tæller i de uger.`;
  const rounds = w.rounds.map(
    (r) =>
      `${n(r.rows)} rækker ligger i ugerne for den landsdækkende runde «${r.name}» (${weekList(r.roundWeeks)}). ` +
      `Data dækker ${weekList(r.dataWeeks)}.` +
      (r.joinWeeks.length ? ` Deltag i runden med ${weekList(r.joinWeeks)}, så de kommer med i rapporterne.` : ""),
  );
  const uncovered = w.uncovered.rows
    ? `${n(w.uncovered.rows)} rækker ligger uden for alle landsdækkende runder; opret en lokal tælleperiode under Administration → Tælleuger for at tage dem med.`
    : null;
  return { covers, outside, rounds, uncovered };
}
