import "server-only";
import { CONTACT_TYPES, REGISTRATION_CLOSURES } from "@/lib/reference/codes";
import { instantAt, isoWeekOf, localDateOnly } from "@/lib/counting/iso-week";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/access";
import { UDBETALING_DANMARK } from "@/lib/quality/entry-hints";
import { roundTaskTitles } from "@/lib/tasks/round-titles";
import { loadRegistrationUnit } from "./unit-context";
import { questionsForUnit } from "./validate";

/** Everything the registration screen needs for one unit, or null if the user does not register there. */
export async function loadRegistrationScreen(prisma: PrismaClient, userId: string, unitId: string, now = new Date()) {
  const unit = await loadRegistrationUnit(prisma, userId, unitId);
  if (!unit) return null;
  const week = isoWeekOf(now);
  const today = localDateOnly(now);
  // Channels and tasks in the coordinator's order (keys follow it; see lib/registrations/keys.ts).
  const [channels, tasks, questions, favourites, user, weekRow, period, todayData] = await Promise.all([
    prisma.unitChannel.findMany({
      where: { unitId },
      select: { channel: { select: { code: true, name: true, direction: true, asksForm: true } } },
      orderBy: [{ sortOrder: "asc" }, { channel: { sortOrder: "asc" } }],
    }),
    prisma.unitTask.findMany({
      where: { unitId },
      select: { task: { select: { id: true, number: true, title: true, level: true } } },
      orderBy: [{ sortOrder: "asc" }, { task: { number: "asc" } }],
    }),
    questionsForUnit(prisma, unit, week),
    prisma.favourite.findMany({
      where: { userId, unitId },
      select: { id: true, name: true, channelCode: true, taskId: true, contactTypeCode: true, closureCode: true, form: true },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
    }),
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { shortcutsEnabled: true } }),
    prisma.municipalityCountingWeek.findFirst({
      where: { municipalityId: unit.municipalityId, isoYear: week.isoYear, isoWeek: week.isoWeek },
      select: { round: { select: { name: true, packageId: true } } },
    }),
    prisma.localCountingPeriod.findFirst({
      where: { municipalityId: unit.municipalityId, startsOn: { lte: today }, endsOn: { gte: today } },
      select: { name: true },
    }),
    loadToday(prisma, userId, unitId, now),
  ]);
  const taskIds = tasks.map((t) => t.task.id);
  const [titles, udbetalingDanmark] = await Promise.all([
    roundTaskTitles(prisma, unit.municipalityId, weekRow?.round ?? null, taskIds, now),
    // Tasks Udbetaling Danmark took over, for the hint at a fejlhenvendelse (lib/quality/entry-hints.ts).
    prisma.taskPackageItem.findMany({
      where: { taskId: { in: taskIds }, needGroup: UDBETALING_DANMARK },
      select: { taskId: true },
      distinct: ["taskId"],
    }),
  ]);
  const udk = new Set(udbetalingDanmark.map((i) => i.taskId));
  return {
    unit: { id: unit.id, name: unit.name, testMode: unit.testMode, timeMeasurement: unit.timeMeasurement },
    // Inbound, then outbound (the screen's two groups), each in the unit's order.
    channels: [...channels.filter((c) => c.channel.direction === "IN"), ...channels.filter((c) => c.channel.direction === "OUT")].map(
      (c) => c.channel,
    ),
    tasks: tasks.map((t) => ({ ...t.task, title: titles.get(t.task.id) ?? t.task.title, udbetalingDanmark: udk.has(t.task.id) })),
    contactTypes: CONTACT_TYPES.map((t) => ({ code: t.code, label: t.label, group: t.group })),
    closures: REGISTRATION_CLOSURES.map((c) => ({ code: c.code, label: c.label })),
    questions: questions.map((q) => ({ id: q.id, text: q.text, required: q.required, options: q.options })),
    favourites,
    shortcutsEnabled: user.shortcutsEnabled,
    counting: {
      inCountingPeriod: Boolean(weekRow || period),
      name: weekRow?.round?.name ?? period?.name ?? (weekRow ? "Kommunens tælleuge" : null),
      isoWeek: week.isoWeek,
    },
    today: todayData,
    /** When the server rendered the screen: a copy served offline by the service worker shows its age. */
    renderedAt: now.toISOString(),
  };
}
export type RegistrationScreen = NonNullable<Awaited<ReturnType<typeof loadRegistrationScreen>>>;

/** The user's own registrations today in the unit, and today's totals for them and the unit. */
export async function loadToday(prisma: PrismaClient, userId: string, unitId: string, now = new Date()) {
  const start = instantAt(localDateOnly(now), 0);
  const where = { unitId, occurredAt: { gte: start } };
  const [own, ownCount, unitCount] = await Promise.all([
    prisma.registration.findMany({
      // Registered on the screen, with a personal account or a unit's shared login.
      where: { ...where, userId, source: { in: ["MANUAL", "UNIT_LOGIN"] } },
      select: {
        id: true,
        occurredAt: true,
        channelCode: true,
        taskId: true,
        contactTypeCode: true,
        closureCode: true,
        form: true,
        isTest: true,
        inCountingWeek: true,
        startedAt: true,
        endedAt: true,
        task: { select: { number: true, title: true } },
        channel: { select: { name: true, direction: true } },
        answers: { select: { questionId: true, optionId: true } },
      },
      // Newest first. The rows of one contact about several tasks share their moment: within it, by task
      // number (descending, so that read oldest first a contact lists its tasks in number order), never
      // in whatever order the database happens to return ties.
      orderBy: [{ occurredAt: "desc" }, { task: { number: "desc" } }],
      take: 200,
    }),
    prisma.registration.aggregate({ where: { ...where, userId }, _sum: { quantity: true } }),
    prisma.registration.aggregate({ where, _sum: { quantity: true } }),
  ]);
  return {
    own: own.map((r) => ({
      ...r,
      occurredAt: r.occurredAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
    })),
    ownCount: ownCount._sum.quantity ?? 0,
    unitCount: unitCount._sum.quantity ?? 0,
  };
}
export type TodayData = Awaited<ReturnType<typeof loadToday>>;

/** The registration screen for the caller in one of their units (null if they do not register there). */
export function loadRegistrationScreenFor(actor: Pick<Actor, "id">, unitId: string) {
  return loadRegistrationScreen(db(), actor.id, unitId);
}
