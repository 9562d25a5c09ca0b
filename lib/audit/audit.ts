import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type AuditWriter = { auditEvent: { create(args: { data: Prisma.AuditEventUncheckedCreateInput }): Promise<unknown> } };

export interface AuditEntry {
  /** Who did it: a user id, or null for the system and the CLI. */
  actorUserId: string | null;
  /** The client's address when a request caused the event (lib/http/client-ip.ts). */
  ip?: string | null;
  municipalityId?: string | null;
  unitId?: string | null;
  /** Verb in dotted form, e.g. "user.create", "unit.rename". */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Appends one event to the audit log. Pass the transaction client so the event commits with the change. */
export async function recordAudit(writer: AuditWriter, entry: AuditEntry): Promise<void> {
  await writer.auditEvent.create({
    data: {
      actorUserId: entry.actorUserId,
      ip: entry.ip ?? null,
      municipalityId: entry.municipalityId ?? null,
      unitId: entry.unitId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before,
      after: entry.after,
    },
  });
}
