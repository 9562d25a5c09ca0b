import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, localDateOnly, toIsoDateString } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { seedReferenceData } from "@/lib/seed/reference";
import { createTestDatabase } from "@/tests/helpers/test-db";

const REFERENCE_TABLES: Record<string, string> = {
  channel: "code",
  contact_type: "code",
  closure: "code",
  task: "number",
  task_package: "code",
  task_package_item: "package_id, task_id",
  counting_round: "code",
  channel_price: "channel_code, municipality_id",
};

let database: SporDatabase;

async function dump(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(REFERENCE_TABLES)) {
    result[table] = await database.sql.query(`SELECT * FROM "${table}" ORDER BY ${order}`);
  }
  return result;
}

async function packageItems(code: string) {
  return database.prisma.taskPackageItem.findMany({
    where: { package: { code } },
    include: { task: true },
    orderBy: { sortOrder: "asc" },
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
  await seedReferenceData(database.prisma);
});

afterAll(async () => {
  await database?.close();
});

describe("seedReferenceData", () => {
  it("changes nothing when run a second time", async () => {
    const before = await dump();
    // 76 distinct package numbers (every 2012 and 2016 task is also in the 2013 list) plus FEJL.
    expect(before.task).toHaveLength(77);
    await seedReferenceData(database.prisma);
    expect(await dump()).toEqual(before);
  });

  it("creates the code tables and the special task", async () => {
    const prisma = database.prisma;
    expect(await prisma.channel.count()).toBe(25);
    expect(await prisma.contactType.count()).toBe(6);
    expect(await prisma.closure.count()).toBe(3); // Straksafsluttet, Lagt til videre behandling, Stillet videre (the hand-off)
    expect(await prisma.channel.findUnique({ where: { code: "TLFIND" } })).toMatchObject({
      direction: "IN",
      asksForm: false,
      selfService: false,
    });
    expect(await prisma.task.findUnique({ where: { number: "FEJL" } })).toMatchObject({
      title: "Fejlhenvendelse",
      level: "SPECIAL",
      source: "SPECIAL",
    });
  });

  it("loads the 35 tasks of 2011–2012 with their form numbers", async () => {
    const items = await packageItems("komhen-2012-35");
    expect(items).toHaveLength(35);
    expect(items.every((i) => i.obligatory && !i.removed && i.formNumber)).toBe(true);
    expect(items.find((i) => i.task.number === "23.05.10")).toMatchObject({ title: "Flytning", formNumber: "08.15.05.10" });
    // KL's own number, not KLE, but still a task.
    expect(items.find((i) => i.task.number === "29.03.99")?.task).toMatchObject({
      title: "EU-sygesikringskort (blåt)",
      level: "EMNE",
      source: "PACKAGE",
    });
  });

  it("loads the autumn-2013 package: 45 obligatory, 31 removed", async () => {
    const items = await packageItems("komhen-2013-autumn");
    expect(items).toHaveLength(76);
    expect(items.filter((i) => i.obligatory)).toHaveLength(45);
    expect(items.filter((i) => i.removed)).toHaveLength(31);
    expect(items.filter((i) => i.obligatory && i.removed)).toHaveLength(0);
    // The 39 extra tasks KL recommended in autumn 2012: 14 joined the package, 25 left.
    const formerExtras = items.filter((i) => i.note === "Tidligere: Ekstra opgave");
    expect(formerExtras).toHaveLength(39);
    expect(formerExtras.filter((i) => i.obligatory)).toHaveLength(14);
    expect(items.find((i) => i.task.number === "23.05.10")).toMatchObject({ needGroup: "Bølge 1", obligatory: true });
    expect(items.find((i) => i.task.number === "02.34.02")).toMatchObject({
      needGroup: "Udgår midlertidigt (bølge 3)",
      removed: true,
      obligatory: false,
    });
    expect(new Set(items.filter((i) => i.obligatory).map((i) => i.needGroup))).toEqual(
      new Set(["Bølge 1", "Bølge 2", "Bølge 4 (i spil)", "Bølge 4 (i spil) - tilføjet", "SKAT", "Udbetaling Danmark"]),
    );
  });

  it("loads the 8 obligatory tasks of spring 2016", async () => {
    const items = await packageItems("komhen-2016-spring");
    expect(items).toHaveLength(8);
    expect(items.every((i) => i.obligatory && i.needGroup)).toBe(true);
  });

  it("keeps each package's own title on the item and one task per number", async () => {
    const items2012 = await packageItems("komhen-2012-35");
    const items2013 = await packageItems("komhen-2013-autumn");
    const vielse2012 = items2012.find((i) => i.task.number === "23.01.00")!;
    const vielse2013 = items2013.find((i) => i.task.number === "23.01.00")!;
    expect(vielse2012.title).toBe("Vielser");
    expect(vielse2013.title).toBe("Vielse/partnerskab");
    expect(vielse2012.taskId).toBe(vielse2013.taskId);
  });

  it("creates the national rounds on the right Mondays", async () => {
    const rounds = await database.prisma.countingRound.findMany({ include: { package: true } });
    const byCode = new Map(rounds.map((r) => [r.code, r]));
    const expected: [string, string, number, number, string | null][] = [
      ["autumn-2011", "2011-10-24", 2011, 43, "komhen-2012-35"],
      ["spring-2012", "2012-04-23", 2012, 17, "komhen-2012-35"],
      ["autumn-2012", "2012-10-22", 2012, 43, "komhen-2012-35"],
      ["autumn-2013", "2013-10-21", 2013, 43, "komhen-2013-autumn"],
      ["spring-2015", "2015-04-27", 2015, 18, null],
    ];
    for (const [code, startsOn, isoYear, firstWeek, pkg] of expected) {
      const round = byCode.get(code)!;
      expect(toIsoDateString(round.startsOn)).toBe(startsOn);
      expect(round).toMatchObject({ isoYear, firstWeek, weekCount: 3 });
      expect(round.package?.code ?? null).toBe(pkg);
    }
  });

  it("invents no round outside the demo: a server gets its rounds from KL", async () => {
    expect(await database.prisma.countingRound.count({ where: { code: { startsWith: "current-" } } })).toBe(0);
    expect(await database.prisma.countingRound.count()).toBe(5);
  });

  it("creates a current round that contains today for the demo", async () => {
    await seedReferenceData(database.prisma, { currentRound: true });
    const current = (await database.prisma.countingRound.findMany({ where: { code: { startsWith: "current-" } } }))[0];
    expect(current).toBeDefined();
    const today = localDateOnly(new Date()).getTime();
    expect(current.startsOn.getTime()).toBeLessThanOrEqual(today);
    expect(today).toBeLessThan(current.startsOn.getTime() + current.weekCount * 7 * 86_400_000);
    expect(isoWeekOf(current.startsOn, "UTC")).toEqual({ isoYear: current.isoYear, isoWeek: current.firstWeek });
  });

  it("keeps the current round stable within a half-year", async () => {
    const prisma = database.prisma;
    await seedReferenceData(prisma, { today: new Date("2030-08-20T10:00:00Z"), currentRound: true });
    await seedReferenceData(prisma, { today: new Date("2030-11-25T10:00:00Z"), currentRound: true });
    const rounds = await prisma.countingRound.findMany({ where: { code: { startsWith: "current-2030" } } });
    expect(rounds.map((r) => [r.code, r.name, toIsoDateString(r.startsOn)])).toEqual([["current-2030-h2", "Efterår 2030", "2030-08-12"]]);
    await seedReferenceData(prisma, { today: new Date("2031-01-01T10:00:00Z"), currentRound: true });
    const spring = await prisma.countingRound.findUniqueOrThrow({ where: { code: "current-2031-h1" } });
    expect(spring).toMatchObject({ name: "Forår 2031", isoYear: 2030, firstWeek: 52 });
  });

  it("creates national channel prices but never overwrites an edited one", async () => {
    const prisma = database.prisma;
    const prices = await prisma.channelPrice.findMany({ where: { municipalityId: null } });
    expect(prices).toHaveLength(25);
    expect(prices.find((p) => p.channelCode === "PRSNLG")?.priceOre).toBe(7500);
    expect(prices.find((p) => p.channelCode === "SLVBTJN")?.priceOre).toBe(2000);
    const edited = prices.find((p) => p.channelCode === "TLFIND")!;
    await prisma.channelPrice.update({ where: { id: edited.id }, data: { priceOre: 4200 } });
    await seedReferenceData(prisma);
    expect((await prisma.channelPrice.findUniqueOrThrow({ where: { id: edited.id } })).priceOre).toBe(4200);
  });

  it("restores a code table row that differs from the code", async () => {
    const prisma = database.prisma;
    await prisma.channel.update({ where: { code: "TLFIND" }, data: { name: "Forkert", asksForm: true } });
    await seedReferenceData(prisma);
    expect(await prisma.channel.findUnique({ where: { code: "TLFIND" } })).toMatchObject({
      name: "Telefon",
      asksForm: false,
    });
  });
});

describe("seedReferenceData started twice at once", () => {
  let fresh: SporDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase({ reference: false });
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it("inserts everything once (two servers starting on an empty database)", async () => {
    await Promise.all([seedReferenceData(fresh.prisma, { currentRound: true }), seedReferenceData(fresh.prisma, { currentRound: true })]);
    const prisma = fresh.prisma;
    expect(await prisma.channel.count()).toBe(25);
    expect(await prisma.task.count()).toBe(77);
    expect(await prisma.taskPackage.count()).toBe(3);
    expect(await prisma.taskPackageItem.count()).toBe(35 + 76 + 8);
    expect(await prisma.countingRound.count()).toBe(6);
    expect(await prisma.channelPrice.count()).toBe(25);
  });
});
