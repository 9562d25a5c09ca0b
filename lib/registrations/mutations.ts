import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import type { Actor as FullActor } from "@/lib/auth/access";
import { calendarFromArrays, inCountingWeek } from "@/lib/counting/in-counting-week";
import { instantAt, isoWeekOf, localDateOnly } from "@/lib/counting/iso-week";
import { getDatabase } from "@/lib/db";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RegistrationCorrection, RegistrationInput } from "./schema";
import { loadRegistrationUnit } from "./unit-context";
import { insertRegistration, loadUnitFacts, type NewRegistrationRow, registrationOwner } from "./create-sql";
import { checkChoiceFacts, validateAnswers, validateChoice } from "./validate";
import { metrics } from "@/lib/server/metrics.mjs";

/** How far back an offline registration may arrive, and how far ahead of the server clock. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A registration acts for its own user only: the id is all it needs of the actor. */
export type Actor = Pick<FullActor, "id">;

/**
 * Stores one registration idempotently: the client's UUID is the key, so a retry (double click,
 * outbox resend after a lost answer) returns success without a second row. Everything the client
 * could fake is checked here: membership of the unit, the unit's channels and tasks, the form flag,
 * the test flag, the answers.
 */
export async function createRegistration(prisma: PrismaClient, actor: Actor, input: RegistrationInput, now = new Date()) {
  const sql = getDatabase().sql;
  const prepared = await prepareRegistration(prisma, actor, input, now);
  if (prepared.kind === "duplicate") return { status: "duplicate" as const };
  const inserted = await insertRegistration(sql, prepared.row);
  if (inserted) metrics().registrations.inc({ source: prepared.row.source });
  if (!inserted) {
    const owner = await registrationOwner(sql, input.id);
    return duplicateOrRefuse(owner?.userId ?? null, actor);
  }
  return { status: "created" as const, id: input.id, inCountingWeek: prepared.row.inCountingWeek, isTest: prepared.row.isTest };
}

/**
 * Checks one registration and builds its row, without writing: the row to insert, or "duplicate"
 * when this user stored it before and can no longer register it (membership or test mode changed
 * since). Throws a UserFacingError in Danish for anything wrong. Shared by one registration and a
 * contact about several tasks (contact.ts), so both keep exactly the same rules.
 */
export async function prepareRegistration(
  prisma: PrismaClient,
  actor: Actor,
  input: RegistrationInput,
  now: Date,
): Promise<{ kind: "row"; row: NewRegistrationRow } | { kind: "duplicate" }> {
  const sql = getDatabase().sql;
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) throw new UserFacingError("Tidspunktet ligger i fremtiden.");
  if (occurredAt.getTime() < now.getTime() - MAX_AGE_MS) {
    throw new UserFacingError("Registreringen er mere end 7 dage gammel og kan ikke gemmes herfra.");
  }
  const week = isoWeekOf(occurredAt);
  const facts = await loadUnitFacts(sql, {
    userId: actor.id,
    unitId: input.unitId,
    channelCode: input.channelCode,
    taskId: input.taskId,
    contactTypeCode: input.contactTypeCode,
    closureCode: input.closureCode,
  });
  if (!facts) {
    // A resend of a registration that was stored is still a success, even if membership changed since.
    const owner = await registrationOwner(sql, input.id);
    if (owner) return { kind: duplicateOrRefuse(owner.userId, actor).status };
    throw new AccessDeniedError("Du kan ikke registrere i den enhed.");
  }
  if (input.isTest !== facts.test_mode) {
    const owner = await registrationOwner(sql, input.id);
    if (owner) return { kind: duplicateOrRefuse(owner.userId, actor).status };
    throw new UserFacingError(
      facts.test_mode
        ? "Enheden er i prøvetælling. Genindlæs siden, så registreringen markeres som test."
        : "Prøvetællingen er slut for enheden. Genindlæs siden, og registrér igen.",
      409,
    );
  }
  checkChoiceFacts(facts, input);
  const timer = timerFields(input, facts.time_measurement);
  const unit = { id: facts.unit_id, municipalityId: facts.municipality_id };
  // Questions are rare: look them up only when the unit has some or answers were sent.
  if (facts.has_questions || input.answers.length) await validateAnswers(prisma, unit, input.answers, week);
  const inside = inCountingWeek(occurredAt, calendarFromArrays(facts.counting_weeks, facts.period_starts, facts.period_ends));
  return {
    kind: "row",
    row: {
      id: input.id,
      municipalityId: facts.municipality_id,
      unitId: facts.unit_id,
      userId: actor.id,
      taskId: input.taskId,
      channelCode: input.channelCode,
      contactTypeCode: input.contactTypeCode,
      closureCode: input.closureCode,
      form: input.form,
      occurredAt,
      ...week,
      ...timer,
      isTest: facts.test_mode,
      inCountingWeek: inside,
      source: facts.unit_login ? "UNIT_LOGIN" : "MANUAL",
      answers: input.answers,
    },
  };
}

