import "server-only";
import { type Access, canMassRegister, canMassRegisterInUnit, isNational, massRegistrationUnitScope } from "@/lib/auth/access";
import { treeOrder } from "@/lib/units/page-queries";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { CHANNELS, CLOSURES, CONTACT_TYPES } from "@/lib/reference/codes";

/**
 * What the mass registration form offers: the units the user may mass-register in (tree order,
 * with path), each with its enabled channels and allowed tasks (as indexes into one task list, so a
 * municipality with many units and tasks stays a small page), and the fixed code lists.
 */
export async function loadMassRegistrationForm(prisma: PrismaClient, access: Access) {
  if (!canMassRegister(access)) return null;
  const units = await prisma.unit.findMany({
    where: { archivedAt: null, ...massRegistrationUnitScope(access) },
    select: {
      id: true,
      name: true,
      parentId: true,
      testMode: true,
      municipality: { select: { name: true } },
      channels: { select: { channelCode: true } },
      tasks: { select: { task: { select: { id: true, number: true, title: true } } } },
    },
    orderBy: { name: "asc" },
  });
  const tasks = [...new Map(units.flatMap((u) => u.tasks.map((t) => [t.task.id, t.task]))).values()].sort((a, b) =>
    a.number.localeCompare(b.number),
  );
  const taskIndex = new Map(tasks.map((t, i) => [t.id, i]));
  const severalMunicipalities = new Set(units.map((u) => u.municipality.name)).size > 1;
  return {
    units: treeOrder(units).map((u) => ({
      id: u.id,
      label: severalMunicipalities ? `${u.municipality.name}: ${u.path}` : u.path,
      testMode: u.testMode,
      channels: u.channels.map((c) => c.channelCode),
      tasks: u.tasks.map((t) => taskIndex.get(t.task.id)!).sort((a, b) => a - b),
    })),
    tasks,
    channels: CHANNELS.map((c) => ({ code: c.code, name: c.name, direction: c.direction, asksForm: c.asksForm })),
    contactTypes: CONTACT_TYPES.map((t) => ({ code: t.code, label: t.label })),
    closures: CLOSURES.map((c) => ({ code: c.code, label: c.label })),
  };
}
export type MassRegistrationForm = NonNullable<Awaited<ReturnType<typeof loadMassRegistrationForm>>>;

export interface MassChoices {
  unitId: string;
  direction: "IN" | "OUT";
  channelCode: string;
  taskId: string;
  contactTypeCode: string;
  closureCode: string;
  form: "" | "ja" | "nej";
}

/**
 * The choices of the user's latest mass registration that still stands, to fill in the form again.
 * Read from the database rather than the browser, so they follow the user to any computer, store
 * nothing new, and never offer a unit the user has since lost (the scope is part of the query).
 */
export async function lastMassChoices(prisma: PrismaClient, access: Access): Promise<MassChoices | null> {
  if (!canMassRegister(access)) return null;
  // From the batch (few rows, newest first) to its one registration, rather than scanning registrations.
  const batch = await prisma.importBatch.findFirst({
    where: {
      kind: "MASS",
      createdById: access.userId,
      undoneAt: null,
      registrations: { some: { unit: { archivedAt: null, ...massRegistrationUnitScope(access) } } },
    },
    select: {
      registrations: {
        take: 1,
        select: {
          unitId: true,
          channelCode: true,
          taskId: true,
          contactTypeCode: true,
          closureCode: true,
          form: true,
          channel: { select: { direction: true } },
        },
      },
    },
    orderBy: { createdAt: "desc" },
  });
  const row = batch?.registrations[0];
  if (!row) return null;
  return {
    unitId: row.unitId,
    direction: row.channel.direction,
    channelCode: row.channelCode,
    taskId: row.taskId,
    contactTypeCode: row.contactTypeCode ?? "",
    closureCode: row.closureCode ?? "",
    form: row.form === null ? "" : row.form ? "ja" : "nej",
  };
}

export const MASS_LIST_LIMIT = 100;

/**
 * Earlier mass registrations that still stand, newest first: all for national staff (read only),
 * otherwise those in units the user may mass-register in. `canDelete` says whether this user may.
 */
export async function listMassRegistrations(prisma: PrismaClient, access: Access) {
  const scope = massRegistrationUnitScope(access);
  const where = {
    kind: "MASS" as const,
    undoneAt: null,
    ...(isNational(access) ? {} : { registrations: { some: { unit: scope } } }),
  };
  const [batches, total] = await Promise.all([
    prisma.importBatch.findMany({
      where,
      select: {
        id: true,
        createdAt: true,
        totalQuantity: true,
        createdBy: { select: { name: true } },
        municipality: { select: { name: true } },
        registrations: {
          take: 1,
          select: {
            unitId: true,
            municipalityId: true,
            occurredAt: true,
            isoYear: true,
            isoWeek: true,
            form: true,
            isTest: true,
            unit: { select: { name: true } },
            task: { select: { number: true, title: true } },
            channel: { select: { name: true, direction: true } },
            contactType: { select: { label: true } },
            closure: { select: { label: true } },
          },
        },
      },
      orderBy: { createdAt: "desc" },
      take: MASS_LIST_LIMIT,
    }),
    prisma.importBatch.count({ where }),
  ]);
  const rows = batches.flatMap(({ registrations: [registration], ...batch }) =>
    registration
      ? [
          {
            ...batch,
            registration,
            canDelete: canMassRegisterInUnit(access, { id: registration.unitId, municipalityId: registration.municipalityId }),
          },
        ]
      : [],
  );
  return { rows, total };
}

/** Everything the mass registration page reads, for the caller's access. */
export async function loadMassRegistrationPage(access: Access) {
  const [form, last, list] = await Promise.all([
    loadMassRegistrationForm(db(), access),
    lastMassChoices(db(), access),
    listMassRegistrations(db(), access),
  ]);
  return { form, last, list };
}
