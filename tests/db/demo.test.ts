import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { DEMO_USERS, seedDemoData } from "@/lib/seed/demo";
import { createTestDatabase } from "@/tests/helpers/test-db";

let database: SporDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
});

afterAll(async () => {
  await database?.close();
});

describe("seedDemoData", () => {
  it("creates Køge and København with the unit tree", async () => {
    const municipalities = await database.prisma.municipality.findMany({
      include: { units: { include: { parent: true, _count: { select: { channels: true, tasks: true } } } } },
      orderBy: { number: "asc" },
    });
    expect(municipalities.map((m) => [m.number, m.name])).toEqual([
      [101, "København"],
      [259, "Køge"],
    ]);
    for (const m of municipalities) {
      const byName = new Map(m.units.map((u) => [u.name, u]));
      expect([...byName.keys()].sort()).toEqual(
        ["Borgerservice", "Borgerservice – Skranke", "Borgerservice – Telefon", "Jobcenter", "Teknik og Miljø"].sort(),
      );
      expect(byName.get("Borgerservice – Skranke")?.parent?.name).toBe("Borgerservice");
      expect(byName.get("Borgerservice – Telefon")?.parent?.name).toBe("Borgerservice");
      expect(byName.get("Jobcenter")?.kind).toBe("JOB_CENTRE");
      for (const unit of m.units) {
        expect(unit._count.channels).toBeGreaterThan(2);
        expect(unit._count.tasks).toBeGreaterThan(5);
      }
    }
  });

  it("gives every unit the FEJL task and citizen service the package tasks", async () => {
    const units = await database.prisma.unit.findMany({ include: { tasks: { include: { task: true } } } });
    for (const unit of units) expect(unit.tasks.some((t) => t.task.number === "FEJL")).toBe(true);
    const skranke = units.find((u) => u.name === "Borgerservice – Skranke")!;
    const numbers = skranke.tasks.map((t) => t.task.number);
    expect(numbers).toEqual(expect.arrayContaining(["23.05.10", "23.09.02", "23.09.04", "29.03.99"]));
    const telefon = await database.prisma.unitChannel.findMany({
      where: { unit: { name: "Borgerservice – Telefon" } },
    });
    expect(telefon.map((c) => c.channelCode)).toContain("TLFIND");
  });

  it("asks one optional extra question, on Køge's counter only", async () => {
    const questions = await database.prisma.extraQuestion.findMany({
      include: { municipality: true, options: { orderBy: { sortOrder: "asc" } }, units: { include: { unit: true } } },
    });
    expect(questions.map((q) => [q.municipality?.number, q.text, q.required])).toEqual([
      [259, "Kunne henvendelsen være klaret digitalt?", false],
    ]);
    expect(questions[0].options.map((o) => o.label)).toEqual(["Ja", "Nej", "Ved ikke"]);
    expect(questions[0].units.map((u) => u.unit.name)).toEqual(["Borgerservice – Skranke"]);
  });

  it("creates the demo users with memberships for every role", async () => {
    const users = await database.prisma.user.findMany({
      include: { memberships: { include: { unit: true, municipality: true } }, accounts: true },
    });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    const roles = new Set(users.flatMap((u) => u.memberships.map((m) => m.role)));
    expect(roles).toEqual(new Set(["NATIONAL", "COORDINATOR", "UNIT_LEAD", "REGISTRANT"]));
    for (const u of users) {
      expect(u.accounts.some((a) => a.providerId === "credential" && a.password)).toBe(true);
    }
    const registrant = users.find((u) => u.email === "medarbejder@koege.test")!;
    expect(registrant.memberships.map((m) => m.unit?.name).sort()).toEqual(["Borgerservice – Skranke", "Borgerservice – Telefon"]);
    expect(registrant.memberships.every((m) => m.municipality?.number === 259)).toBe(true);
    const national = users.find((u) => u.email === "national@spor.test")!;
    expect(national.memberships).toEqual([expect.objectContaining({ role: "NATIONAL", municipalityId: null, unitId: null })]);
    const lead = users.find((u) => u.email === "leder@koege.test")!;
    expect(lead.memberships.map((m) => [m.role, m.unit?.name])).toEqual([["UNIT_LEAD", "Borgerservice"]]);
  });

  it("sets up counting weeks in the current round that contain today", async () => {
    const today = isoWeekOf(new Date());
    for (const number of [259, 101]) {
      const weeks = await database.prisma.municipalityCountingWeek.findMany({
        where: { municipality: { number } },
        include: { round: true },
      });
      expect(weeks.length).toBeGreaterThanOrEqual(3);
      expect(weeks.some((w) => w.isoYear === today.isoYear && w.isoWeek === today.isoWeek)).toBe(true);
      expect(weeks.filter((w) => w.round?.code.startsWith("current-"))).toHaveLength(3);
    }
  });

  it("adds registrations, some of them today, bucketed by Copenhagen week", async () => {
    const prisma = database.prisma;
    const registrations = await prisma.registration.findMany({ include: { channel: true, task: true } });
    expect(registrations.length).toBeGreaterThan(20);
    const today = isoWeekOf(new Date());
    expect(registrations.some((r) => r.isoYear === today.isoYear && r.isoWeek === today.isoWeek)).toBe(true);
    for (const r of registrations) {
      expect(isoWeekOf(r.occurredAt)).toEqual({ isoYear: r.isoYear, isoWeek: r.isoWeek });
      expect(r.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(r.source).toBe("MANUAL");
      expect(r.inCountingWeek).toBe(true);
      if (!r.channel.asksForm) expect(r.form).toBeNull();
      if (r.task.number === "FEJL") expect(r.contactTypeCode).toBe("FEJL");
    }
    const since = new Date(Date.now() - 24 * 3600_000);
    expect(registrations.some((r) => r.occurredAt >= since)).toBe(true);
  });

  it("does nothing when called again", async () => {
    const counts = async () =>
      Promise.all([
        database.prisma.municipality.count(),
        database.prisma.unit.count(),
        database.prisma.user.count(),
        database.prisma.membership.count(),
        database.prisma.registration.count(),
        database.prisma.municipalityCountingWeek.count(),
      ]);
    const before = await counts();
    await seedDemoData(database.prisma);
    expect(await counts()).toEqual(before);
  });
});