export function duplicateOrRefuse(ownerId: string | null, actor: Actor) {
  // Someone else's id: answer as if it did not exist, and store nothing.
  if (ownerId !== actor.id) throw new UserFacingError("Registreringens id er allerede brugt.", 409);
  return { status: "duplicate" as const };
}

function timerFields(input: RegistrationInput, timeMeasurement: boolean) {
  if (!input.startedAt && !input.endedAt) return { startedAt: null, endedAt: null };
  if (!timeMeasurement) throw new UserFacingError("Enheden måler ikke tid.");
  if (!input.startedAt || !input.endedAt) throw new UserFacingError("Tidtagningen mangler start eller slut.");
  const startedAt = new Date(input.startedAt);
  const endedAt = new Date(input.endedAt);
  if (endedAt < startedAt) throw new UserFacingError("Tidtagningen slutter før den starter.");
  if (endedAt.getTime() - startedAt.getTime() > 8 * 60 * 60 * 1000) throw new UserFacingError("Tidtagningen er over 8 timer.");
  return { startedAt, endedAt };
}

/** Registrations made today (Copenhagen) by this user may be corrected or deleted until midnight. */
function startOfToday(now: Date): Date {
  return instantAt(localDateOnly(now), 0);
}

const EDITABLE_SELECT = {
  id: true,
  unitId: true,
  municipalityId: true,
  channelCode: true,
  taskId: true,
  contactTypeCode: true,
  closureCode: true,
  form: true,
  occurredAt: true,
  answers: { select: { questionId: true, optionId: true } },
} as const;

async function findOwnEditable(prisma: PrismaClient, actor: Actor, id: string, now: Date) {
  const row = await prisma.registration.findFirst({
    where: { id, userId: actor.id, source: { in: ["MANUAL", "UNIT_LOGIN"] }, occurredAt: { gte: startOfToday(now) } },
    select: EDITABLE_SELECT,
  });
  if (!row) throw new UserFacingError("Registreringen findes ikke, eller den kan ikke længere rettes.", 404);
  return row;
}

export async function correctRegistration(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  correction: RegistrationCorrection,
  now = new Date(),
) {
  const before = await findOwnEditable(prisma, actor, id, now);
  const unit = await loadRegistrationUnit(prisma, actor.id, before.unitId);
  if (!unit) throw new AccessDeniedError("Du kan ikke længere registrere i enheden.");
  const next = {
    channelCode: correction.channelCode ?? before.channelCode,
    taskId: correction.taskId ?? before.taskId,
    contactTypeCode: correction.contactTypeCode ?? before.contactTypeCode ?? "",
    closureCode: correction.closureCode ?? before.closureCode ?? "",
    form: correction.form !== undefined ? correction.form : before.form,
    answers: correction.answers ?? before.answers,
  };
  await validateChoice(prisma, unit, next, before.occurredAt);
  await prisma.$transaction(async (tx) => {
    await tx.registration.update({
      where: { id },
      data: {
        channelCode: next.channelCode,
        taskId: next.taskId,
        contactTypeCode: next.contactTypeCode,
        closureCode: next.closureCode,
        form: next.form,
      },
    });
    if (correction.answers) {
      await tx.registrationAnswer.deleteMany({ where: { registrationId: id } });
      if (next.answers.length) {
        await tx.registrationAnswer.createMany({ data: next.answers.map((a) => ({ registrationId: id, ...a })) });
      }
    }
    await recordAudit(tx, {
      actorUserId: actor.id,
      municipalityId: before.municipalityId,
      unitId: before.unitId,
      action: "registration.correct",
      entityType: "registration",
      entityId: id,
      before: snapshot(before),
      after: snapshot({ ...before, ...next }),
    });
  });
}

export async function deleteRegistration(prisma: PrismaClient, actor: Actor, id: string, reason: "undo" | "delete", now = new Date()) {
  const before = await findOwnEditable(prisma, actor, id, now);
  await prisma.$transaction(async (tx) => {
    await tx.registration.delete({ where: { id } });
    await recordAudit(tx, {
      actorUserId: actor.id,
      municipalityId: before.municipalityId,
      unitId: before.unitId,
      action: reason === "undo" ? "registration.undo" : "registration.delete",
      entityType: "registration",
      entityId: id,
      before: snapshot(before),
    });
  });
}

function snapshot(row: {
  channelCode: string;
  taskId: string;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  occurredAt: Date;
  answers: { questionId: string; optionId: string }[];
}) {
  return {
    channelCode: row.channelCode,
    taskId: row.taskId,
    contactTypeCode: row.contactTypeCode,
    closureCode: row.closureCode,
    form: row.form,
    occurredAt: row.occurredAt.toISOString(),
    answers: row.answers,
  };
}

/** spor_outbox_retries_total: the registration screen's outbox sent a registration again. */
export function countOutboxRetry(): void {
  metrics().outboxRetries.inc();
}
