import "server-only";
// Demo data for a fresh installation: Køge and København with a small unit tree each, the channels
// and tasks every unit counts, counting weeks in the current national round, one user per role and
// some registrations. Called only when the database has no municipality, and safe to call again:
// it does nothing once Køge (259) exists, and reuses demo users left by an interrupted earlier run.

import crypto from "node:crypto";
import { createUserWithPassword, normaliseEmail } from "@/lib/auth/users";
import { addDays, consecutiveIsoWeeks, isoWeekKey, isoWeekOf, mondayOfIsoWeek, type IsoWeek } from "@/lib/counting/iso-week";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_MUNICIPALITIES, DEMO_QUESTION, DEMO_UNITS, DEMO_USERS } from "./demo-data";
import { demoRegistrations, type DemoRegistrationUnit } from "./demo-registrations";
import { seedReferenceData } from "./reference";
import { currentRound } from "./rounds";

export { DEMO_PASSWORD, DEMO_USERS } from "./demo-data";

export interface SeedDemoOptions {
  /** "Now" for counting weeks and registrations (tests). */
  now?: Date;
}

export async function seedDemoData(prisma: PrismaClient, options: SeedDemoOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const firstNumber = DEMO_MUNICIPALITIES[0].number;
  if (await prisma.municipality.findUnique({ where: { number: firstNumber }, select: { id: true } })) return;

  const round = await findOrSeedCurrentRound(prisma, now);
  const taskIds = await loadTaskIds(prisma);

  // Users first and outside the transaction (the password hasher is slow and the helper takes the
  // client). If the transaction below fails, a second call finds them by email and reuses them.
  const userIds = new Map<string, string>();
  const existingUsers = await prisma.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => normaliseEmail(u.email)) } },
    select: { id: true, email: true },
  });
  for (const u of existingUsers) userIds.set(u.email, u.id);
  for (const user of DEMO_USERS) {
    const email = normaliseEmail(user.email);
    if (userIds.has(email)) continue;
    const { id } = await createUserWithPassword(prisma, {
      email,
      name: user.name,
      password: user.password,
      kind: user.kind,
    });
    userIds.set(email, id);
  }

  // Every counting week of the round; today's week too if the round (created earlier in the
  // half-year) no longer contains it, as a week of the municipality's own.
  const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  const todayWeek = isoWeekOf(now);
  const extraWeeks: IsoWeek[] = roundWeeks.some((w) => isoWeekKey(w) === isoWeekKey(todayWeek)) ? [] : [todayWeek];

  const municipalities: Prisma.MunicipalityCreateManyInput[] = [];
  const units: Prisma.UnitCreateManyInput[] = [];
  const unitChannels: Prisma.UnitChannelCreateManyInput[] = [];
  const unitTasks: Prisma.UnitTaskCreateManyInput[] = [];
  const weeks: Prisma.MunicipalityCountingWeekCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const registrations: Prisma.RegistrationCreateManyInput[] = [];
  const questionWrites: Prisma.PrismaPromise<unknown>[] = [];

  for (const user of DEMO_USERS.filter((u) => u.role === "NATIONAL")) {
    memberships.push({ userId: userIds.get(normaliseEmail(user.email))!, role: "NATIONAL" });
  }

  // Registrations from the round's Monday, but never more than the last week and a half.
  const earliest = addDays(mondayOfIsoWeek(todayWeek.isoYear, todayWeek.isoWeek), -7);
  const from = round.startsOn.getTime() > earliest.getTime() ? round.startsOn : earliest;

  for (const municipality of DEMO_MUNICIPALITIES) {
    const municipalityId = crypto.randomUUID();
    municipalities.push({ id: municipalityId, number: municipality.number, name: municipality.name });

    const unitIds = new Map<string, string>();
    for (const unit of DEMO_UNITS) {
      const id = crypto.randomUUID();
      unitIds.set(unit.name, id);
      units.push({
        id,
        municipalityId,
        parentId: unit.parent ? unitIds.get(unit.parent)! : null,
        name: unit.name,
        kind: unit.kind,
      });
      unit.channels.forEach((channelCode, sortOrder) => unitChannels.push({ unitId: id, channelCode, sortOrder }));
      unit.tasks.forEach((number, sortOrder) => unitTasks.push({ unitId: id, taskId: taskIds.get(number)!, sortOrder }));
    }

    if (municipality.number === DEMO_QUESTION.municipalityNumber) {
      questionWrites.push(...demoQuestionWrites(prisma, municipalityId, unitIds.get(DEMO_QUESTION.unitName)!));
    }
    for (const week of roundWeeks) weeks.push({ municipalityId, roundId: round.id, ...week });
    for (const week of extraWeeks) weeks.push({ municipalityId, roundId: null, ...week });

    const registrantByUnit = new Map<string, string>();
    for (const user of DEMO_USERS.filter((u) => u.municipalityNumber === municipality.number)) {
      const userId = userIds.get(normaliseEmail(user.email))!;
      if (user.role === "COORDINATOR") {
        memberships.push({ userId, role: "COORDINATOR", municipalityId });
      } else {
        for (const unitName of user.unitNames) {
          const unitId = unitIds.get(unitName)!;
          memberships.push({ userId, role: user.role, municipalityId, unitId });
          if (user.role === "REGISTRANT") registrantByUnit.set(unitName, userId);
        }
      }
    }

    const registeringUnits: DemoRegistrationUnit[] = DEMO_UNITS.map((unit) => ({
      id: unitIds.get(unit.name)!,
      channels: unit.channels,
      taskIds: new Map(unit.tasks.map((n) => [n, taskIds.get(n)!])),
      userId: registrantByUnit.get(unit.name) ?? null,
    }));
    registrations.push(
      ...demoRegistrations({
        municipalityId,
        municipalityNumber: municipality.number,
        units: registeringUnits,
        from,
        now,
        countingWeeks: [...roundWeeks, ...extraWeeks],
      }),
    );
  }

  const roots = units.filter((u) => !u.parentId);
  const children = units.filter((u) => u.parentId);
  const writes: Prisma.PrismaPromise<unknown>[] = [
    prisma.municipality.createMany({ data: municipalities }),
    prisma.unit.createMany({ data: roots }),
    prisma.unit.createMany({ data: children }),
    prisma.unitChannel.createMany({ data: unitChannels }),
    prisma.unitTask.createMany({ data: unitTasks }),
    prisma.municipalityCountingWeek.createMany({ data: weeks }),
    prisma.membership.createMany({ data: memberships }),
    ...questionWrites,
  ];
  for (let i = 0; i < registrations.length; i += 500) {
    writes.push(prisma.registration.createMany({ data: registrations.slice(i, i + 500) }));
  }
  await prisma.$transaction(writes, { timeout: 60_000 }); // bulk seed: slow disks and busy machines
}

