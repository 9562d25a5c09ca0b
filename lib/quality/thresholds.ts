import "server-only";
import type { AdminContext } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";
import { type QualityLimits, qualityLimits, SETTABLE_SHARES, type SettableShare } from "./rules";

// The coordinator's own thresholds for «Datakvalitet» (issue 16): stored on the municipality like
// the coverage threshold (lib/coverage/threshold.ts), whole percent, null for the method's default.

export type OwnShares = Record<SettableShare, number | null>;

const COLUMNS: Record<SettableShare, string> = {
  fejlShare: "quality_fejl_share",
  straksShare: "quality_straks_share",
  oneTaskShare: "quality_one_task_share",
  rareFormShare: "quality_rare_form_share",
};
const FIELDS = {
  fejlShare: "qualityFejlShare",
  straksShare: "qualityStraksShare",
  oneTaskShare: "qualityOneTaskShare",
  rareFormShare: "qualityRareFormShare",
} as const satisfies Record<SettableShare, string>;

/** The municipality's own shares (null: default) and the limits in force. */
export async function readQualityLimits(
  query: SqlExecutor["query"],
  municipalityId: string,
): Promise<{ own: OwnShares; limits: QualityLimits }> {
  return (await readQualityLimitsOf(query, [municipalityId])).get(municipalityId)!;
}

/** The same for several municipalities in one read (KL's summary); a municipality not found gets the defaults. */
export async function readQualityLimitsOf(
  query: SqlExecutor["query"],
  municipalityIds: string[],
): Promise<Map<string, { own: OwnShares; limits: QualityLimits }>> {
  const rows = await query<Record<string, number | null> & { id: string }>(
    `SELECT id::text AS id, ${SETTABLE_SHARES.map((k) => `${COLUMNS[k]} AS "${k}"`).join(", ")} FROM municipality WHERE id = ANY($1::uuid[])`,
    [municipalityIds],
  );
  return new Map(
    municipalityIds.map((id) => {
      const row = rows.find((r) => r.id === id);
      const own = Object.fromEntries(
        SETTABLE_SHARES.map((k) => [k, row?.[k] === null || row?.[k] === undefined ? null : Number(row[k])]),
      ) as OwnShares;
      return [id, { own, limits: qualityLimits(own) }];
    }),
  );
}

/** Sets the municipality's own shares (null: back to the default); audit-logged with before and after. */
export async function setQualityThresholds(ctx: AdminContext, input: { municipalityId: string } & OwnShares): Promise<void> {
  if (!coordinatorMunicipalityIds(ctx.access).includes(input.municipalityId)) throw new UserFacingError("Kommunen findes ikke.", 404);
  const after = Object.fromEntries(SETTABLE_SHARES.map((k) => [k, input[k]])) as OwnShares;
  await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.municipality.findUniqueOrThrow({
      where: { id: input.municipalityId },
      select: Object.fromEntries(SETTABLE_SHARES.map((k) => [FIELDS[k], true])) as Record<(typeof FIELDS)[SettableShare], true>,
    });
    const before = Object.fromEntries(SETTABLE_SHARES.map((k) => [k, row[FIELDS[k]]])) as OwnShares;
    await tx.municipality.update({
      where: { id: input.municipalityId },
      data: Object.fromEntries(SETTABLE_SHARES.map((k) => [FIELDS[k], after[k]])),
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "quality.thresholds",
      entityType: "municipality",
      entityId: input.municipalityId,
      before,
      after,
    });
  });
}
