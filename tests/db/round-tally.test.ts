import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_TALLY, type RoundTally, tallyRounds } from "@/lib/counting/round-tally";
import { addDays, instantAt, isoWeekOf, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { loadCountingWeeksPage } from "@/lib/counting/week-queries";
import { setDatabase } from "@/lib/db";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

// What a municipality counted in an ended round, in SQL, against a plain TypeScript count of the
// same crafted registrations: other municipalities, test registrations, weeks outside the round and
// weeks of the round the municipality did not join all in the mix.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const YEAR = 2011;
const SOURCES: RegistrationSource[] = ["MANUAL", "UNIT_LOGIN", "MASS", "UPLOAD", "API"];

interface Crafted {
  municipalityId: string;
  unitId: string;
  isoWeek: number;
  source: RegistrationSource;
  quantity: number;
  isTest: boolean;
}

/** A small deterministic generator, so a failure can be reproduced. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(s / 65536) % n;
  };
}

async function round(code: string, firstWeek: number, weekCount: number) {
  return t.prisma.countingRound.create({
    data: { code, name: code, isoYear: YEAR, firstWeek, weekCount, startsOn: mondayOfIsoWeek(YEAR, firstWeek) },
    select: { id: true, isoYear: true, firstWeek: true, weekCount: true },
  });
}

function expected(rows: Crafted[], municipalityId: string, weeks: number[], joined: number[]): RoundTally {
  const mine = rows.filter((r) => r.municipalityId === municipalityId && !r.isTest && weeks.includes(r.isoWeek));
  if (!mine.length) return EMPTY_TALLY;
  const bySource = new Map<RegistrationSource, { source: RegistrationSource; registrations: number; contacts: number }>();
  for (const r of mine) {
    const s = bySource.get(r.source) ?? { source: r.source, registrations: 0, contacts: 0 };
    s.registrations += 1;
    s.contacts += r.quantity;
    bySource.set(r.source, s);
  }
  return {
    units: new Set(mine.map((r) => r.unitId)).size,
    registrations: mine.length,
    contacts: mine.reduce((sum, r) => sum + r.quantity, 0),
    contactsOutsideJoinedWeeks: mine.filter((r) => !joined.includes(r.isoWeek)).reduce((sum, r) => sum + r.quantity, 0),
    bySource: [...bySource.values()],
  };
}

const bySourceName = (t: RoundTally) => ({ ...t, bySource: [...t.bySource].sort((a, b) => (a.source < b.source ? -1 : 1)) });

describe("what a municipality counted in a round", () => {
  it("matches a plain count of crafted registrations", async () => {
    const koege = t.municipalityId(259);
    const kbh = t.municipalityId(101);
    // Nothing of the demo lies in these weeks, so the crafted rows are all there is.
    expect(await t.prisma.registration.count({ where: { isoYear: YEAR } })).toBe(0);

    const autumn = await round("tally-a", 10, 3); // weeks 10–12; Køge joins 10 and 11
    const spring = await round("tally-b", 20, 2); // weeks 20–21; Køge does not join, yet registered
    const empty = await round("tally-c", 30, 2); // nothing at all
    await t.prisma.municipalityCountingWeek.createMany({
      data: [10, 11].map((isoWeek) => ({ municipalityId: koege, roundId: autumn.id, isoYear: YEAR, isoWeek })),
    });
    await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: kbh, roundId: spring.id, isoYear: YEAR, isoWeek: 20 } });

    const units = [
      await t.unitId(259, "Jobcenter"),
      await t.unitId(259, "Borgerservice – Skranke"),
      await t.unitId(259, "Borgerservice – Telefon"),
    ];
    const kbhUnit = (await t.prisma.unit.findFirstOrThrow({ where: { municipalityId: kbh }, select: { id: true } })).id;
    const random = lcg(20261223);
    const weeks = [9, 10, 11, 12, 13, 20, 21, 22];
    const rows: Crafted[] = [];
    for (let i = 0; i < 160; i++) {
      const other = random(6) === 0;
      rows.push({
        municipalityId: other ? kbh : koege,
        // Jobcenter only ever registers in week 12 (a week Køge did not join).
        unitId: other ? kbhUnit : weeks[i % weeks.length] === 12 ? units[random(3)] : units[1 + random(2)],
        isoWeek: weeks[i % weeks.length],
        source: SOURCES[random(SOURCES.length)],
        quantity: 1 + random(7),
        isTest: random(8) === 0,
      });
    }
    const task = await taskId(t.prisma, "FEJL");
    await t.prisma.registration.createMany({
      data: rows.map((r, i) => {
        // Sunday 23:30 Danish time still belongs to the week (the stored ISO week is the Danish one).
        const occurredAt =
          i % 5 === 0
            ? instantAt(addDays(mondayOfIsoWeek(YEAR, r.isoWeek), 6), 23, 30)
            : instantAt(addDays(mondayOfIsoWeek(YEAR, r.isoWeek), i % 5), 10);
        return {
          id: crypto.randomUUID(),
          municipalityId: r.municipalityId,
          unitId: r.unitId,
          taskId: task,
          channelCode: "TLFIND",
          occurredAt,
          ...isoWeekOf(occurredAt),
          source: r.source,
          quantity: r.quantity,
          isTest: r.isTest,
        };
      }),
    });
    expect(await t.prisma.registration.count({ where: { isoYear: YEAR, isoWeek: { in: weeks } } })).toBe(rows.length);

    const tallies = await tallyRounds(t.database.sql.query.bind(t.database.sql), koege, [autumn, spring, empty]);
    const a = tallies.get(autumn.id)!;
    expect(bySourceName(a)).toEqual(bySourceName(expected(rows, koege, [10, 11, 12], [10, 11])));
    expect(a.contactsOutsideJoinedWeeks).toBeGreaterThan(0);
    expect(a.units).toBe(3);
    // Largest source first.
    expect(a.bySource.map((s) => s.contacts)).toEqual([...a.bySource.map((s) => s.contacts)].sort((x, y) => y - x));
    const b = tallies.get(spring.id)!;
    expect(bySourceName(b)).toEqual(bySourceName(expected(rows, koege, [20, 21], [])));
    expect(b.contactsOutsideJoinedWeeks).toBe(b.contacts);
    expect(tallies.get(empty.id)).toEqual(EMPTY_TALLY);
    // København's own count of the same round leaves Køge's rows out.
    const k = (await tallyRounds(t.database.sql.query.bind(t.database.sql), kbh, [spring])).get(spring.id)!;
    expect(bySourceName(k)).toEqual(bySourceName(expected(rows, kbh, [20, 21], [20])));

    // The counting-weeks page reads the same tallies for its ended rounds.
    setDatabase(t.database);
    try {
      const ctx = await t.koege();
      const page = await loadCountingWeeksPage(ctx.access, koege, new Date("2026-12-01T12:00:00Z"));
      expect(page.tallies.get(autumn.id)).toEqual(a);
    } finally {
      setDatabase(undefined);
    }
  });
});
