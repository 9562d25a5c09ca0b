import "server-only";
import type { AdminContext } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";

/** The coordinator's coverage threshold for «Dækning» and the registration screen's nudge; audit-logged. */
export async function setCoverageThreshold(ctx: AdminContext, input: { municipalityId: string; threshold: number }): Promise<void> {
  if (!coordinatorMunicipalityIds(ctx.access).includes(input.municipalityId)) throw new UserFacingError("Kommunen findes ikke.", 404);
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: input.municipalityId }, select: { coverageThreshold: true } });
    await tx.municipality.update({ where: { id: input.municipalityId }, data: { coverageThreshold: input.threshold } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "coverage.threshold",
      entityType: "municipality",
      entityId: input.municipalityId,
      before: { threshold: before.coverageThreshold },
      after: { threshold: input.threshold },
    });
  });
}
