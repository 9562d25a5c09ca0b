import { type Expected, type Fields, type FileRow, keyFigures, type Params, scope } from "./legacy-proof-expected";
import { groupBy, selfService, sumQ } from "./report-method-expected";

// Udvikling's tables for the legacy proof, computed from the file's lines in plain TypeScript: each
// round over its own weeks (computed here from the round's first ISO week), the rounds shown from
// the first with rows to the latest that has started, the package notes from the rounds' packages,
// and the task × round matrix. What it reads from the database is setup only: the rounds (name,
// weeks, start, package and its items) and who approved them; never a figure.

/** A national round as the seed set it up, in start order. */
export interface LookupRound {
  code: string;
  name: string;
  /** Monday of the first week, YYYY-MM-DD. */
  startsOn: string;
  isoYear: number;
  firstWeek: number;
  weekCount: number;
  packageCode: string | null;
  packageName: string | null;
  items: { number: string; obligatory: boolean; removed: boolean }[];
  /** How many municipalities approved the round; whether Køge did. */
  approvals: number;
  approvedByKoege: boolean;
}

/** ISO week key (YYYYWW) of a UTC date. */
function weekKeyOf(day: Date): number {
  const dow = ((day.getUTCDay() + 6) % 7) + 1;
  const thursday = new Date(day.getTime() + (4 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  return year * 100 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
}

/** The round's weeks: from Monday of its first ISO week (4 January is always in week 1), one a week. */
export function roundWeeks(r: Pick<LookupRound, "isoYear" | "firstWeek" | "weekCount">): number[] {
  const jan4 = Date.UTC(r.isoYear, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  return Array.from({ length: r.weekCount }, (_, i) => weekKeyOf(new Date(week1 + ((r.firstWeek - 1 + i) * 7 + 3) * 86_400_000)));
}

/** Today in Copenhagen, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date());

const obligatory = (r: LookupRound) => new Set(r.items.filter((i) => i.obligatory && !i.removed).map((i) => i.number));
const inPackage = (r: LookupRound) => new Set(r.items.filter((i) => !i.removed).map((i) => i.number));

function packageChange(r: LookupRound, before: LookupRound | undefined): string {
  if (!before || r.packageCode === before.packageCode) return "";
  if (!r.packageName) return "Ingen opgavepakke i runden";
  if (!before.packageName) return "Ny pakke (runden før havde ingen)";
  const [now, then] = [obligatory(r), obligatory(before)];
  const added = [...now].filter((t) => !then.has(t)).length;
  const left = [...then].filter((t) => !now.has(t)).length;
  return `Ny pakke (${added} obligatorisk${added === 1 ? " opgave" : "e opgaver"} kom til, ${left} udgik)`;
}

const FIGURE_KEYS: [string, string][] = [
  ["selfService", "Selvbetjeningsgrad"],
  ["closure", "Andel straksafsluttet"],
  ["form", "Andel med blanket"],
  ["transactions", "Andel transaktioner"],
  ["phone", "Andel telefon af indgående"],
  ["visit", "Andel personligt fremmøde af indgående"],
];

/**
 * Udvikling's tables from the file's rows. `p.alle`: KL over all municipalities, approved rounds only
 * (Køge is the only municipality with rows, so a round counts when Køge approved it).
 */
export function expectedTrends(all: readonly FileRow[], p: Params, rounds: readonly LookupRound[]): Expected {
  const national = p.alle === "1";
  const filters: Params = { ...p, runde: undefined, fra: undefined, til: undefined };
  const rowsOf = (r: LookupRound) => (national && !r.approvedByKoege ? [] : scope(all, filters, roundWeeks(r)));
  const first = rounds.findIndex((r) => rowsOf(r).length > 0);
  if (first < 0) throw new Error("the proof's filters leave no rows");
  let last = first;
  rounds.forEach((r, i) => {
    if (r.startsOn <= today() || rowsOf(r).length) last = Math.max(last, i);
  });
  const shown = rounds.slice(first, last + 1);

  const main = new Map<string, Fields>();
  shown.forEach((r, i) => {
    const rows = rowsOf(r);
    const f = keyFigures(rows);
    const fields: Fields = {
      package: r.packageName ?? "Ingen pakke",
      packageChange: packageChange(r, shown[i - 1]),
      approved: national ? r.approvals : r.approvedByKoege ? "Ja" : "Nej",
      registrations: rows.length,
      contacts: sumQ(rows),
      inbound: sumQ(rows.filter((x) => x.inbound)),
    };
    for (const [key, label] of FIGURE_KEYS) {
      fields[key] = f[label][0];
      if (key !== "phone" && key !== "visit") fields[`${key}N`] = f[label][1];
    }
    main.set(r.name, fields);
  });

  const channels = new Map<string, Fields>();
  for (const r of shown) {
    const rows = rowsOf(r);
    if (!rows.length) channels.set(`${r.name}|`, { channel: "Ingen registreringer i runden", contacts: 0, share: null });
    const byDirection = groupBy(rows, (x) => x.inbound);
    for (const [code, list] of groupBy(rows, (x) => x.channel)) {
      const inDirection = sumQ(byDirection.get(list[0].inbound)!);
      channels.set(`${r.name}|${code}`, { contacts: sumQ(list), inDirection, share: sumQ(list) / inDirection });
    }
  }

  // The matrix: a column per shown round with rows, a row per task with inbound transactions in one of them.
  const counted = shown.filter((r) => rowsOf(r).length > 0);
  const tasks = [
    ...new Set(counted.flatMap((r) => [...groupBy(rowsOf(r), (x) => x.rTask)].filter(([, l]) => selfService(l).tx > 0).map(([t]) => t))),
  ];
  const cells = (list: (r: LookupRound) => FileRow[], task: string | null): Fields => {
    const out: Fields = {};
    counted.forEach((r, i) => {
      const s = selfService(list(r));
      out[`r${i}`] = s.rate;
      out[`r${i}N`] = s.tx;
      if (task !== null && r.packageName && !inPackage(r).has(task))
        out[`r${i}.missing`] = `opgaven var ikke i rundens opgavepakke «${r.packageName}»`;
    });
    if (task !== null)
      out.notInPackage = counted
        .filter((r) => r.packageName && !inPackage(r).has(task))
        .map((r) => `${r.name} (${r.packageName})`)
        .join(", ");
    return out;
  };
  const matrix = new Map(tasks.map((t) => [t, cells((r) => rowsOf(r).filter((x) => x.rTask === t), t)]));

  return {
    "pr-runde": { rows: main, key: ["round"], ordered: true },
    "opgave-runde": { rows: matrix, key: ["code"], total: cells(rowsOf, null) },
    "kanaler-pr-runde": { rows: channels, key: ["round", "channelCode"] },
  };
}
