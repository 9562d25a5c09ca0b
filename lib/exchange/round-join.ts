import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { recomputeInCountingWeek } from "@/lib/counting/in-counting-week";
import { consecutiveIsoWeeks, type IsoWeek, isoWeekKey } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// Joining a national round from an import (the preview's offer, lib/exchange/import-weeks.ts): the
// municipality's counting weeks gain the given weeks of the round — and the round's first week,
// which is mandatory — and keep every week they had. Registrations in the round's weeks are
// re-marked, as when a coordinator chooses weeks under Administration → Tælleuger.

export interface RoundJoin {
  roundId: string;
  weeks: IsoWeek[];
}

export async function joinRoundWeeks(
  tx: Prisma.TransactionClient,
  municipalityId: string,
  join: RoundJoin,
  actor: { actorUserId: string | null; ip?: string | null },
): Promise<IsoWeek[]> {
  const round = await tx.countingRound.findUnique({
    where: { id: join.roundId },
    select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
  });
  if (!round) throw new UserFacingError("Tællerunden findes ikke.");
  const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  const roundKeys = new Set(roundWeeks.map(isoWeekKey));
  const wanted = new Set([isoWeekKey(roundWeeks[0]), ...join.weeks.map(isoWeekKey)]);
  for (const key of wanted) if (!roundKeys.has(key)) throw new UserFacingError(`Uge ${key % 100} hører ikke til ${round.name}.`);

  const existing = await tx.municipalityCountingWeek.findMany({
    where: { municipalityId, OR: roundWeeks.map((w) => ({ isoYear: w.isoYear, isoWeek: w.isoWeek })) },
    select: { id: true, isoYear: true, isoWeek: true, roundId: true, round: { select: { name: true } } },
  });
  const before = existing.filter((w) => w.roundId === round.id).map((w) => w.isoWeek);
  const added: IsoWeek[] = [];
  for (const week of roundWeeks) {
    if (!wanted.has(isoWeekKey(week))) continue;
    const row = existing.find((w) => w.isoYear === week.isoYear && w.isoWeek === week.isoWeek);
    if (!row) {
      await tx.municipalityCountingWeek.create({ data: { municipalityId, roundId: round.id, ...week } });
      added.push(week);
    } else if (row.roundId !== round.id) {
      if (row.roundId) throw new UserFacingError(`Uge ${week.isoWeek} er allerede valgt i runden ${row.round?.name}.`);
      await tx.municipalityCountingWeek.update({ where: { id: row.id, municipalityId }, data: { roundId: round.id } });
      added.push(week);
    }
  }
  if (!added.length) return [];
  await recomputeInCountingWeek(tx, municipalityId, roundWeeks);
  const after = [...new Set([...before, ...added.map((w) => w.isoWeek)])].sort((a, b) => a - b);
  await recordAudit(tx, {
    actorUserId: actor.actorUserId,
    ip: actor.ip ?? null,
    municipalityId,
    action: "weeks.round.set",
    entityType: "counting_round",
    entityId: round.id,
    before: { round: round.name, weeks: before.sort((a, b) => a - b) },
    after: { round: round.name, weeks: after, reason: "import" },
  });
  return added;
}
