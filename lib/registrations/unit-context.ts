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
