import "server-only";
import type { AdminContext } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { danishDay } from "@/lib/coverage/danish-day";
import { roundDates } from "@/lib/counting/weeks";
import { getDatabase } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { roundFindings } from "@/lib/quality/findings";

// A municipality's approval of its data for a national round (issue 16, docs/method.md
// "Godkendelse"). Approved: its registrations in the round's weeks are frozen (a trigger on
// `registration` refuses every write, migration 20270102000000_coverage_approval) and it counts in
// national figures (lib/reports: national scope, approvedMunicipalityIds). A coordinator approves
// once the round's weeks are over, and may reopen to correct; both audit-logged. When «Datakvalitet»
// (lib/quality) has findings for the round, approving needs the coordinator's «Jeg har set fundene»
// (findingsSeen); the audit event records how many findings there were and that they were seen.

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

interface ApproveInput {
  municipalityId: string;
  roundId: string;
  /** The coordinator ticked «Jeg har set fundene». */
  findingsSeen?: boolean;
}

export async function approveRound(ctx: AdminContext, input: ApproveInput): Promise<{ roundName: string; findings: number }> {
  checkCoordinator(ctx, input.municipalityId);
  const round = await ctx.prisma.countingRound.findUnique({
    where: { id: input.roundId },
    select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
  });
  if (!round) throw new UserFacingError("Runden findes ikke.", 404);
  if (!roundIsOver(round, ctx.now ?? new Date()))
    throw new UserFacingError(`Runden «${round.name}» er ikke slut endnu. Data kan godkendes, når rundens sidste uge er gået.`);
  // The quality rules, run once here (never for every round on the Dækning page).
  const sql = getDatabase().sql;
  const findings = (await roundFindings(sql.query.bind(sql), input.municipalityId, round.id, ctx.now ?? new Date())).length;
  const findingsSeen = input.findingsSeen === true;
  if (findings > 0 && !findingsSeen)
    throw new UserFacingError(
      `Datakvalitet har ${formatNumber(findings)} fund for «${round.name}». Se fundene, og sæt kryds i «Jeg har set fundene», før du godkender.`,
    );
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
      after: { round: round.name, findings, findingsSeen },
    });
    return { roundName: round.name, findings };
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
