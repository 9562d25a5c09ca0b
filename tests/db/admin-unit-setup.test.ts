import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHANNELS } from "@/lib/units/default-channels";
import { searchTasks } from "@/lib/units/page-queries";
import {
  addObligatoryPackageTasks,
  addUnitTasks,
  copyFromUnit,
  deleteTestRegistrations,
  removeUnitTasks,
  resetUnitChannels,
  setUnitChannels,
  setUnitOptions,
} from "@/lib/units/setup";
import { createUnit } from "@/lib/units/tree";
import { addRegistration, adminTestDatabase, snapshotTables, taskId } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);
const channels = async (unitId: string) =>
  (await t.prisma.unitChannel.findMany({ where: { unitId }, select: { channelCode: true }, orderBy: { channelCode: "asc" } })).map(
    (c) => c.channelCode,
  );
const tasks = async (unitId: string) =>
  (await t.prisma.unitTask.findMany({ where: { unitId }, select: { task: { select: { number: true } } } }))
    .map((x) => x.task.number)
    .sort();

describe("channels", () => {
  it("sets exactly the chosen channels, audited with before and after", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Jobcenter");
    const before = await channels(unitId);
    await setUnitChannels(ctx, { municipalityId: M(), unitId, channelCodes: ["TLFIND", "PRSNLG"] });
    expect(await channels(unitId)).toEqual(["PRSNLG", "TLFIND"]);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.channels", unitId }, orderBy: { id: "desc" } });
    expect(audit.before).toEqual({ channels: before });
    expect(audit.after).toEqual({ channels: ["PRSNLG", "TLFIND"] });
  });

  it("refuses an unknown channel code and keeps the old choice", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Jobcenter");
    await expect(setUnitChannels(ctx, { municipalityId: M(), unitId, channelCodes: ["TLFIND", "FAX"] })).rejects.toThrow(/findes ikke/);
    expect(await channels(unitId)).toEqual(["PRSNLG", "TLFIND"]);
  });

  it("resets to the defaults for the unit's kind", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Jobcenter");
    await resetUnitChannels(ctx, { municipalityId: M(), unitId });
    expect(await channels(unitId)).toEqual([...DEFAULT_CHANNELS.JOB_CENTRE].sort());
  });
});

