import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRound } from "@/lib/counting/rounds";
import {
  addPackageTasks,
  addTasksSchema,
  createPackage,
  deletePackage,
  newPackageSchema,
  setPackageItem,
  updatePackage,
} from "@/lib/tasks/packages";
import { roundSchema } from "@/lib/counting/rounds";
import { adminTestDatabase, taskId } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const national = () => t.ctx("national@spor.test");
const items = (packageId: string) =>
  t.prisma.taskPackageItem.findMany({
    where: { packageId },
    select: { obligatory: true, removed: true, needGroup: true, title: true, task: { select: { number: true } } },
    orderBy: { sortOrder: "asc" },
  });
const pkgInput = (name: string, copyFromId = "") => newPackageSchema.parse({ name, description: "", copyFromId });
const tasks = (numbers: string, obligatory = true, needGroup = "") => addTasksSchema.parse({ numbers, obligatory, needGroup });

describe("KL's task packages", () => {
  let copyId = "";

  it("copies a package with every item and its flags, audit-logged", async () => {
    const source = await t.prisma.taskPackage.findUniqueOrThrow({ where: { code: "komhen-2013-autumn" }, select: { id: true } });
    copyId = (await createPackage(await national(), pkgInput("KOMHEN forår 2027", source.id))).id;
    const strip = (rows: Awaited<ReturnType<typeof items>>) => rows.map((r) => ({ ...r }));
    expect(strip(await items(copyId))).toEqual(strip(await items(source.id)));
    expect((await items(copyId)).length).toBeGreaterThan(45);
    const row = await t.prisma.taskPackage.findUniqueOrThrow({ where: { id: copyId } });
    expect(row.code).toBe("komhen-foraar-2027");
    expect(await t.prisma.auditEvent.count({ where: { entityId: copyId, action: "package.create" } })).toBe(1);
  });

  it("adds tasks by number, brings back a removed one, and lists unknown numbers without adding any", async () => {
    const ctx = await national();
    const empty = (await createPackage(ctx, pkgInput("Tom pakke"))).id;
    expect(await items(empty)).toEqual([]);
    await expect(addPackageTasks(ctx, empty, tasks("23.05.10, 99.99.99 98.98.98"))).rejects.toThrow(
      "Ukendte opgavenumre: 99.99.99, 98.98.98. Importér KLE, eller ret numrene. Intet er tilføjet.",
    );
    expect(await items(empty)).toEqual([]);
    expect(await addPackageTasks(ctx, empty, tasks("23.05.10\n23.09.02;23.05.10", true, "Bølge 5"))).toEqual({ added: 2, restored: 0 });
    expect(await items(empty)).toEqual([
      { obligatory: true, removed: false, needGroup: "Bølge 5", title: "Flytning", task: { number: "23.05.10" } },
      expect.objectContaining({ obligatory: true, removed: false, needGroup: "Bølge 5", task: { number: "23.09.02" } }),
    ]);

    const pas = await taskId(t.prisma, "23.09.02");
    await setPackageItem(ctx, empty, pas, { removed: true });
    await setPackageItem(ctx, empty, await taskId(t.prisma, "23.05.10"), { obligatory: false });
    expect((await items(empty)).map((i) => [i.task.number, i.obligatory, i.removed])).toEqual([
      ["23.05.10", false, false],
      ["23.09.02", true, true],
    ]);
    expect(await addPackageTasks(ctx, empty, tasks("23.09.02 23.05.10", false))).toEqual({ added: 0, restored: 1 });
    expect((await items(empty)).find((i) => i.task.number === "23.09.02")).toMatchObject({ removed: false, obligatory: false });
    await expect(setPackageItem(ctx, empty, await taskId(t.prisma, "32.30.04"), { removed: true })).rejects.toThrow(
      "Opgaven er ikke i pakken.",
    );
    expect(addTasksSchema.safeParse({ numbers: " ", obligatory: true, needGroup: "" }).error?.issues[0].message).toBe(
      "Skriv mindst ét KLE-nummer.",
    );
  });

  it("freezes a package once a round using it has begun; renaming stays possible", async () => {
    const ctx = await national();
    const pkg = (await createPackage(ctx, pkgInput("Fryses", copyId))).id;
    const before = await items(pkg);
    // A round that began in 2025 has begun whatever day the tests run.
    await createRound(
      ctx,
      roundSchema.parse({ name: "Forår 2025 test", isoYear: "2025", firstWeek: "30", weekCount: "1", packageId: pkg }),
    );
    await expect(addPackageTasks(ctx, pkg, tasks("32.30.04"))).rejects.toThrow(
      /Pakken bruges af Forår 2025 test, som er begyndt, og kan ikke ændres/,
    );
    await expect(setPackageItem(ctx, pkg, await taskId(t.prisma, "23.05.10"), { removed: true })).rejects.toThrow(/som er begyndt/);
    expect(await items(pkg)).toEqual(before);
    await updatePackage(ctx, pkg, { name: "Fryses (omdøbt)", description: "Brugt i 2025" });
    expect(await t.prisma.taskPackage.findUniqueOrThrow({ where: { id: pkg }, select: { name: true, description: true } })).toEqual({
      name: "Fryses (omdøbt)",
      description: "Brugt i 2025",
    });
    await expect(deletePackage(ctx, pkg)).rejects.toThrow("Fryses (omdøbt) kan ikke slettes, fordi Forår 2025 test bruger den.");
  });

  it("deletes an unused package with its items; coordinators change nothing", async () => {
    for (const ctx of [await t.koege(), await t.ctx("medarbejder@kbh.test")]) {
      await expect(createPackage(ctx, pkgInput("Kommunens egen"))).rejects.toThrow("Kun KL kan vedligeholde opgavepakkerne.");
      await expect(addPackageTasks(ctx, copyId, tasks("32.30.04"))).rejects.toThrow(/Kun KL/);
      await expect(updatePackage(ctx, copyId, { name: "X", description: null })).rejects.toThrow(/Kun KL/);
      await expect(deletePackage(ctx, copyId)).rejects.toThrow(/Kun KL/);
    }
    expect((await t.prisma.taskPackage.findUniqueOrThrow({ where: { id: copyId } })).name).toBe("KOMHEN forår 2027");
    expect(await deletePackage(await national(), copyId)).toEqual({ name: "KOMHEN forår 2027" });
    expect(await t.prisma.taskPackage.count({ where: { id: copyId } })).toBe(0);
    expect(await t.prisma.taskPackageItem.count({ where: { packageId: copyId } })).toBe(0);
    await expect(deletePackage(await national(), "nope")).rejects.toThrow("Opgavepakken findes ikke.");
  });
});
