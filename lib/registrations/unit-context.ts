import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * What the server must know about a unit to accept a registration: which channels it enables,
 * which tasks it allows, its test mode and its questions. Loaded with the caller's membership in the
 * same query, so a unit the user does not belong to is simply not found.
 */
export async function loadRegistrationUnit(prisma: PrismaClient, userId: string, unitId: string) {
  return prisma.unit.findFirst({
    where: {
      id: unitId,
      archivedAt: null,
      memberships: { some: { userId, role: { in: ["REGISTRANT", "UNIT_LEAD"] } } },
    },
    select: {
      id: true,
      municipalityId: true,
      name: true,
      testMode: true,
      timeMeasurement: true,
    },
  });
}
export type RegistrationUnit = NonNullable<Awaited<ReturnType<typeof loadRegistrationUnit>>>;

/** Is the local date (Europe/Copenhagen) inside one of the municipality's counting weeks or local periods? */
export async function isInCountingPeriod(
  prisma: PrismaClient,
  municipalityId: string,
  week: { isoYear: number; isoWeek: number },
  localDay: Date,
): Promise<boolean> {
  const [weeks, periods] = await Promise.all([
    prisma.municipalityCountingWeek.count({ where: { municipalityId, isoYear: week.isoYear, isoWeek: week.isoWeek } }),
    prisma.localCountingPeriod.count({ where: { municipalityId, startsOn: { lte: localDay }, endsOn: { gte: localDay } } }),
  ]);
  return weeks + periods > 0;
}
