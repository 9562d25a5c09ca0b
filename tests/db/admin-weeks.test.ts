import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLocalPeriod, deleteLocalPeriod, setRoundWeeks } from "@/lib/counting/weeks";
import { instantAt, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { addRegistration, adminTestDatabase, snapshotTables } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);
const round = (code: string) =>
  t.prisma.countingRound.findUniqueOrThrow({ where: { code }, select: { id: true, isoYear: true, firstWeek: true } });
const weeksOf = async (roundId: string) =>
  (
    await t.prisma.municipalityCountingWeek.findMany({
      where: { municipalityId: M(), roundId },
      select: { isoWeek: true },
      orderBy: { isoWeek: "asc" },
    })
  ).map((w) => w.isoWeek);

describe("joining a national round", () => {
  it("refuses a choice without the round's first week, explains the rule and changes nothing", async () => {
    const ctx = await t.koege();
    const r = await round("autumn-2013");
    const before = await snapshotTables(t.prisma);
    await expect(setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2013-44", "2013-45"] })).rejects.toThrow(
      /Uge 43 skal være med\. Den første uge i en national runde er obligatorisk/,
    );
    expect(await snapshotTables(t.prisma)).toEqual(before);
  });

  it("refuses a week that is not in the round", async () => {
    const ctx = await t.koege();
    const r = await round("autumn-2013");
    await expect(setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2013-43", "2013-47"] })).rejects.toThrow(
      /hører ikke til/,
    );
  });

  it("joins with the first weeks, changes the choice and leaves, audited each time", async () => {
    const ctx = await t.koege();
    const r = await round("autumn-2013");
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2013-43", "2013-44"] });
    expect(await weeksOf(r.id)).toEqual([43, 44]);
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2013-43", "2013-45"] });
    expect(await weeksOf(r.id)).toEqual([43, 45]);
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: [] });
    expect(await weeksOf(r.id)).toEqual([]);
    const events = await t.prisma.auditEvent.findMany({
      where: { entityId: r.id },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(events.map((e) => e.action)).toEqual(["weeks.round.set", "weeks.round.set", "weeks.round.leave"]);
    expect(events[1].before).toMatchObject({ weeks: [43, 44] });
    expect(events[1].after).toMatchObject({ weeks: [43, 45] });
  });

  it("re-marks registrations inside or outside the counting weeks", async () => {
    const ctx = await t.koege();
    const r = await round("spring-2015");
    const unitId = await t.unitId(259, "Jobcenter");
    const inWeek19 = instantAt(mondayOfIsoWeek(2015, 19), 10);
    const regId = await addRegistration(t.prisma, { municipalityId: M(), unitId, occurredAt: inWeek19 });
    await t.prisma.registration.update({ where: { id: regId }, data: { inCountingWeek: false } });
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2015-18", "2015-19"] });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: regId } })).inCountingWeek).toBe(true);
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: r.id, weeks: ["2015-18"] });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: regId } })).inCountingWeek).toBe(false);
    // The registration itself is kept.
    expect(await t.prisma.registration.count({ where: { id: regId } })).toBe(1);
  });
});

describe("local counting periods", () => {
  it("validates dates", async () => {
    const { localPeriodSchema } = await import("@/lib/counting/weeks");
    const bad = localPeriodSchema.safeParse({ municipalityId: M(), name: "x", startsOn: "2026-03-10", endsOn: "2026-03-01" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/Slutdatoen/);
    expect(localPeriodSchema.safeParse({ municipalityId: M(), name: "x", startsOn: "2026-02-30", endsOn: "2026-03-01" }).success).toBe(
      false,
    );
  });

  it("adds a period (registrations in it count) and deletes it (they stop counting)", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Jobcenter");
    // 23:30 UTC on Sunday 1 March 2026 is Monday 2 March in Copenhagen: inside a period from 2 March.
    const regId = await addRegistration(t.prisma, { municipalityId: M(), unitId, occurredAt: new Date("2026-03-01T23:30:00Z") });
    const outside = await addRegistration(t.prisma, { municipalityId: M(), unitId, occurredAt: new Date("2026-03-01T22:30:00Z") });
    await t.prisma.registration.updateMany({ where: { id: { in: [regId, outside] } }, data: { inCountingWeek: false } });
    const { id } = await addLocalPeriod(ctx, {
      municipalityId: M(),
      name: "Forårstælling Jobcenter",
      startsOn: "2026-03-02",
      endsOn: "2026-03-13",
    });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: regId } })).inCountingWeek).toBe(true);
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: outside } })).inCountingWeek).toBe(false);
    await deleteLocalPeriod(ctx, { municipalityId: M(), periodId: id });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: regId } })).inCountingWeek).toBe(false);
    expect(await t.prisma.auditEvent.count({ where: { entityId: id } })).toBe(2);
  });
});
