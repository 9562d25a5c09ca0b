import crypto from "node:crypto";
import type { AdminContext } from "@/lib/actions/context";
import { loadAccess } from "@/lib/auth/load-access";
import { isoWeekOf } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase } from "./test-db";

/** A fresh database with the demo (Køge 259, København 101) and lookups for the administration tests. */
export async function adminTestDatabase() {
  // Demo data from the run's template (tests/helpers/db-template.ts), not seeded again per file.
  const database: SporDatabase = await createTestDatabase({ demo: true });
  const prisma = database.prisma;
  const users = new Map((await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const municipalities = new Map((await prisma.municipality.findMany({ select: { id: true, number: true } })).map((m) => [m.number, m.id]));
  const userId = (email: string) => users.get(email)!;
  const municipalityId = (number: 259 | 101) => municipalities.get(number)!;
  async function unitId(number: 259 | 101, name: string): Promise<string> {
    return (await prisma.unit.findFirstOrThrow({ where: { municipalityId: municipalityId(number), name }, select: { id: true } })).id;
  }
  async function ctx(email: string, now?: Date): Promise<AdminContext> {
    const id = (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    return { prisma, actorId: id, access: await loadAccess(prisma, id), now };
  }
  return {
    database,
    prisma,
    userId,
    municipalityId,
    unitId,
    ctx,
    koege: () => ctx("koordinator@koege.test"),
    kbh: () => ctx("koordinator@kbh.test"),
  };
}

export async function taskId(prisma: PrismaClient, number: string): Promise<string> {
  return (await prisma.task.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
}

/** Inserts one registration directly (the registration screen is another module). */
export async function addRegistration(
  prisma: PrismaClient,
  input: {
    municipalityId: string;
    unitId: string;
    taskNumber?: string;
    channelCode?: string;
    isTest?: boolean;
    occurredAt?: Date;
    quantity?: number;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const occurredAt = input.occurredAt ?? new Date();
  await prisma.registration.create({
    data: {
      id,
      municipalityId: input.municipalityId,
      unitId: input.unitId,
      taskId: await taskId(prisma, input.taskNumber ?? "FEJL"),
      channelCode: input.channelCode ?? "TLFIND",
      contactTypeCode: "FEJL",
      closureCode: "STRAKS",
      occurredAt,
      ...isoWeekOf(occurredAt),
      source: "MANUAL",
      isTest: input.isTest ?? false,
      quantity: input.quantity ?? 1,
    },
  });
  return id;
}

/** Every row of the tables the administration writes, for "nothing changed" assertions. */
export async function snapshotTables(prisma: PrismaClient) {
  const [
    units,
    unitChannels,
    unitTasks,
    memberships,
    users,
    weeks,
    periods,
    questions,
    questionUnits,
    options,
    registrations,
    tokens,
    sessions,
    audit,
  ] = await Promise.all([
    prisma.unit.findMany({ orderBy: { id: "asc" } }),
    prisma.unitChannel.findMany({ orderBy: [{ unitId: "asc" }, { channelCode: "asc" }] }),
    prisma.unitTask.findMany({ orderBy: [{ unitId: "asc" }, { taskId: "asc" }] }),
    prisma.membership.findMany({ orderBy: { id: "asc" } }),
    prisma.user.findMany({ orderBy: { id: "asc" } }),
    prisma.municipalityCountingWeek.findMany({ orderBy: { id: "asc" } }),
    prisma.localCountingPeriod.findMany({ orderBy: { id: "asc" } }),
    prisma.extraQuestion.findMany({ orderBy: { id: "asc" } }),
    prisma.extraQuestionUnit.findMany({ orderBy: [{ questionId: "asc" }, { unitId: "asc" }] }),
    prisma.extraQuestionOption.findMany({ orderBy: { id: "asc" } }),
    prisma.registration.findMany({ select: { id: true, inCountingWeek: true, isTest: true }, orderBy: { id: "asc" } }),
    prisma.userToken.findMany({ orderBy: { id: "asc" } }),
    prisma.session.findMany({ orderBy: { id: "asc" } }),
    prisma.auditEvent.count(),
  ]);
  return {
    units,
    unitChannels,
    unitTasks,
    memberships,
    users,
    weeks,
    periods,
    questions,
    questionUnits,
    options,
    registrations,
    tokens,
    sessions,
    audit,
  };
}

/** A live session row for a user (what Better Auth writes at sign-in). */
export async function addSession(prisma: PrismaClient, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await prisma.session.create({
    data: { id, userId, token: crypto.randomBytes(24).toString("base64url"), expiresAt: new Date(Date.now() + 3600_000) },
  });
  return id;
}
