import { type Access, canReadUnit, canViewMunicipalityAdministration, registrationUnitIds, unitReadScope } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import { planStartFromLastRound } from "./start-from-last-round";
import { previousRound } from "./setup-snapshot";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { isId } from "@/lib/ids";

/** A unit the user may read, or null. The scope is part of the query: no load-then-check. */
export async function findReadableUnit(prisma: PrismaClient, access: Access, unitId: string) {
  if (!isId(unitId)) return null;
  return prisma.unit.findFirst({
    where: { AND: [{ id: unitId }, unitReadScope(access)] },
    select: { id: true, municipalityId: true, name: true, archivedAt: true, testMode: true, timeMeasurement: true },
  });
}

/** The units the user registers in, with their municipality, in a stable order. */
export async function listRegistrationUnits(prisma: PrismaClient, access: Access) {
  const ids = registrationUnitIds(access);
  if (ids.length === 0) return [];
  return prisma.unit.findMany({
    where: { id: { in: ids }, archivedAt: null },
    select: { id: true, name: true, municipalityId: true, municipality: { select: { name: true, number: true } } },
    orderBy: [{ municipality: { number: "asc" } }, { name: "asc" }],
  });
}

/** What a unit counts: its enabled channels and allowed tasks (for the registration screen and the tally sheet). */
export async function unitSetup(prisma: PrismaClient, access: Access, unitId: string) {
  const unit = await findReadableUnit(prisma, access, unitId);
  // Defence in depth: the query was scoped; check the rule once more before returning data.
  if (!unit || !(canReadUnit(access, unit) || registrationUnitIds(access).includes(unit.id))) return null;
  const [channels, tasks] = await Promise.all([
    prisma.unitChannel.findMany({
      where: { unitId: unit.id },
      select: { channel: { select: { code: true, name: true, direction: true, selfService: true, asksForm: true, sortOrder: true } } },
      orderBy: { channel: { sortOrder: "asc" } },
    }),
    prisma.unitTask.findMany({
      where: { unitId: unit.id },
      select: { task: { select: { id: true, number: true, title: true, level: true } } },
      orderBy: { task: { number: "asc" } },
    }),
  ]);
  return {
    unit: { id: unit.id, name: unit.name, testMode: unit.testMode, timeMeasurement: unit.timeMeasurement },
    channels: channels.map((c) => c.channel),
    tasks: tasks.map((t) => t.task),
  };
}

/** The units the user registers in (the registration page's picker). */
export function registrationUnitsOf(access: Access) {
  return listRegistrationUnits(db(), access);
}

/** "Start fra sidste runde" on the administration page: the plan and the round it starts from. */
export async function loadStartFromLastRound(access: Access, municipalityId: string) {
  if (!canViewMunicipalityAdministration(access, municipalityId)) throw new AccessDeniedError();
  const [plan, last] = await Promise.all([planStartFromLastRound(db(), municipalityId), previousRound(db(), municipalityId, new Date())]);
  return { plan, last };
}