describe("tasks", () => {
  it("adds all obligatory tasks of a package in one go, not the ones that left it", async () => {
    const ctx = await t.koege();
    const { id: unitId } = await createUnit(ctx, {
      municipalityId: M(),
      name: "Ny borgerservice",
      parentId: null,
      kind: "CITIZEN_SERVICE",
    });
    const pkg = await t.prisma.taskPackage.findUniqueOrThrow({ where: { code: "komhen-2013-autumn" }, select: { id: true } });
    const obligatory = await t.prisma.taskPackageItem.count({ where: { packageId: pkg.id, obligatory: true, removed: false } });
    const { added } = await addObligatoryPackageTasks(ctx, { municipalityId: M(), unitId, packageId: pkg.id });
    expect(added).toBe(obligatory);
    expect((await tasks(unitId)).length).toBe(obligatory + 1); // + FEJL
    const again = await addObligatoryPackageTasks(ctx, { municipalityId: M(), unitId, packageId: pkg.id });
    expect(again.added).toBe(0);
  });

  it("adds chosen tasks, refuses a hovedgruppe and never removes Fejlhenvendelse", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Teknik og Miljø");
    const pas = await taskId(t.prisma, "23.09.02");
    await addUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [pas] });
    expect(await tasks(unitId)).toContain("23.09.02");
    await t.prisma.task.create({ data: { number: "23", title: "Personregistrering", level: "HOVEDGRUPPE", source: "KLE" } });
    await expect(addUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [await taskId(t.prisma, "23")] })).rejects.toThrow(
      /hovedgruppe/,
    );
    await expect(removeUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [await taskId(t.prisma, "FEJL"), pas] })).rejects.toThrow(
      /Fejlhenvendelse/,
    );
    expect(await tasks(unitId)).toContain("23.09.02");
    const { removed } = await removeUnitTasks(ctx, { municipalityId: M(), unitId, taskIds: [pas] });
    expect(removed).toBe(1);
  });

  it("refuses an expired KLE task", async () => {
    const ctx = await t.koege();
    const old = await t.prisma.task.create({
      data: { number: "99.99.99", title: "Udgået emne", level: "EMNE", source: "KLE", validTo: new Date("2010-01-01") },
    });
    await expect(addUnitTasks(ctx, { municipalityId: M(), unitId: await t.unitId(259, "Jobcenter"), taskIds: [old.id] })).rejects.toThrow(
      /udgået/,
    );
  });

  it("finds tasks by number prefix and by words, emne and gruppe level only", async () => {
    expect((await searchTasks(t.prisma, "23.09")).map((x) => x.number)).toEqual(expect.arrayContaining(["23.09.02", "23.09.04"]));
    expect((await searchTasks(t.prisma, "kørekort")).map((x) => x.number)).toContain("23.09.04");
    const group = (await searchTasks(t.prisma, "23")).map((x) => x.number);
    expect(group.length).toBeGreaterThan(0);
    expect(group.every((n) => n.startsWith("23."))).toBe(true); // the hovedgruppe "23" itself is not offered
    expect((await searchTasks(t.prisma, "Udgået")).length).toBe(0);
  });

  it("copies channels and tasks from another unit, replacing or adding", async () => {
    const ctx = await t.koege();
    const target = (await createUnit(ctx, { municipalityId: M(), name: "Kopi", parentId: null, kind: "OTHER" })).id;
    const source = await t.unitId(259, "Borgerservice – Skranke");
    await copyFromUnit(ctx, { municipalityId: M(), unitId: target, sourceUnitId: source, channels: true, tasks: true, mode: "replace" });
    expect(await channels(target)).toEqual(await channels(source));
    expect(await tasks(target)).toEqual(await tasks(source));
    await copyFromUnit(ctx, {
      municipalityId: M(),
      unitId: target,
      sourceUnitId: await t.unitId(259, "Jobcenter"),
      channels: false,
      tasks: true,
      mode: "add",
    });
    expect(await tasks(target)).toEqual(expect.arrayContaining([...(await tasks(source)), "32.30.04"]));
  });
});

describe("options and test mode", () => {
  it("switches time measurement and test mode, audited", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Borgerservice – Skranke");
    await setUnitOptions(ctx, { municipalityId: M(), unitId, timeMeasurement: true, testMode: true });
    expect(await t.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: { timeMeasurement: true, testMode: true } })).toEqual({
      timeMeasurement: true,
      testMode: true,
    });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.options", unitId } });
    expect(audit.before).toEqual({ timeMeasurement: false, testMode: false });
  });

  it("deletes the unit's test registrations in one go and nothing else", async () => {
    const ctx = await t.koege();
    const unitId = await t.unitId(259, "Borgerservice – Skranke");
    const other = await t.unitId(259, "Borgerservice – Telefon");
    const real = await t.prisma.registration.count({ where: { isTest: false } });
    for (let i = 0; i < 3; i++) await addRegistration(t.prisma, { municipalityId: M(), unitId, isTest: true });
    await addRegistration(t.prisma, { municipalityId: M(), unitId: other, isTest: true });
    const { deleted } = await deleteTestRegistrations(ctx, { municipalityId: M(), unitId });
    expect(deleted).toBe(3);
    expect(await t.prisma.registration.count({ where: { isTest: false } })).toBe(real);
    expect(await t.prisma.registration.count({ where: { unitId: other, isTest: true } })).toBe(1);
    const before = await snapshotTables(t.prisma);
    await expect(deleteTestRegistrations(ctx, { municipalityId: M(), unitId })).rejects.toThrow(/ingen testregistreringer/);
    expect(await snapshotTables(t.prisma)).toEqual(before);
    expect(await t.prisma.auditEvent.count({ where: { action: "unit.test-registrations.delete", unitId } })).toBe(1);
  });
});
