import "server-only";
import { type Actor, coordinatorMunicipalityIds } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { undoBatch } from "./import-rows";

/**
 * Undoes one batch (an upload, an API delivery, a mass registration) of a municipality the actor
 * coordinates. Deleting a municipality's data is its coordinators' decision: national staff read
 * every municipality's batches but undo none. The batch is looked up inside the actor's scope, so
 * another municipality's batch is "not found", never revealed.
 */
export async function undoMunicipalityBatch(prisma: PrismaClient, actor: Actor, batchId: string, ip: string | null = null) {
  const municipalityIds = coordinatorMunicipalityIds(actor.access);
  const batch = municipalityIds.length
    ? await prisma.importBatch.findFirst({
        where: { id: batchId, municipalityId: { in: municipalityIds } },
        select: { municipalityId: true },
      })
    : null;
  if (!batch) throw new UserFacingError("Indlæsningen findes ikke.", 404);
  return undoBatch(prisma, actor.id, batch.municipalityId, batchId, ip);
}
