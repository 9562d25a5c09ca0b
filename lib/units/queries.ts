import "server-only";
import { type Access, canReadUnit, canViewMunicipalityAdministration, registrationUnitIds, unitReadScope } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import { planStartFromLastRound } from "./start-from-last-round";
import { previousRound, targetRound } from "./setup-snapshot";
import { listChannels, listPackages, loadUnitDetail, searchTasks, treeOrder } from "./page-queries";
import { municipalityDataScope } from "@/lib/auth/scopes";
import { roundTaskTitles } from "@/lib/tasks/round-titles";
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

/**
 * A unit's administration page: the unit with what it counts, the choices the page offers (channels,
 * packages, the task search for `query`), the municipality's unit tree, the round its setup is for and
 * the round before, and the tiles' task names in that round. The unit is looked up within the
 * municipalities the caller may see: another municipality's unit is null, like one that does not exist.
 */
export async function loadUnitPage(access: Access, unitId: string, query: string) {
  if (!isId(unitId)) return null;
  const scoped = await db().unit.findFirst({
    where: { id: unitId, municipality: municipalityDataScope(access) },
    select: { municipalityId: true, municipality: { select: { number: true, name: true } } },
  });
  if (!scoped) return null;
  const municipalityId = scoped.municipalityId;
  const [unit, channels, packages, units, target, results, lastRound] = await Promise.all([
    loadUnitDetail(db(), municipalityId, unitId),
    listChannels(db()),
    listPackages(db()),
    db().unit.findMany({
      where: { municipalityId },
      select: { id: true, name: true, parentId: true, archivedAt: true },
      orderBy: { name: "asc" },
    }),
    targetRound(db(), municipalityId, new Date()),
    query ? searchTasks(db(), query) : Promise.resolve(null),
    previousRound(db(), municipalityId, new Date()),
  ]);
  if (!unit) return null;
  // The names the registration screen's tiles show: KL's names in the round's package.
  const titles = await roundTaskTitles(
    db(),
    municipalityId,
    target ? { packageId: target.packageId } : null,
    unit.tasks.map((t) => t.id),
  );
  return {
    municipalityId,
    municipality: scoped.municipality,
    unit,
    channels,
    packages,
    tree: treeOrder(units),
    target,
    results,
    lastRound,
    titles,
  };
}
