import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toIsoDateString } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { seedReferenceData } from "@/lib/seed/reference";
import { importKle } from "@/lib/tasks/kle-import";
import { createTestDatabase } from "@/tests/helpers/test-db";

const fixture = fs.readFileSync(path.resolve(process.cwd(), "tests/fixtures/kle-mini.xml"), "utf8");
const SHARED_KLE = path.resolve(process.cwd(), "../shared/data/kle/KLE-Emneplan_Version2-0_2015-08-01.xml");
const sharedExists = fs.existsSync(SHARED_KLE);

describe("importKle on an empty task table", () => {
  let database: SporDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ reference: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates every entry, then reports all unchanged", async () => {
    const first = await importKle(database.prisma, fixture);
    expect(first).toEqual({
      publishedOn: "2026-02-01",
      created: 17,
      updated: 0,
      unchanged: 0,
      byLevel: { HOVEDGRUPPE: 3, GRUPPE: 5, EMNE: 9 },
      titlesHeld: 0,
    });
    const tasks = await database.prisma.task.findMany();
    expect(tasks).toHaveLength(17);
    expect(tasks.every((t) => t.source === "KLE")).toBe(true);
    const discontinued = tasks.find((t) => t.number === "23.09.06")!;
    expect(toIsoDateString(discontinued.validTo!)).toBe("2012-01-01");
    expect(toIsoDateString(discontinued.validFrom!)).toBe("1995-03-01");

    const before = await database.sql.query(`SELECT * FROM "task" ORDER BY number`);
    const second = await importKle(database.prisma, fixture);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 17 });
    expect(await database.sql.query(`SELECT * FROM "task" ORDER BY number`)).toEqual(before);
  });

  it("updates changed titles and dates", async () => {
    const changed = fixture
      .replace("Tilladelse til at bygge", "Tilladelse til byggeri")
      .replace(
        /(<EmneNr>23\.05\.12<\/EmneNr>[\s\S]*?<OprettetDato>1999-01-01<\/OprettetDato>)/,
        "$1<Historisk><UdgaaetDato>2026-01-01</UdgaaetDato></Historisk>",
      );
    const result = await importKle(database.prisma, changed);
    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 15 });
    const prisma = database.prisma;
    expect((await prisma.task.findUniqueOrThrow({ where: { number: "02.34.02" } })).title).toBe("Tilladelse til byggeri");
    const ended = await prisma.task.findUniqueOrThrow({ where: { number: "23.05.12" } });
    expect(toIsoDateString(ended.validTo!)).toBe("2026-01-01");
  });
});

describe("importKle over seeded task packages", () => {
  let database: SporDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ reference: false });
    await seedReferenceData(database.prisma);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("turns package tasks into KLE tasks in place, keeping package items linked", async () => {
    const prisma = database.prisma;
    const before = await prisma.task.findUniqueOrThrow({ where: { number: "23.05.10" } });
    expect(before).toMatchObject({ source: "PACKAGE", title: "Flytning" });
    const itemCount = await prisma.taskPackageItem.count();

    const result = await importKle(prisma, fixture);
    // Seven of the fixture's emner are package tasks already; the rest are new.
    expect(result).toMatchObject({ created: 10, updated: 7, unchanged: 0 });

    const after = await prisma.task.findUniqueOrThrow({
      where: { number: "23.05.10" },
      include: { packageItems: { include: { package: true } } },
    });
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ source: "KLE", title: "Anmeldelse af ny adresse", level: "EMNE" });
    // The items still carry KL's package titles.
    expect(after.packageItems.map((i) => [i.package.code, i.title]).sort()).toEqual([
      ["komhen-2012-35", "Flytning"],
      ["komhen-2013-autumn", "Flytning"],
    ]);
    expect(await prisma.taskPackageItem.count()).toBe(itemCount);
    // KL's own number is not in KLE and stays a package task.
    expect((await prisma.task.findUniqueOrThrow({ where: { number: "29.03.99" } })).source).toBe("PACKAGE");
  });

  it("is not undone by the reference seed: KLE titles win", async () => {
    const prisma = database.prisma;
    const before = await database.sql.query(`SELECT * FROM "task" ORDER BY number`);
    await seedReferenceData(prisma);
    expect(await database.sql.query(`SELECT * FROM "task" ORDER BY number`)).toEqual(before);
    expect((await prisma.task.findUniqueOrThrow({ where: { number: "23.05.10" } })).title).toBe("Anmeldelse af ny adresse");
  });
});

describe("importKle with KL's 2015-08-01 file", () => {
  let database: SporDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(!sharedExists)("loads 4,189 tasks by level and is idempotent", async () => {
    const xml = fs.readFileSync(SHARED_KLE, "utf8");
    const prisma = database.prisma;
    const first = await importKle(prisma, xml);
    expect(first.byLevel).toEqual({ HOVEDGRUPPE: 41, GRUPPE: 691, EMNE: 3457 });
    expect(first.created + first.updated).toBe(4189);
    expect(await prisma.task.count({ where: { source: "KLE" } })).toBe(4189);
    expect(await prisma.task.count({ where: { source: "KLE", level: "HOVEDGRUPPE" } })).toBe(41);
    expect(await prisma.task.count({ where: { source: "KLE", level: "GRUPPE" } })).toBe(691);
    expect(await prisma.task.count({ where: { source: "KLE", level: "EMNE" } })).toBe(3457);
    expect((await prisma.task.findUniqueOrThrow({ where: { number: "23.05.10" } })).title).toBe("Flytteanmeldelse");
    expect(await prisma.task.count({ where: { source: "KLE", validTo: { not: null } } })).toBe(1537);

    const second = await importKle(prisma, xml);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 4189 });
  });
});
