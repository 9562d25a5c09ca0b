import "server-only";
// Plausible registrations for the demo, so reports have something to show from the first start:
// working days of the current round up to today (Monday–Friday, 08–15 Copenhagen time) and a few
// earlier today. Deterministic per municipality, so two demo installations look alike.

import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, instantAt, isoWeekKey, isoWeekOf, localDateOnly, type IsoWeek } from "@/lib/counting/iso-week";
import { countingWeekFlagger } from "@/lib/counting/in-counting-week";
import { channelAsksForm, FEJL_TASK, isSelfServiceChannel } from "@/lib/reference/codes";

export interface DemoRegistrationUnit {
  id: string;
  channels: readonly string[];
  /** Task number → task id. */
  taskIds: ReadonlyMap<string, string>;
  userId: string | null;
}

export interface DemoRegistrationInput {
  municipalityId: string;
  municipalityNumber: number;
  units: DemoRegistrationUnit[];
  /** First day (date-only) to generate from, normally the round's Monday. */
  from: Date;
  now: Date;
  countingWeeks: IsoWeek[];
}

/** mulberry32: small, fast, seedable. Good enough for demo data, not for anything secret. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends string>(random: () => number, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}

export function demoRegistrations(input: DemoRegistrationInput): Prisma.RegistrationCreateManyInput[] {
  const random = prng(input.municipalityNumber * 7919);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  // The one counting-week rule (lib/counting/in-counting-week.ts), as every write path uses it.
  const inside = countingWeekFlagger({ weekKeys: new Set(input.countingWeeks.map(isoWeekKey)), periods: [] });
  const today = localDateOnly(input.now);
  const rows: Prisma.RegistrationCreateManyInput[] = [];

  const add = (unit: DemoRegistrationUnit, occurredAt: Date) => {
    const channelCode = pick(unit.channels);
    const selfService = isSelfServiceChannel(channelCode);
    // About one contact in twenty is about something the municipality does not handle; never a
    // self-service application, which always concerns a real task.
    const regularTasks = [...unit.taskIds.keys()].filter((n) => n !== FEJL_TASK.number);
    const taskNumber = !selfService && random() < 0.05 ? FEJL_TASK.number : pick(regularTasks);
    const contactTypeCode =
      taskNumber === FEJL_TASK.number
        ? "FEJL"
        : selfService
          ? weighted(random, { OPRET: 3, STATUS: 1 })
          : weighted(random, { OPRET: 25, STATUS: 15, INFO: 25, VEJL: 25, SLVBTJN: 10 });
    const week = isoWeekOf(occurredAt);
    rows.push({
      id: crypto.randomUUID(),
      municipalityId: input.municipalityId,
      unitId: unit.id,
      userId: selfService ? null : unit.userId,
      taskId: unit.taskIds.get(taskNumber)!,
      channelCode,
      contactTypeCode,
      // Self-service applications are counted, not closed by anyone, so closure stays empty.
      closureCode: selfService ? null : random() < 0.65 ? "STRAKS" : "HOLD",
      form: channelAsksForm(channelCode) ? random() < 0.3 : null,
      quantity: 1,
      occurredAt,
      isoYear: week.isoYear,
      isoWeek: week.isoWeek,
      source: "MANUAL",
      isTest: false,
      inCountingWeek: inside(occurredAt),
    });
  };

  for (let day = input.from; day.getTime() < today.getTime(); day = addDays(day, 1)) {
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const unit of input.units) {
      const count = 6 + Math.floor(random() * 9);
      for (let i = 0; i < count; i++) {
        add(unit, instantAt(day, 8 + Math.floor(random() * 7), Math.floor(random() * 60)));
      }
    }
  }

  // Today, whatever the weekday: a few contacts in the hours (or minutes) before now.
  const minutesToday = Math.floor((input.now.getTime() - instantAt(today, 0, 0).getTime()) / 60_000);
  if (minutesToday >= 2) {
    const window = Math.min(240, minutesToday - 1);
    for (const unit of input.units) {
      const count = 2 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const minutesAgo = 1 + Math.floor(random() * window);
        add(unit, new Date(input.now.getTime() - minutesAgo * 60_000));
      }
    }
  }
  return rows;
}