function demoQuestionWrites(prisma: PrismaClient, municipalityId: string, unitId: string) {
  const questionId = crypto.randomUUID();
  return [
    prisma.extraQuestion.create({ data: { id: questionId, municipalityId, text: DEMO_QUESTION.text } }),
    prisma.extraQuestionOption.createMany({
      data: DEMO_QUESTION.options.map((label, sortOrder) => ({ questionId, label, sortOrder })),
    }),
    prisma.extraQuestionUnit.create({ data: { questionId, unitId } }),
  ];
}

/** The current half-year's national round; seeds reference data if it is missing. */
async function findOrSeedCurrentRound(prisma: PrismaClient, now: Date) {
  const code = currentRound(now).code;
  const select = { id: true, isoYear: true, firstWeek: true, weekCount: true, startsOn: true } as const;
  const found = await prisma.countingRound.findUnique({ where: { code }, select });
  if (found) return found;
  await seedReferenceData(prisma, { today: now, currentRound: true });
  return prisma.countingRound.findUniqueOrThrow({ where: { code }, select });
}

async function loadTaskIds(prisma: PrismaClient): Promise<Map<string, string>> {
  const numbers = [...new Set(DEMO_UNITS.flatMap((u) => u.tasks))];
  const tasks = await prisma.task.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true } });
  const ids = new Map(tasks.map((t) => [t.number, t.id]));
  const missing = numbers.filter((n) => !ids.has(n));
  if (missing.length) throw new Error(`Demodata mangler opgaverne ${missing.join(", ")}; indlæs referencedata først.`);
  return ids;
}
