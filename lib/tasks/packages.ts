import { z } from "zod";
import { type AdminContext, adminTransaction, nowOf, type Tx } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { localDateOnly } from "@/lib/counting/iso-week";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { danishSlug, firstFreeCode } from "@/lib/slug";
import { idSchema, isId } from "@/lib/ids";

// KL's task packages are versioned: a round points at one, reports group by its "need" groups, and
// coordinators add its obligatory tasks to units. So a package that a begun round uses is frozen —
// KL copies it to a new package and changes the copy — while a package no begun round uses can
// be edited freely. Tasks that leave a package are marked removed (kept for comparisons), not deleted.

const text = (max: number, empty: string, long: string) =>
  z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, empty).max(max, long));

export const packageSchema = z.object({
  name: text(100, "Giv opgavepakken et navn.", "Navnet må højst være 100 tegn."),
  description: z
    .string()
    .transform((v) => v.trim() || null)
    .pipe(z.string().max(500, "Beskrivelsen må højst være 500 tegn.").nullable()),
});
export const newPackageSchema = packageSchema.extend({
  copyFromId: z.union([z.literal(""), idSchema("Ukendt opgavepakke.")]).transform((v) => v || null),
});
export const addTasksSchema = z.object({
  numbers: z
    .string()
    .transform((v) => [...new Set(v.split(/[\s,;]+/).filter(Boolean))])
    .pipe(z.array(z.string()).min(1, "Skriv mindst ét KLE-nummer.").max(500, "Højst 500 opgaver ad gangen.")),
  obligatory: z.boolean(),
  needGroup: z
    .string()
    .transform((v) => v.trim() || null)
    .pipe(z.string().max(60, "Behovsgruppen må højst være 60 tegn.").nullable()),
});
export type NewPackageInput = z.output<typeof newPackageSchema>;
export type PackageInput = z.output<typeof packageSchema>;
export type AddTasksInput = z.output<typeof addTasksSchema>;

function assertNational(ctx: AdminContext): void {
  if (!isNational(ctx.access)) throw new AccessDeniedError("Kun KL kan vedligeholde opgavepakkerne.");
}

function assertId(id: string): void {
  if (!isId(id)) throw new UserFacingError("Opgavepakken findes ikke.");
}

async function loadPackage(tx: Tx, packageId: string) {
  assertId(packageId);
  const pkg = await tx.taskPackage.findUnique({ where: { id: packageId }, select: { id: true, name: true, description: true } });
  if (!pkg) throw new UserFacingError("Opgavepakken findes ikke.");
  return pkg;
}

/** The begun round that freezes the package, if any. */
export async function freezingRound(tx: Pick<Tx, "countingRound">, packageId: string, now: Date): Promise<string | null> {
  const round = await tx.countingRound.findFirst({
    where: { packageId, startsOn: { lte: localDateOnly(now) } },
    select: { name: true },
    orderBy: { startsOn: "asc" },
  });
  return round?.name ?? null;
}

async function assertEditable(ctx: AdminContext, tx: Tx, packageId: string): Promise<void> {
  const round = await freezingRound(tx, packageId, nowOf(ctx));
  if (round) {
    throw new UserFacingError(
      `Pakken bruges af ${round}, som er begyndt, og kan ikke ændres. Lav en ny pakke som kopi af den, og ret i kopien.`,
    );
  }
}

export async function createPackage(ctx: AdminContext, input: NewPackageInput): Promise<{ id: string }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    const source = input.copyFromId ? await loadPackage(tx, input.copyFromId) : null;
    const base = danishSlug(input.name, "pakke");
    const taken = new Set(
      (await tx.taskPackage.findMany({ where: { code: { startsWith: base } }, select: { code: true } })).map((p) => p.code),
    );
    const pkg = await tx.taskPackage.create({
      data: { code: firstFreeCode(base, taken), name: input.name, description: input.description },
      select: { id: true },
    });
    let copied = 0;
    if (source) {
      const items = await tx.taskPackageItem.findMany({
        where: { packageId: source.id },
        select: {
          taskId: true,
          title: true,
          obligatory: true,
          needGroup: true,
          formNumber: true,
          removed: true,
          note: true,
          sortOrder: true,
        },
      });
      copied = (await tx.taskPackageItem.createMany({ data: items.map((item) => ({ ...item, packageId: pkg.id })) })).count;
    }
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "package.create",
      entityType: "task_package",
      entityId: pkg.id,
      after: { name: input.name, copiedFrom: source?.name ?? null, tasks: copied },
    });
    return pkg;
  });
}

