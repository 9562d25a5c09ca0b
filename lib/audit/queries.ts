import "server-only";
import { type Access, canViewMunicipalityAdministration, requireNational } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { type AuditNames, auditActionLabel, describeAuditEvent, describeValues } from "./describe";

// The coordinator's view of the audit log: one municipality's events, newest first, filtered by
// unit and by the person who acted, with names looked up for display.

export const AUDIT_PAGE_SIZE = 50;

/** One audit event as the log table shows it: the action in Danish, what it concerned below it. */
export type AuditRow = {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  /** Who did what to which unit or person, as one Danish sentence (lib/audit/describe.ts). */
  summary: string;
  /** The unit, the user or the municipality the event concerned, one line each. */
  details: string[];
  before: unknown;
  after: unknown;
  /** The values before and after in words. */
  beforeText: string;
  afterText: string;
};

/** The task ids in registration events' values, for their numbers and titles in the log. */
async function taskNames(prisma: Pick<PrismaClient, "task">, events: { before: unknown; after: unknown }[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of events) {
    for (const v of [e.before, e.after]) {
      const id = v && typeof v === "object" ? (v as { taskId?: unknown }).taskId : undefined;
      if (typeof id === "string") ids.add(id);
    }
  }
  if (!ids.size) return new Map();
  const tasks = await prisma.task.findMany({ where: { id: { in: [...ids] } }, select: { id: true, number: true, title: true } });
  return new Map(tasks.map((t) => [t.id, `${t.number} ${t.title}`]));
}

export async function listAuditEvents(
  prisma: PrismaClient,
  filter: { municipalityId: string; unitId?: string | null; actorUserId?: string | null; page?: number },
) {
  const where: Prisma.AuditEventWhereInput = {
    municipalityId: filter.municipalityId,
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
  };
  const page = Math.max(1, filter.page ?? 1);
  const [total, events, actors] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      select: {
        id: true,
        occurredAt: true,
        actorUserId: true,
        unitId: true,
        action: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
      },
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    prisma.auditEvent.findMany({
      where: { municipalityId: filter.municipalityId, actorUserId: { not: null } },
      distinct: ["actorUserId"],
      select: { actorUserId: true },
    }),
  ]);
  const userIds = [
    ...new Set([
      ...actors.map((a) => a.actorUserId!),
      ...events.flatMap((e) => (e.entityType === "user" && e.entityId ? [e.entityId] : [])),
    ]),
  ];
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    prisma.unit.findMany({ where: { municipalityId: filter.municipalityId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const tasks = await taskNames(prisma, events);
  const names: AuditNames = { unit: (id) => unitName.get(id), user: (id) => userName.get(id), task: (id) => tasks.get(id) };
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    events: events.map((e) => {
      const actor = e.actorUserId ? (userName.get(e.actorUserId) ?? "Ukendt bruger") : "System";
      const unit = e.unitId ? (unitName.get(e.unitId) ?? "Slettet enhed") : null;
      const subject = e.entityType === "user" && e.entityId ? (userName.get(e.entityId) ?? null) : null;
      return {
        id: e.id.toString(),
        occurredAt: e.occurredAt,
        actor,
        action: auditActionLabel(e.action),
        summary: describeAuditEvent({ action: e.action, actor, unit, subject }),
        details: [...(unit ? [unit] : []), ...(subject ? [subject] : [])],
        before: e.before,
        after: e.after,
        beforeText: describeValues(e.before, names),
        afterText: describeValues(e.after, names),
      };
    }) satisfies AuditRow[],
    actors: users.filter((u) => actors.some((a) => a.actorUserId === u.id)).sort((a, b) => a.name.localeCompare(b.name, "da")),
    units,
  };
}

/** KL's own changes (rounds, packages, KLE, municipalities, national prices), newest first. */
export async function loadNationalLog(access: Access, limit = 200): Promise<AuditRow[]> {
  requireNational(access); // KL's staff only: no tenant filter below
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
  return events.map((e) => {
    const actor = e.actorUserId ? (users.get(e.actorUserId) ?? "Ukendt bruger") : "System (kommandolinjen)";
    const municipality = e.municipalityId ? municipalities.get(e.municipalityId) : undefined;
    return {
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      actor,
      action: auditActionLabel(e.action),
      summary: `${describeAuditEvent({ action: e.action, actor }).slice(0, -1)}${municipality ? ` (${municipality})` : ""}.`,
      details: municipality ? [municipality] : [],
      before: e.before,
      after: e.after,
      beforeText: describeValues(e.before, { user: (id) => users.get(id) }),
      afterText: describeValues(e.after, { user: (id) => users.get(id) }),
    };
  });
}

/** The coordinators' log page: one municipality's events, for someone who may see its administration. */
export async function loadAuditLog(access: Access, filter: Parameters<typeof listAuditEvents>[1]) {
  if (!canViewMunicipalityAdministration(access, filter.municipalityId)) throw new AccessDeniedError();
  return listAuditEvents(db(), filter);
}
