import { z } from "zod";
import { db } from "@/lib/db";

// National staff read every municipality (their scope is "all"), so these queries have no tenant filter.
// Callers must have passed requireSection("national").

export interface MunicipalityOverview {
  id: string;
  number: number;
  name: string;
  units: number;
  users: number;
  registrations: number;
  quantity: number;
}

export async function loadMunicipalityOverview(): Promise<MunicipalityOverview[]> {
  const prisma = db();
  const [municipalities, userCounts, registrationGroups] = await Promise.all([
    prisma.municipality.findMany({
      select: { id: true, number: true, name: true, _count: { select: { units: { where: { archivedAt: null } } } } },
      orderBy: { number: "asc" },
    }),
    // Distinct people per municipality (a person may hold several memberships there).
    prisma.$queryRaw<{ municipalityId: string; users: number }[]>`
      SELECT municipality_id::text AS "municipalityId", COUNT(DISTINCT user_id)::int AS users
      FROM membership WHERE municipality_id IS NOT NULL GROUP BY municipality_id`,
    prisma.registration.groupBy({
      by: ["municipalityId"],
      where: { isTest: false },
      _count: { _all: true },
      _sum: { quantity: true },
    }),
  ]);
  const users = new Map(userCounts.map((row) => [row.municipalityId, Number(row.users)]));
  const registrations = new Map(registrationGroups.map((g) => [g.municipalityId, g]));
  return municipalities.map((m) => ({
    id: m.id,
    number: m.number,
    name: m.name,
    units: m._count.units,
    users: users.get(m.id) ?? 0,
    registrations: registrations.get(m.id)?._count._all ?? 0,
    quantity: registrations.get(m.id)?._sum.quantity ?? 0,
  }));
}

export function loadCountingRounds() {
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

export function loadTaskPackages() {
  return db().taskPackage.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "desc" } });
}

export function loadCountingRound(id: string) {
  if (!z.uuid().safeParse(id).success) return Promise.resolve(null);
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
      _count: { select: { countingWeeks: true, questions: true, setupSnapshots: true } },
    },
  });
}

/** KL's custom: the next round after today is the autumn (weeks 43–45) or the following spring (weeks 17–19). */
export function suggestedNextRound(today = new Date()) {
  const year = today.getUTCFullYear();
  return today.getUTCMonth() < 6
    ? { name: `Efterår ${year}`, isoYear: year, firstWeek: 43, weekCount: 3, packageId: null }
    : { name: `Forår ${year + 1}`, isoYear: year + 1, firstWeek: 17, weekCount: 3, packageId: null };
}

/** How much of KLE is loaded, and the last import (from the audit log). */
export async function loadKleStatus() {
  const [tasks, last] = await Promise.all([
    db().task.count({ where: { source: "KLE" } }),
    db().auditEvent.findFirst({ where: { action: "kle.import" }, orderBy: { id: "desc" }, select: { occurredAt: true, after: true } }),
  ]);
  const publishedOn = (last?.after as { publishedOn?: string } | null)?.publishedOn ?? null;
  return { tasks, importedAt: last?.occurredAt ?? null, publishedOn };
}

/** KL's own changes (rounds, packages, KLE, municipalities, national prices), newest first. */
export async function loadNationalLog(limit = 200) {
  const prefixes = ["round.", "package.", "kle.", "municipality.", "channel_price.set_national"];
  const events = await db().auditEvent.findMany({
    where: { OR: prefixes.map((p) => ({ action: { startsWith: p } })) },
    select: { id: true, occurredAt: true, actorUserId: true, municipalityId: true, action: true, before: true, after: true },
    orderBy: { id: "desc" },
    take: limit,
  });
  const ids = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  const municipalityIds = [...new Set(events.flatMap((e) => (e.municipalityId ? [e.municipalityId] : [])))];
  const [userRows, municipalityRows] = await Promise.all([
    db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    db().municipality.findMany({ where: { id: { in: municipalityIds } }, select: { id: true, name: true } }),
  ]);
  const users = new Map(userRows.map((u) => [u.id, u.name]));
  const municipalities = new Map(municipalityRows.map((m) => [m.id, m.name]));
  return events.map((e) => ({
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    actor: e.actorUserId ? (users.get(e.actorUserId) ?? "Ukendt bruger") : "System (kommandolinjen)",
    action: e.action,
    municipality: e.municipalityId ? (municipalities.get(e.municipalityId) ?? null) : null,
    before: e.before,
    after: e.after,
  }));
}
