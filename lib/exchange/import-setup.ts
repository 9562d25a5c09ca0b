import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { taskLevelOfNumber } from "@/lib/reference/codes";
import { MUNICIPALITY_LEVEL_LOGIN } from "./plan-rows";

// What an import creates before its rows: task numbers Spor does not know yet, and units for old
// TraceTool logins (and the municipality-level unit for rows without a unit).

/** Creates the plan's unknown task numbers (source LEGACY) and missing units; returns their ids. */
export async function createMissing(
  tx: Prisma.TransactionClient,
  source: { municipalityId: string; newTaskNumbers: string[]; newUnits: string[] },
  actorUserId: string | null,
): Promise<{ newUnitIds: Record<string, string>; newTaskIds: Record<string, string> }> {
  for (const number of source.newTaskNumbers) {
    const level = taskLevelOfNumber(number) ?? "EMNE";
    await tx.task.upsert({
      where: { number },
      create: { number, title: `Opgave ${number} (fra import)`, level, source: "LEGACY" },
      update: {},
    });
  }
  const newUnitIds: Record<string, string> = {};
  for (const login of source.newUnits) {
    const unit = await tx.unit.create({
      data: {
        municipalityId: source.municipalityId,
        name: login === MUNICIPALITY_LEVEL_LOGIN ? "Hele kommunen (uden enhed)" : login,
        legacyLogin: login,
      },
      select: { id: true },
    });
    newUnitIds[login] = unit.id;
    await recordAudit(tx, {
      actorUserId,
      municipalityId: source.municipalityId,
      unitId: unit.id,
      action: "unit.create",
      entityType: "unit",
      entityId: unit.id,
      after: { name: login, legacyLogin: login, reason: "import" },
    });
  }
  const created = await tx.task.findMany({ where: { number: { in: source.newTaskNumbers } }, select: { id: true, number: true } });
  return { newUnitIds, newTaskIds: Object.fromEntries(created.map((t) => [t.number, t.id])) };
}
