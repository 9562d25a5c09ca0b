import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { localDateOnly } from "@/lib/counting/iso-week";
import { taskLevelOfNumber } from "@/lib/reference/codes";

// Reads for the unit pages. `municipalityId` always comes from a scoped lookup by the page.

export async function loadUnitDetail(prisma: PrismaClient, municipalityId: string, unitId: string) {
  const unit = await prisma.unit.findFirst({
    where: { id: unitId, municipalityId },
    select: {
      id: true,
      name: true,
      parentId: true,
      kind: true,
      archivedAt: true,
      timeMeasurement: true,
      testMode: true,
      // In the unit's order: the registration screen's keys follow it.
      channels: {
        select: { channelCode: true, channel: { select: { name: true, direction: true } } },
        orderBy: [{ sortOrder: "asc" }, { channel: { sortOrder: "asc" } }],
      },
      tasks: {
        select: { task: { select: { id: true, number: true, title: true, level: true } } },
        orderBy: [{ sortOrder: "asc" }, { task: { number: "asc" } }],
      },
    },
  });
  if (!unit) return null;
  const [registrations, testRegistrations, children, people, login] = await Promise.all([
    prisma.registration.count({ where: { unitId, municipalityId } }),
    prisma.registration.count({ where: { unitId, municipalityId, isTest: true } }),
    prisma.unit.count({ where: { parentId: unitId, municipalityId } }),
    prisma.membership.count({ where: { unitId, municipalityId, user: { kind: "PERSON" } } }),
    prisma.user.findFirst({
      where: { kind: "UNIT_LOGIN", memberships: { some: { unitId, municipalityId } } },
      select: { email: true, deactivatedAt: true },
    }),
  ]);
  return {
    ...unit,
    channelCodes: unit.channels.map((c) => c.channelCode),
    orderedChannels: [
      ...unit.channels.filter((c) => c.channel.direction === "IN"),
      ...unit.channels.filter((c) => c.channel.direction === "OUT"),
    ].map((c) => ({ code: c.channelCode, name: c.channel.name, direction: c.channel.direction })),
    tasks: unit.tasks.map((t) => t.task),
    registrations,
    testRegistrations,
    children,
    people,
    login,
  };
}
export type UnitDetail = NonNullable<Awaited<ReturnType<typeof loadUnitDetail>>>;

export function listChannels(prisma: PrismaClient) {
  return prisma.channel.findMany({
    select: { code: true, name: true, direction: true, selfService: true, asksForm: true },
    orderBy: { sortOrder: "asc" },
  });
}

export function listPackages(prisma: PrismaClient) {
  return prisma.taskPackage.findMany({
    select: {
      id: true,
      name: true,
      items: {
        select: { obligatory: true, removed: true, title: true, needGroup: true, task: { select: { id: true, number: true } } },
        orderBy: { sortOrder: "asc" },
      },
    },
    orderBy: { createdAt: "asc" },
  });
}

/** KLE tasks by number prefix ("23.05") or by words in the title ("pas kørekort"), emne and gruppe level, in force. */
export async function searchTasks(prisma: PrismaClient, query: string, now: Date = new Date(), limit = 40) {
  const q = query.trim().slice(0, 100);
  if (q.length < 2) return [];
  const byNumber = /^\d{2}(\.\d{0,2}){0,2}$/.test(q);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  return prisma.task.findMany({
    where: {
      level: { in: ["GRUPPE", "EMNE"] },
      OR: [{ validTo: null }, { validTo: { gte: localDateOnly(now) } }],
      ...(byNumber ? { number: { startsWith: q } } : { AND: words.map((w) => ({ title: { contains: w, mode: "insensitive" as const } })) }),
    },
    select: { id: true, number: true, title: true, level: true },
    orderBy: { number: "asc" },
    take: limit,
  });
}

export function taskLevelLabel(number: string): string {
  const level = taskLevelOfNumber(number);
  return level === "GRUPPE" ? "gruppe" : level === "EMNE" ? "emne" : "";
}

/** The municipality's units for selects: active ones, with their path, in tree order. */
export async function unitOptions(prisma: PrismaClient, municipalityId: string, { includeArchived = false } = {}) {
  const units = await prisma.unit.findMany({
    where: { municipalityId, ...(includeArchived ? {} : { archivedAt: null }) },
    select: { id: true, name: true, parentId: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  return treeOrder(units);
}

export function treeOrder<T extends { id: string; parentId: string | null; name: string }>(
  units: T[],
): (T & { depth: number; path: string })[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, T[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: (T & { depth: number; path: string })[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, path: string) => {
    for (const u of children.get(parent) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      const p = path ? `${path} / ${u.name}` : u.name;
      out.push({ ...u, depth, path: p });
      walk(u.id, depth + 1, p);
    }
  };
  walk(null, 0, "");
  return out;
}
