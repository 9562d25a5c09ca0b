import "server-only";
import { type Access, canViewMunicipalityAdministration } from "@/lib/auth/access";
import { db, getDatabase } from "@/lib/db";
import { hasEnded } from "@/lib/units/setup-snapshot";
import { tallyRounds } from "./round-tally";
import { AccessDeniedError } from "@/lib/errors";

/**
 * The counting weeks page: every national round, the weeks the municipality chose in them, its local
 * periods, how many registrations lie outside its counting weeks, and for each ended round what the
 * municipality actually counted in it (lib/counting/round-tally.ts).
 */
export async function loadCountingWeeksPage(access: Access, municipalityId: string, now = new Date()) {
  if (!canViewMunicipalityAdministration(access, municipalityId)) throw new AccessDeniedError();
  const [rounds, weeks, periods, outside] = await Promise.all([
    db().countingRound.findMany({
      select: {
        id: true,
        name: true,
        isoYear: true,
        firstWeek: true,
        weekCount: true,
        startsOn: true,
        package: { select: { name: true } },
      },
      orderBy: { startsOn: "desc" },
    }),
    db().municipalityCountingWeek.findMany({ where: { municipalityId }, select: { isoYear: true, isoWeek: true, roundId: true } }),
    db().localCountingPeriod.findMany({
      where: { municipalityId },
      select: { id: true, name: true, startsOn: true, endsOn: true },
      orderBy: { startsOn: "desc" },
    }),
    db().registration.count({ where: { municipalityId, inCountingWeek: false, isTest: false } }),
  ]);
  const tallies = await tallyRounds(
    getDatabase().sql.query.bind(getDatabase().sql),
    municipalityId,
    rounds.filter((r) => hasEnded(r, now)),
  );
  return { rounds, weeks, periods, outside, tallies };
}
