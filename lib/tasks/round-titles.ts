import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { targetRound } from "@/lib/units/setup-snapshot";

/**
 * KL's names of the tasks in the round's package: the round the municipality counts in this week,
 * else the one it prepares for. A tile shows KL's name for the round, so a later KLE import (which
 * renames the task table's titles) never renames a tile while the round runs.
 */
export async function roundTaskTitles(
  prisma: PrismaClient,
  municipalityId: string,
  countingRound: { packageId: string | null } | null,
  taskIds: string[],
  now = new Date(),
): Promise<Map<string, string>> {
  const packageId = countingRound ? countingRound.packageId : ((await targetRound(prisma, municipalityId, now))?.packageId ?? null);
  if (!packageId || taskIds.length === 0) return new Map();
  const items = await prisma.taskPackageItem.findMany({
    where: { packageId, taskId: { in: taskIds } },
    select: { taskId: true, title: true },
  });
  return new Map(items.map((i) => [i.taskId, i.title]));
}
