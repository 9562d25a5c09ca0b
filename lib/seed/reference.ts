import "server-only";
// Reference data every installation needs: code tables, KL's task packages, national rounds and
// default channel prices. Runs on every app start, so it reads what is there (a handful of queries)
// and writes only what is missing or wrong, in one transaction; an up-to-date database gets no
// writes at all, which keeps updated_at untouched and makes a second run change nothing.
// An advisory lock serialises the whole thing, so two servers starting at once on an empty
// PostgreSQL database cannot both insert (the second then finds everything in place).
//
// Two kinds of rows:
// - Fixed code tables (channels, contact types, closures, the FEJL task) belong to the code: rows
//   that differ from lib/reference/codes.ts are corrected.
// - Things KL maintains in the app (packages and their items, rounds, channel prices) are created
//   when their code is missing and otherwise left alone, so edits made in the app survive restarts.
//   A package's items are only written together with a new package, so removing an item sticks.

import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { CHANNELS, CONTACT_TYPES, FEJL_TASK, REGISTRATION_CLOSURES, taskLevelOfNumber } from "@/lib/reference/codes";
import { loadTaskPackages, packageTaskTitles, type SeedPackage } from "./packages";
import { DEFAULT_CHANNEL_PRICES_ORE } from "./prices";
import { NATIONAL_ROUNDS, seedRounds, type SeedRound } from "./rounds";

export interface SeedReferenceOptions {
  /**
   * Also a round for the present half-year (demo installations only: a real server gets its rounds
   * from KL on the national page, never an invented one).
   */
  currentRound?: boolean;
  /** "Today" for the current round (tests). */
  today?: Date;
  /** Packages to seed; default: the CSV files in lib/seed/data. */
  packages?: SeedPackage[];
}

const SEED_LOCK = 774412; // the migrator uses 774411

