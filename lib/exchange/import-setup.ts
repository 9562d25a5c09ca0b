import { recordAudit } from "@/lib/audit/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { taskLevelOfNumber } from "@/lib/reference/codes";
import type { ImportOptions, ImportPlan } from "./import-rows";

// What an import creates before its rows: task numbers Spor does not know yet, and units for old
// TraceTool logins (and the municipality-level unit for rows without a unit).

/** The legacy login of the municipality-level unit that takes rows without a unit. */
export const MUNICIPALITY_LEVEL_LOGIN = "(kommune)";

/** Creates the plan's unknown task numbers (source LEGACY) and missing units; returns their ids. */
export async function createMissing(
  tx: Prisma.TransactionClient,
  plan: Pick<ImportPlan, "municipalityId" | "newTaskNumbers" | "newUnits">,
  options: Pick<ImportOptions, "actorUserId">,
) {
  for (const number of plan.newTaskNumbers) {
    const level = taskLevelOfNumber(number) ?? "EMNE";
    await tx.task.upsert({
      where: { number },
      create: { number, title: `Opgave ${number} (fra import)`, level, source: "LEGACY" },
      update: {},
    });
  }
  const unitIds = new Map<string, string>();
  for (const login of plan.newUnits) {
    const unit = await tx.unit.create({
      data: {
        municipalityId: plan.municipalityId,
        name: login === MUNICIPALITY_LEVEL_LOGIN ? "Hele kommunen (uden enhed)" : login,
        legacyLogin: login,
      },
      select: { id: true },
    });
    unitIds.set(login, unit.id);
    await recordAudit(tx, {
      actorUserId: options.actorUserId,
      municipalityId: plan.municipalityId,
      unitId: unit.id,
      action: "unit.create",
      entityType: "unit",
      entityId: unit.id,
      after: { name: login, legacyLogin: login, reason: "import" },
    });
  }
  const created = await tx.task.findMany({ where: { number: { in: plan.newTaskNumbers } }, select: { id: true, number: true } });
  return { unitIds, taskIds: new Map(created.map((t) => [t.number, t.id])) };
}
