import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { type AdminContext, adminTransaction, assertAdminister } from "@/lib/actions/context";
import { idSchema } from "@/lib/ids";

// A coordinator chooses whether the municipality's own figures appear on the public Det Digitale
// Landkort (/landkort and its CSV and JSON). Off by default; every change is audit-logged.

export const publicationSchema = z.object({ municipalityId: idSchema(), publish: z.boolean() });
export type PublicationInput = z.infer<typeof publicationSchema>;

export async function setLandkortPublication(ctx: AdminContext, input: PublicationInput): Promise<{ changed: boolean }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: input.municipalityId }, select: { publishLandkort: true } });
    if (before.publishLandkort === input.publish) return { changed: false };
    await tx.municipality.update({ where: { id: input.municipalityId }, data: { publishLandkort: input.publish } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: input.publish ? "landkort.publish" : "landkort.unpublish",
      entityType: "municipality",
      entityId: input.municipalityId,
      before: { publishLandkort: before.publishLandkort },
      after: { publishLandkort: input.publish },
    });
    return { changed: true };
  });
}
