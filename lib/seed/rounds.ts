// The national counting rounds KL set, plus (demo installations only) a "current" round for the
// present half-year so the demo has a round that contains today.

import { addIsoWeeks, isoWeekOf, localDateOf, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { PACKAGE_2012, PACKAGE_2013_AUTUMN } from "./packages";

export interface SeedRound {
  code: string;
  name: string;
  /** Monday of the first week, date-only (UTC midnight). */
  startsOn: Date;
  isoYear: number;
  firstWeek: number;
  weekCount: number;
  packageCode: string | null;
}

function round(code: string, name: string, isoYear: number, firstWeek: number, packageCode: string | null): SeedRound {
  return { code, name, startsOn: mondayOfIsoWeek(isoYear, firstWeek), isoYear, firstWeek, weekCount: 3, packageCode };
}

/** KL's rounds, three weeks each. No package is known for spring 2015. */
export const NATIONAL_ROUNDS: readonly SeedRound[] = [
  round("autumn-2011", "Efterår 2011", 2011, 43, PACKAGE_2012),
  round("spring-2012", "Forår 2012", 2012, 17, PACKAGE_2012),
  round("autumn-2012", "Efterår 2012", 2012, 43, PACKAGE_2012),
  round("autumn-2013", "Efterår 2013", 2013, 43, PACKAGE_2013_AUTUMN), // from Monday 21 Oct 2013
  round("spring-2015", "Forår 2015", 2015, 18, null), // from Monday 27 Apr 2015
];

// The current round uses the autumn-2013 package: it is the last complete package KL published
// (45 tasks across citizen service, Udbetaling Danmark, SKAT, day care and technical areas). The
// spring-2016 list holds only the 8 tasks still obligatory after the earlier waves and would leave
// most of a citizen service's everyday tasks (Flytning, Pas, Kørekort) outside the round's package.
export const CURRENT_ROUND_PACKAGE = PACKAGE_2013_AUTUMN;

/**
 * A round for the half-year containing `today`: three ISO weeks starting the week before today's,
 * so today is in the middle week. The code depends only on the half-year ("current-2026-h2"), and
 * the seed creates the round only when that code is missing, so re-seeding later in the same
 * half-year keeps the round that was first created rather than adding another.
 */
export function currentRound(today: Date = new Date()): SeedRound {
  const { year, month } = localDateOf(today);
  const half = month <= 6 ? 1 : 2;
  const first = addIsoWeeks(isoWeekOf(today), -1);
  return {
    code: `current-${year}-h${half}`,
    name: `${half === 1 ? "Forår" : "Efterår"} ${year}`,
    startsOn: mondayOfIsoWeek(first.isoYear, first.isoWeek),
    isoYear: first.isoYear,
    firstWeek: first.isoWeek,
    weekCount: 3,
    packageCode: CURRENT_ROUND_PACKAGE,
  };
}

export function seedRounds(today: Date = new Date()): SeedRound[] {
  return [...NATIONAL_ROUNDS, currentRound(today)];
}
