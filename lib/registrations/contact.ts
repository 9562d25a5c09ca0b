import "server-only";
import { getDatabase } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { metrics } from "@/lib/server/metrics.mjs";
import { insertRegistration, type NewRegistrationRow, registrationOwner } from "./create-sql";
import { type Actor, duplicateOrRefuse, prepareRegistration } from "./mutations";
import type { ContactInput } from "./schema";

/**
 * Stores one contact about several tasks: one registration per task (docs/method.md, "Hand-offs and
 * several tasks"), all or none. Every registration is checked first by the same rules as a single
 * one (so one task the unit does not count refuses the whole contact, with nothing stored); then all
 * are inserted in one transaction. Idempotent like a single registration: each row's key is the
 * client's UUID, so the outbox may resend the contact after a lost answer and no row is doubled;
 * when every row is there already the answer is "duplicate".
 */
export async function createContact(prisma: PrismaClient, actor: Actor, input: ContactInput, now = new Date()) {
  const rows: NewRegistrationRow[] = [];
  for (const registration of input.registrations) {
    const prepared = await prepareRegistration(prisma, actor, registration, now);
    if (prepared.kind === "row") rows.push(prepared.row);
  }
  const inserted = await getDatabase().sql.transaction(async (tx) => {
    let count = 0;
    for (const row of rows) {
      if (await insertRegistration(tx, row)) count++;
      // Someone else's id refuses the whole contact (the throw rolls back the rows before it).
      else duplicateOrRefuse((await registrationOwner(tx, row.id))?.userId ?? null, actor);
    }
    return count;
  });
  for (const row of rows.slice(0, inserted)) metrics().registrations.inc({ source: row.source });
  if (!inserted) return { status: "duplicate" as const };
  const first = rows[0];
  return {
    status: "created" as const,
    ids: input.registrations.map((r) => r.id),
    inCountingWeek: first.inCountingWeek,
    isTest: first.isTest,
  };
}
