import "server-only";
import { type Access, canViewMunicipalityAdministration, requireNational } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// The coordinator's view of the audit log: one municipality's events, newest first, filtered by
// unit and by the person who acted, with names looked up for display.

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "unit.create": "Enhed oprettet",
  "unit.update": "Enhed omdøbt eller ændret type",
  "unit.move": "Enhed flyttet",
  "unit.archive": "Enhed arkiveret",
  "unit.reactivate": "Enhed genaktiveret",
  "unit.delete": "Enhed slettet",
  "unit.channels": "Kanaler ændret",
  "unit.tasks.add": "Opgaver tilføjet",
  "unit.tasks.remove": "Opgaver fjernet",
  "unit.copy": "Opsætning kopieret fra anden enhed",
  "unit.options": "Indstillinger ændret",
  "unit.test-registrations.delete": "Testregistreringer slettet",
  "unit.login.create": "Fælles login oprettet",
  "unit.login.rename": "Fælles logins navn ændret",
  "unit.login.enable": "Fælles login slået til igen",
  "unit.login.password": "Ny adgangskode til fælles login",
  "unit.login.disable": "Fælles login slået fra",
  "setup.start-from-last-round": "Startet fra sidste runde",
  "weeks.round.set": "Tælleuger i runde valgt",
  "weeks.round.leave": "Runde fravalgt",
  "weeks.local.create": "Lokal tælleperiode oprettet",
  "weeks.local.delete": "Lokal tælleperiode slettet",
  "user.invite": "Bruger inviteret",
  "user.create": "Bruger oprettet",
  "user.access": "Roller og enheder ændret",
  "user.link.activation": "Nyt aktiveringslink",
  "user.link.reset": "Link til ny adgangskode",
  "user.activate": "Bruger aktiveret",
  "user.password-reset": "Adgangskode skiftet via link",
  "user.deactivate": "Bruger deaktiveret",
  "user.password-change": "Adgangskode skiftet af brugeren",
  "user.password-change.failed": "Skift af adgangskode afvist",
  "login.success": "Logget ind",
  "login.failure": "Mislykket login",
  "logout": "Logget ud",
  "session.revoke": "Sessioner afsluttet",
  "session.expire": "Session udløbet (maksimal varighed)",
  "user.reactivate": "Bruger genaktiveret",
  "question.create": "Ekstra spørgsmål oprettet",
  "question.create.national": "Ekstra spørgsmål fra KL",
  "question.update": "Ekstra spørgsmål ændret",
  "question.units": "Enheder for KL-spørgsmål ændret",
  "question.archive": "Ekstra spørgsmål arkiveret",
  "question.reactivate": "Ekstra spørgsmål genaktiveret",
  "api-token.create": "API-nøgle oprettet",
  "api-token.revoke": "API-nøgle tilbagekaldt",
  "municipality.create": "Kommune tilføjet til Spor",
  "round.create": "National tællerunde oprettet",
  "round.update": "National tællerunde rettet",
  "round.delete": "National tællerunde slettet",
  "package.create": "Opgavepakke oprettet",
  "package.update": "Opgavepakke omdøbt",
  "package.tasks.add": "Opgaver tilføjet til opgavepakke",
  "package.item": "Opgave i opgavepakke ændret",
  "package.delete": "Opgavepakke slettet",
  "kle.import": "KLE indlæst",
  "channel_price.set_national": "Landsdækkende kanalpris ændret",
  "channel_price.set_local": "Kommunens kanalpris ændret",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const AUDIT_PAGE_SIZE = 50;

/** One audit event as the log table shows it: the action in Danish, what it concerned below it. */
export type AuditRow = {
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  /** The unit, the user or the municipality the event concerned, one line each. */
  details: string[];
  before: unknown;
  after: unknown;
};

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
      select: { id: true, occurredAt: true, actorUserId: true, unitId: true, action: true, entityType: true, entityId: true, before: true, after: true },
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
  const userIds = [...new Set([...actors.map((a) => a.actorUserId!), ...events.flatMap((e) => (e.entityType === "user" && e.entityId ? [e.entityId] : []))])];
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    prisma.unit.findMany({ where: { municipalityId: filter.municipalityId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    events: events.map((e) => ({
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      actor: e.actorUserId ? (userName.get(e.actorUserId) ?? "Ukendt bruger") : "System",
      action: auditActionLabel(e.action),
      details: [
        ...(e.unitId ? [unitName.get(e.unitId) ?? "Slettet enhed"] : []),
        ...(e.entityType === "user" && e.entityId && userName.has(e.entityId) ? [userName.get(e.entityId)!] : []),
      ],
      before: e.before,
      after: e.after,
    })) satisfies AuditRow[],
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
  return events.map((e) => ({
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    actor: e.actorUserId ? (users.get(e.actorUserId) ?? "Ukendt bruger") : "System (kommandolinjen)",
    action: auditActionLabel(e.action),
    details: e.municipalityId && municipalities.has(e.municipalityId) ? [municipalities.get(e.municipalityId)!] : [],
    before: e.before,
    after: e.after,
  }));
}

/** The coordinators' log page: one municipality's events, for someone who may see its administration. */
export async function loadAuditLog(access: Access, filter: Parameters<typeof listAuditEvents>[1]) {
  if (!canViewMunicipalityAdministration(access, filter.municipalityId)) throw new AccessDeniedError();
  return listAuditEvents(db(), filter);
}