export async function seedReferenceData(prisma: PrismaClient, options: SeedReferenceOptions = {}): Promise<void> {
  const packages = options.packages ?? loadTaskPackages();
  const rounds = options.currentRound ? seedRounds(options.today ?? new Date()) : [...NATIONAL_ROUNDS];
  await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SEED_LOCK})`;
      await seedWithin(tx, packages, rounds);
    },
    // Generous: the first run on a cold embedded database inserts everything.
    { maxWait: 60_000, timeout: 60_000 },
  );
}

async function seedWithin(prisma: Prisma.TransactionClient, packages: SeedPackage[], rounds: SeedRound[]) {
  const taskTitles = packageTaskTitles(packages);
  const taskNumbers = [FEJL_TASK.number, ...taskTitles.keys()];

  // Sequential: a transaction is one connection.
  const channels = await prisma.channel.findMany();
  const contactTypes = await prisma.contactType.findMany();
  const closures = await prisma.closure.findMany();
  const tasks = await prisma.task.findMany({
    where: { number: { in: taskNumbers } },
    select: { id: true, number: true, title: true, level: true, source: true },
  });
  const existingPackages = await prisma.taskPackage.findMany({ select: { id: true, code: true } });
  const existingRounds = await prisma.countingRound.findMany({
    where: { code: { in: rounds.map((r) => r.code) } },
    select: { code: true },
  });
  const prices = await prisma.channelPrice.findMany({ where: { municipalityId: null }, select: { channelCode: true } });

  // Prisma's promises are lazy: collected here, run in this order (foreign keys) at the end.
  const writes: Prisma.PrismaPromise<unknown>[] = [];

  // Code tables: create missing, correct differing.
  const channelByCode = new Map(channels.map((c) => [c.code, c]));
  const newChannels = CHANNELS.filter((c) => !channelByCode.has(c.code));
  if (newChannels.length) writes.push(prisma.channel.createMany({ data: [...newChannels] }));
  for (const c of CHANNELS) {
    const row = channelByCode.get(c.code);
    if (row && !same(row, c, ["name", "direction", "selfService", "asksForm", "bulk", "sortOrder"])) {
      writes.push(prisma.channel.update({ where: { code: c.code }, data: { ...c } }));
    }
  }

  const typeByCode = new Map(contactTypes.map((t) => [t.code, t]));
  const newTypes = CONTACT_TYPES.filter((t) => !typeByCode.has(t.code));
  if (newTypes.length) writes.push(prisma.contactType.createMany({ data: [...newTypes] }));
  for (const t of CONTACT_TYPES) {
    const row = typeByCode.get(t.code);
    if (row && !same(row, t, ["label", "group", "sortOrder"])) {
      writes.push(prisma.contactType.update({ where: { code: t.code }, data: { ...t } }));
    }
  }

  const closureByCode = new Map(closures.map((c) => [c.code, c]));
  const newClosures = REGISTRATION_CLOSURES.filter((c) => !closureByCode.has(c.code));
  if (newClosures.length) writes.push(prisma.closure.createMany({ data: [...newClosures] }));
  for (const c of REGISTRATION_CLOSURES) {
    const row = closureByCode.get(c.code);
    if (row && !same(row, c, ["label", "sortOrder"])) {
      writes.push(prisma.closure.update({ where: { code: c.code }, data: { ...c } }));
    }
  }

  // Tasks. Ids are made here so items can point at tasks created in the same transaction.
  const taskIdByNumber = new Map(tasks.map((t) => [t.number, t.id]));
  const newTasks: Prisma.TaskCreateManyInput[] = [];
  const fejl = tasks.find((t) => t.number === FEJL_TASK.number);
  const fejlData = { title: FEJL_TASK.title, level: "SPECIAL", source: "SPECIAL" } as const;
  if (!fejl) newTasks.push({ id: crypto.randomUUID(), number: FEJL_TASK.number, ...fejlData });
  else if (!same(fejl, fejlData, ["title", "level", "source"])) {
    writes.push(prisma.task.update({ where: { id: fejl.id }, data: fejlData }));
  }
  // A package task that exists already (perhaps imported from KLE, whose title wins) is left alone.
  for (const [number, title] of taskTitles) {
    if (taskIdByNumber.has(number)) continue;
    const level = taskLevelOfNumber(number);
    if (level !== "EMNE" && level !== "GRUPPE") {
      throw new Error(`Opgavepakkerne indeholder et ugyldigt opgavenummer: ${number}`);
    }
    newTasks.push({ id: crypto.randomUUID(), number, title, level, source: "PACKAGE" });
  }
  for (const t of newTasks) taskIdByNumber.set(t.number, t.id!);
  if (newTasks.length) writes.push(prisma.task.createMany({ data: newTasks }));

  // Packages with their items, only when the package is new.
  const packageIdByCode = new Map(existingPackages.map((p) => [p.code, p.id]));
  const newPackages: Prisma.TaskPackageCreateManyInput[] = [];
  const newItems: Prisma.TaskPackageItemCreateManyInput[] = [];
  for (const pkg of packages) {
    if (packageIdByCode.has(pkg.code)) continue;
    const id = crypto.randomUUID();
    packageIdByCode.set(pkg.code, id);
    newPackages.push({ id, code: pkg.code, name: pkg.name, description: pkg.description });
    for (const { number, ...item } of pkg.items) {
      newItems.push({ id: crypto.randomUUID(), packageId: id, taskId: taskIdByNumber.get(number)!, ...item });
    }
  }
  if (newPackages.length) writes.push(prisma.taskPackage.createMany({ data: newPackages }));
  if (newItems.length) writes.push(prisma.taskPackageItem.createMany({ data: newItems }));

  const haveRound = new Set(existingRounds.map((r) => r.code));
  const newRounds = rounds
    .filter((r) => !haveRound.has(r.code))
    .map(({ packageCode, ...r }): Prisma.CountingRoundCreateManyInput => ({
      ...r,
      packageId: packageCode ? (packageIdByCode.get(packageCode) ?? null) : null,
    }));
  if (newRounds.length) writes.push(prisma.countingRound.createMany({ data: newRounds }));

  const havePrice = new Set(prices.map((p) => p.channelCode));
  const newPrices = CHANNELS.filter((c) => !havePrice.has(c.code) && c.code in DEFAULT_CHANNEL_PRICES_ORE).map(
    (c): Prisma.ChannelPriceCreateManyInput => ({
      channelCode: c.code,
      municipalityId: null,
      priceOre: DEFAULT_CHANNEL_PRICES_ORE[c.code],
    }),
  );
  if (newPrices.length) writes.push(prisma.channelPrice.createMany({ data: newPrices }));

  for (const write of writes) await write;
}

function same<T extends object>(row: T, wanted: Partial<T>, keys: (keyof T)[]): boolean {
  return keys.every((key) => row[key] === wanted[key]);
}
