import "server-only";
import { type Access, requireNational } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { isId } from "@/lib/ids";

// KL's view of the national counting rounds (coordinators see theirs on the counting-weeks page).

export function loadCountingRounds(access: Access) {
  requireNational(access); // KL's staff only: no tenant filter below
  return db().countingRound.findMany({
    select: {
      id: true,
      name: true,
      startsOn: true,
      isoYear: true,
      firstWeek: true,
      weekCount: true,
      package: { select: { name: true } },
      _count: { select: { countingWeeks: true } },
    },
    orderBy: { startsOn: "desc" },
  });
}

export function loadCountingRound(access: Access, id: string) {
  requireNational(access); // KL's staff only: no tenant filter below
  if (!isId(id)) return Promise.resolve(null);
  return db().countingRound.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      code: true,
      isoYear: true,
      firstWeek: true,
      weekCount: true,
      startsOn: true,
      packageId: true,
      minApprovedMunicipalities: true,
      _count: { select: { countingWeeks: true, questions: true, setupSnapshots: true } },
    },
  });
}

/** KL's custom: the next round after today is the autumn (weeks 43–45) or the following spring (weeks 17–19). */
export function suggestedNextRound(today = new Date()) {
  const year = today.getUTCFullYear();
  return today.getUTCMonth() < 6
    ? { name: `Efterår ${year}`, isoYear: year, firstWeek: 43, weekCount: 3, packageId: null, minApprovedMunicipalities: 15 }
    : { name: `Forår ${year + 1}`, isoYear: year + 1, firstWeek: 17, weekCount: 3, packageId: null, minApprovedMunicipalities: 15 };
}
