import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previousRound, readSetup } from "@/lib/units/setup-snapshot";
import { planIsEmpty, planStartFromLastRound, startFromLastRound } from "@/lib/units/start-from-last-round";
import { addUnitTasks, removeUnitTasks, setUnitChannels, setUnitOptions } from "@/lib/units/setup";
import { archiveUnit, createUnit, deleteUnit, moveUnit } from "@/lib/units/tree";
import { setRoundWeeks } from "@/lib/counting/weeks";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);
const comparable = async () =>
  (await readSetup(t.prisma, M())).units.map((u) => ({ ...u, channels: [...u.channels].sort(), taskIds: [...u.taskIds].sort() }));

describe("Start fra sidste runde", () => {
  it("has nothing to start from before the municipality counted in a round that ended", async () => {
    expect(await previousRound(t.prisma, M(), new Date())).toBeNull();
    expect(await planStartFromLastRound(t.prisma, M())).toBeNull();
    await expect(startFromLastRound(await t.koege(), { municipalityId: M() })).rejects.toThrow(/ikke talt i en tidligere runde/);
  });

  it("restores units, channels, tasks and options as they were when the last round ended", async () => {
    const ctx = await t.koege();
    const round = await t.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } });
    await setRoundWeeks(ctx, { municipalityId: M(), roundId: round.id, weeks: ["2013-43", "2013-44", "2013-45"] });
    const asInRound = await comparable();
    expect(planIsEmpty((await planStartFromLastRound(t.prisma, M()))!)).toBe(true);

    // Between the rounds the coordinator changes a lot. The first change saves the round's setup.
    const skranke = await t.unitId(259, "Borgerservice – Skranke");
    const telefon = await t.unitId(259, "Borgerservice – Telefon");
    const jobcenter = await t.unitId(259, "Jobcenter");
    const teknik = await t.unitId(259, "Teknik og Miljø");
    await setUnitChannels(ctx, { municipalityId: M(), unitId: skranke, channelCodes: ["PRSNLG"] });
    expect(await t.prisma.roundSetupSnapshot.count({ where: { municipalityId: M(), roundId: round.id } })).toBe(1);
    await removeUnitTasks(ctx, { municipalityId: M(), unitId: skranke, taskIds: [await taskId(t.prisma, "23.09.02")] });
    await addUnitTasks(ctx, { municipalityId: M(), unitId: jobcenter, taskIds: [await taskId(t.prisma, "23.05.10")] });
    await moveUnit(ctx, { municipalityId: M(), unitId: telefon, parentId: jobcenter });
    await setUnitOptions(ctx, { municipalityId: M(), unitId: telefon, timeMeasurement: true, testMode: false });
    await archiveUnit(ctx, { municipalityId: M(), unitId: teknik });
    const { id: newUnit } = await createUnit(ctx, { municipalityId: M(), name: "Ny enhed efter runden", parentId: null, kind: "OTHER" });

    const plan = (await planStartFromLastRound(t.prisma, M()))!;
    expect(plan.from).toMatchObject({ name: "Efterår 2013", saved: true });
    expect(plan).toMatchObject({ unitsReactivated: 1, unitsMoved: 1, unitsCreated: 0 });
    expect(plan.channelChanges).toBeGreaterThan(0);
    expect(plan.taskChanges).toBe(2);

    const result = await startFromLastRound(ctx, { municipalityId: M() });
    expect(result.unitsMoved).toBe(1);
    const now = (await comparable()).filter((u) => u.id !== newUnit);
    expect(now).toEqual(asInRound);
    // Units made since are kept; the audit log has the whole setup before the restore.
    expect(await t.prisma.unit.count({ where: { id: newUnit } })).toBe(1);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "setup.start-from-last-round" } });
    expect((audit.before as { units: unknown[] }).units.length).toBe(asInRound.length + 1);
    expect(planIsEmpty((await planStartFromLastRound(t.prisma, M()))!)).toBe(true);
  });

  it("recreates a unit deleted since the round and adds the next package's newly obligatory tasks", async () => {
    const ctx = await t.koege();
    // A unit that existed in the round, then was deleted (it never had registrations).
    const snap = await t.prisma.roundSetupSnapshot.findFirstOrThrow({ where: { municipalityId: M() } });
    const { id: temp } = await createUnit(ctx, { municipalityId: M(), name: "Midlertidig", parentId: null, kind: "OTHER" });
    const setup = snap.setup as { units: { id: string }[] };
    const withTemp = {
      ...setup,
      units: [
        ...setup.units,
        {
          id: temp,
          name: "Midlertidig",
          parentId: null,
          kind: "OTHER",
          archived: false,
          timeMeasurement: false,
          channels: ["PRSNLG"],
          taskIds: [],
        },
      ],
    };
    await t.prisma.roundSetupSnapshot.update({ where: { id: snap.id }, data: { setup: withTemp } });
    await deleteUnit(ctx, { municipalityId: M(), unitId: temp });

    // The current round (being prepared) gets the 2016 package: tasks obligatory there but not in 2013's are added.
    const current = await t.prisma.countingRound.findFirstOrThrow({ where: { code: { startsWith: "current-" } } });
    const p2016 = await t.prisma.taskPackage.findUniqueOrThrow({ where: { code: "komhen-2016-spring" } });
    await t.prisma.countingRound.update({ where: { id: current.id }, data: { packageId: p2016.id } });

    const plan = (await planStartFromLastRound(t.prisma, M()))!;
    expect(plan.unitsCreated).toBe(1);
    expect(plan.to?.name).toBe(current.name);
    await startFromLastRound(ctx, { municipalityId: M() });
    expect(await t.prisma.unit.findUnique({ where: { id: temp }, select: { name: true } })).toEqual({ name: "Midlertidig" });
    const items2013 = new Set(
      (
        await t.prisma.taskPackageItem.findMany({ where: { package: { code: "komhen-2013-autumn" }, obligatory: true, removed: false } })
      ).map((i) => i.taskId),
    );
    const fresh = (await t.prisma.taskPackageItem.findMany({ where: { packageId: p2016.id, obligatory: true } }))
      .map((i) => i.taskId)
      .filter((id) => !items2013.has(id));
    if (fresh.length) {
      const skranke = await t.unitId(259, "Borgerservice – Skranke");
      const tasks = new Set((await t.prisma.unitTask.findMany({ where: { unitId: skranke } })).map((x) => x.taskId));
      expect(fresh.every((id) => tasks.has(id))).toBe(true);
      expect(plan.obligatoryAdded).toBeGreaterThan(0);
    }
  });
});