export async function updatePackage(ctx: AdminContext, packageId: string, input: PackageInput): Promise<void> {
  assertNational(ctx);
  await adminTransaction(ctx, async (tx) => {
    const before = await loadPackage(tx, packageId);
    await tx.taskPackage.update({ where: { id: packageId }, data: input });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "package.update",
      entityType: "task_package",
      entityId: packageId,
      before: { name: before.name, description: before.description },
      after: { name: input.name, description: input.description },
    });
  });
}

/** Adds tasks by KLE number; a task that had left the package comes back. Unknown numbers are listed. */
export async function addPackageTasks(
  ctx: AdminContext,
  packageId: string,
  input: AddTasksInput,
): Promise<{ added: number; restored: number }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    await loadPackage(tx, packageId);
    await assertEditable(ctx, tx, packageId);
    const tasks = await tx.task.findMany({ where: { number: { in: input.numbers } }, select: { id: true, number: true, title: true } });
    const unknown = input.numbers.filter((n) => !tasks.some((t) => t.number === n));
    if (unknown.length) {
      throw new UserFacingError(`Ukendte opgavenumre: ${unknown.join(", ")}. Importér KLE, eller ret numrene. Intet er tilføjet.`);
    }
    const existing = await tx.taskPackageItem.findMany({
      where: { packageId },
      select: { id: true, taskId: true, removed: true, sortOrder: true },
    });
    let sortOrder = Math.max(0, ...existing.map((e) => e.sortOrder));
    let added = 0;
    let restored = 0;
    for (const task of tasks) {
      const item = existing.find((e) => e.taskId === task.id);
      if (!item) {
        await tx.taskPackageItem.create({
          data: {
            packageId,
            taskId: task.id,
            title: task.title,
            obligatory: input.obligatory,
            needGroup: input.needGroup,
            sortOrder: ++sortOrder,
          },
        });
        added++;
      } else if (item.removed) {
        await tx.taskPackageItem.update({
          where: { id: item.id },
          data: { removed: false, obligatory: input.obligatory, needGroup: input.needGroup },
        });
        restored++;
      }
    }
    if (added + restored) {
      await recordAudit(tx, {
        actorUserId: ctx.actorId,
        ip: ctx.ip,
        action: "package.tasks.add",
        entityType: "task_package",
        entityId: packageId,
        after: { tasks: tasks.map((t) => t.number), obligatory: input.obligatory, needGroup: input.needGroup },
      });
    }
    return { added, restored };
  });
}

/** Makes a task obligatory or optional, or marks it as having left the package (or back in it). */
export async function setPackageItem(
  ctx: AdminContext,
  packageId: string,
  taskId: string,
  change: { obligatory?: boolean; removed?: boolean },
): Promise<{ number: string }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    await loadPackage(tx, packageId);
    await assertEditable(ctx, tx, packageId);
    const item = isId(taskId)
      ? await tx.taskPackageItem.findUnique({
          where: { packageId_taskId: { packageId, taskId } },
          select: { id: true, obligatory: true, removed: true, task: { select: { number: true } } },
        })
      : null;
    if (!item) throw new UserFacingError("Opgaven er ikke i pakken.");
    await tx.taskPackageItem.update({ where: { id: item.id }, data: change });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "package.item",
      entityType: "task_package",
      entityId: packageId,
      before: { task: item.task.number, obligatory: item.obligatory, removed: item.removed },
      after: { task: item.task.number, ...change },
    });
    return { number: item.task.number };
  });
}

export async function deletePackage(ctx: AdminContext, packageId: string): Promise<{ name: string }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    const pkg = await loadPackage(tx, packageId);
    const round = await tx.countingRound.findFirst({ where: { packageId }, select: { name: true } });
    if (round) throw new UserFacingError(`${pkg.name} kan ikke slettes, fordi ${round.name} bruger den.`);
    await tx.taskPackage.delete({ where: { id: packageId } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "package.delete",
      entityType: "task_package",
      entityId: packageId,
      before: { name: pkg.name },
    });
    return { name: pkg.name };
  });
}
