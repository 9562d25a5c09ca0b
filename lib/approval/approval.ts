import "server-only";
import type { AdminContext } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { danishDay } from "@/lib/coverage/danish-day";
import { roundDates } from "@/lib/counting/weeks";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// A municipality's approval of its data for a national round (issue 16, docs/method.md
// "Godkendelse"). Approved: its registrations in the round's weeks are frozen (a trigger on
// `registration` refuses every write, migration 20270102000000_coverage_approval) and it counts in
// national figures (lib/reports: national scope, approvedMunicipalityIds). A coordinator approves
// once the round's weeks are over, and may reopen to correct; both audit-logged.

/** The municipalities that approved the round: the ones national figures are computed from. */
export async function approvedMunicipalityIds(prisma: PrismaClient, roundId: string): Promise<string[]> {
  const rows = await prisma.roundApproval.findMany({ where: { roundId }, select: { municipalityId: true } });
  return rows.map((r) => r.municipalityId);
}

/** The Danish date after the round's last day (yyyy-mm-dd is compared as text). */
export function roundIsOver(round: { isoYear: number; firstWeek: number; weekCount: number }, now: Date): boolean {
  const weeks = roundDates(round).weeks;
  const lastSunday = weeks[weeks.length - 1].sunday.toISOString().slice(0, 10);
  return danishDay(now) > lastSunday;
}

function checkCoordinator(ctx: AdminContext, municipalityId: string) {
  // Another municipality's id is "not found", never confirmed.
  if (!coordinatorMunicipalityIds(ctx.access).includes(municipalityId)) throw new UserFacingError("Kommunen findes ikke.", 404);
}

export async function approveRound(ctx: AdminContext, input: { municipalityId: string; roundId: string }): Promise<{ roundName: string }> {
  checkCoordinator(ctx, input.municipalityId);
  const round = await ctx.prisma.countingRound.findUnique({
    where: { id: input.roundId },
    select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
  });
  if (!round) throw new UserFacingError("Runden findes ikke.", 404);
  if (!roundIsOver(round, ctx.now ?? new Date()))
    throw new UserFacingError(`Runden «${round.name}» er ikke slut endnu. Data kan godkendes, når rundens sidste uge er gået.`);
  return ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.roundApproval.findUnique({
      where: { municipalityId_roundId: { municipalityId: input.municipalityId, roundId: round.id } },
    });
    if (existing) throw new UserFacingError(`Kommunens data for «${round.name}» er allerede godkendt.`);
    await tx.roundApproval.create({ data: { municipalityId: input.municipalityId, roundId: round.id, approvedById: ctx.actorId } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "round.approve",
      entityType: "counting_round",
      entityId: round.id,
      after: { round: round.name },
    });
    return { roundName: round.name };
  });
}

export async function reopenRound(ctx: AdminContext, input: { municipalityId: string; roundId: string }): Promise<{ roundName: string }> {
  checkCoordinator(ctx, input.municipalityId);
  return ctx.prisma.$transaction(async (tx) => {
    const approval = await tx.roundApproval.findUnique({
      where: { municipalityId_roundId: input },
      select: { approvedAt: true, round: { select: { name: true } } },
    });
    if (!approval) throw new UserFacingError("Runden er ikke godkendt.", 404);
    await tx.roundApproval.delete({ where: { municipalityId_roundId: input } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: input.municipalityId,
      action: "round.reopen",
      entityType: "counting_round",
      entityId: input.roundId,
      before: { round: approval.round.name, approvedAt: approval.approvedAt.toISOString() },
    });
    return { roundName: approval.round.name };
  });
}
