import { loadCountingCalendar, utcHourOf } from "@/lib/counting/in-counting-week";
import { consecutiveIsoWeeks, type IsoWeek, isoWeekKey, isoWeekOf } from "@/lib/counting/iso-week";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type PlainCalendar, plainCalendar, plainCalendarFlagger } from "./plan-rows";

// What an import's preview says about counting weeks before anything is written: which ISO weeks
// the file's rows fall in, how many rows fall outside the municipality's counting weeks (reports
// leave those out), which national round's weeks cover them, and the weeks the municipality would
// join. Joining a round takes every week of it the file has data in (plus the round's first week,
// which is mandatory): joining only the first week would silently leave out the rest of the data.
// The database part (loadWeeksContext) runs on the request thread; the per-row part
// (summariseImportWeeks) where the rows are: in the import worker for a file.

export interface ImportWeek extends IsoWeek {
  rows: number;
  quantity: number;
  /** Rows (and contacts) outside the municipality's counting weeks and local periods as they stand. */
  outsideRows: number;
  outsideQuantity: number;
}

export interface RoundOffer {
  roundId: string;
  code: string;
  name: string;
  /** All the round's weeks. */
  roundWeeks: IsoWeek[];
  /** The round's weeks the file has rows in. */
  dataWeeks: IsoWeek[];
  /** The weeks joining adds: the data's weeks and the mandatory first week, minus those counted already. */
  joinWeeks: IsoWeek[];
  /** Outside rows (contacts) in the round's weeks. */
  rows: number;
  quantity: number;
}

export interface ImportWeeks {
  weeks: ImportWeek[];
  outside: { rows: number; quantity: number };
  rounds: RoundOffer[];
  /** Outside rows in no national round's weeks: only a local counting period would take them in. */
  uncovered: { rows: number; quantity: number };
}

/** What the weeks summary needs from the database, as plain data (it crosses to the import worker). */
export interface WeeksContext {
  calendar: PlainCalendar;
  rounds: { id: string; code: string; name: string; isoYear: number; firstWeek: number; weekCount: number }[];
}

/** The municipality's counting calendar and the national rounds; writes nothing. */
export async function loadWeeksContext(
  prisma: Pick<PrismaClient, "municipalityCountingWeek" | "localCountingPeriod" | "countingRound">,
  municipalityId: string,
): Promise<WeeksContext> {
  const [calendar, rounds] = await Promise.all([
    loadCountingCalendar(prisma, municipalityId),
    prisma.countingRound.findMany({
      select: { id: true, code: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
      orderBy: { startsOn: "asc" },
    }),
  ]);
  return {
    calendar: plainCalendar(calendar),
    rounds,
  };
}

/** The weeks summary of rows, judged by the one counting-week rule against the calendar as it stands. */
export function summariseImportWeeks(
  rows: readonly { occurredAt: Date; quantity: number }[],
  { calendar, rounds }: WeeksContext,
): ImportWeeks {
  const counted = new Set(calendar.weekKeys);
  const inside = plainCalendarFlagger(calendar);
  // Copenhagen's date is the same for a whole UTC hour (see countingWeekFlagger): one lookup per hour.
  const weekByHour = new Map<number, IsoWeek>();
  const weeks = new Map<number, ImportWeek>();
  for (const r of rows) {
    const hour = utcHourOf(r.occurredAt);
    let week = weekByHour.get(hour);
    if (!week) weekByHour.set(hour, (week = isoWeekOf(r.occurredAt)));
    const key = isoWeekKey(week);
    let w = weeks.get(key);
    if (!w) weeks.set(key, (w = { ...week, rows: 0, quantity: 0, outsideRows: 0, outsideQuantity: 0 }));
    w.rows++;
    w.quantity += r.quantity;
    if (!inside(r.occurredAt)) {
      w.outsideRows++;
      w.outsideQuantity += r.quantity;
    }
  }
  const sorted = [...weeks.entries()].sort(([a], [b]) => a - b).map(([, w]) => w);
  const outside = { rows: 0, quantity: 0 };
  const uncovered = { rows: 0, quantity: 0 };
  const offers = new Map<string, RoundOffer>();
  for (const w of sorted) {
    if (!w.outsideRows) continue;
    outside.rows += w.outsideRows;
    outside.quantity += w.outsideQuantity;
    const key = isoWeekKey(w);
    const round = rounds.find((r) =>
      consecutiveIsoWeeks({ isoYear: r.isoYear, isoWeek: r.firstWeek }, r.weekCount).some((x) => isoWeekKey(x) === key),
    );
    if (!round) {
      uncovered.rows += w.outsideRows;
      uncovered.quantity += w.outsideQuantity;
      continue;
    }
    let offer = offers.get(round.id);
    if (!offer) {
      const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
      const dataWeeks = roundWeeks.filter((x) => weeks.has(isoWeekKey(x)));
      const joinWeeks = roundWeeks.filter((x, i) => (i === 0 || weeks.has(isoWeekKey(x))) && !counted.has(isoWeekKey(x)));
      offers.set(
        round.id,
        (offer = { roundId: round.id, code: round.code, name: round.name, roundWeeks, dataWeeks, joinWeeks, rows: 0, quantity: 0 }),
      );
    }
    offer.rows += w.outsideRows;
    offer.quantity += w.outsideQuantity;
  }
  return { weeks: sorted, outside, rounds: [...offers.values()], uncovered };
}

/** The rounds to join and their weeks, as the import's joinRounds option. */
export function roundJoins(w: ImportWeeks): { roundId: string; weeks: IsoWeek[] }[] {
  return w.rounds.filter((r) => r.joinWeeks.length).map((r) => ({ roundId: r.roundId, weeks: r.joinWeeks }));
}
