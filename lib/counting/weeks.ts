import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { isoWeeksBetween, recomputeInCountingWeek } from "@/lib/counting/in-counting-week";
import { addDays, consecutiveIsoWeeks, type IsoWeek, isoWeekKey, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import { type AdminContext, adminTransaction, assertAdminister } from "@/lib/actions/context";
import { idSchema } from "@/lib/ids";

// The municipality's counting weeks: joining a national round by choosing its weeks (the first
// week is mandatory), and local counting periods outside the rounds. Every change re-marks the
// registrations in the affected weeks as inside or outside the counting weeks.

export const roundWeeksSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  roundId: idSchema("Ukendt tællerunde."),
  weeks: z.array(z.string().regex(/^\d{4}-\d{1,2}$/, "Ugyldig uge.")).max(10),
});
export type RoundWeeksInput = z.infer<typeof roundWeeksSchema>;

function safeDate(value: string): Date | null {
  try {
    return parseIsoDate(value);
  } catch {
    return null;
  }
}

const date = (label: string) => z.string().refine((v) => safeDate(v) !== null, `Skriv ${label} som en gyldig dato.`);

export const localPeriodSchema = z
  .object({
    municipalityId: idSchema("Ukendt kommune."),
    name: z
      .string()
      .transform((v) => v.trim())
      .pipe(z.string().min(1, "Giv perioden et navn.").max(100, "Navnet må højst være 100 tegn.")),
    startsOn: date("startdatoen"),
    endsOn: date("slutdatoen"),
  })
  // Zod runs these even when a date above was invalid, so they must not assume valid dates.
  .refine((v) => !safeDate(v.startsOn) || !safeDate(v.endsOn) || v.endsOn >= v.startsOn, {
    message: "Slutdatoen skal ligge på eller efter startdatoen.",
  })
  .refine(
    (v) => {
      const from = safeDate(v.startsOn);
      const to = safeDate(v.endsOn);
      return !from || !to || addDays(from, 365).getTime() >= to.getTime();
    },
    { message: "En lokal tælleperiode kan højst vare et år." },
  );
export type LocalPeriodInput = z.infer<typeof localPeriodSchema>;

export function firstWeekRule(first: IsoWeek): string {
  return (
    `Uge ${first.isoWeek} skal være med. Den første uge i en national runde er obligatorisk: ` +
    `KL sammenligner kommunerne på den uge, hvor alle tæller, så I kan kun vælge de senere uger fra.`
  );
}

export async function setRoundWeeks(ctx: AdminContext, input: RoundWeeksInput): Promise<{ weeks: number }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const round = await tx.countingRound.findUnique({
      where: { id: input.roundId },
      select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
    });
    if (!round) throw new UserFacingError("Tællerunden findes ikke.");
    const roundWeeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
    const byKey = new Map(roundWeeks.map((w) => [`${w.isoYear}-${w.isoWeek}`, w]));
    const chosen = new Set<number>();
    for (const value of input.weeks) {
      const week = byKey.get(value.replace(/-0(\d)$/, "-$1"));
      if (!week) throw new UserFacingError(`Uge ${value.split("-")[1]} hører ikke til ${round.name}.`);
      chosen.add(isoWeekKey(week));
    }
    if (chosen.size > 0 && !chosen.has(isoWeekKey(roundWeeks[0]))) throw new UserFacingError(firstWeekRule(roundWeeks[0]));

    const existing = await tx.municipalityCountingWeek.findMany({
      where: {
        municipalityId: input.municipalityId,
        OR: [{ roundId: round.id }, ...roundWeeks.map((w) => ({ isoYear: w.isoYear, isoWeek: w.isoWeek }))],
      },
      select: { id: true, isoYear: true, isoWeek: true, roundId: true, round: { select: { name: true } } },
    });
    const before = existing.filter((w) => w.roundId === round.id).map((w) => w.isoWeek);
    for (const week of roundWeeks) {
      const row = existing.find((w) => w.isoYear === week.isoYear && w.isoWeek === week.isoWeek);
      const wanted = chosen.has(isoWeekKey(week));
      if (wanted && !row) {
        await tx.municipalityCountingWeek.create({ data: { municipalityId: input.municipalityId, roundId: round.id, ...week } });
      } else if (wanted && row && row.roundId !== round.id) {
        if (row.roundId) throw new UserFacingError(`Uge ${week.isoWeek} er allerede valgt i runden ${row.round?.name}.`);
        await tx.municipalityCountingWeek.update({
          where: { id: row.id, municipalityId: input.municipalityId },
          data: { roundId: round.id },
        });
      } else if (!wanted && row && row.roundId === round.id) {
        await tx.municipalityCountingWeek.delete({ where: { id: row.id, municipalityId: input.municipalityId } });
      }
    }
    await recomputeInCountingWeek(tx, input.municipalityId, roundWeeks);
    const after = roundWeeks.filter((w) => chosen.has(isoWeekKey(w))).map((w) => w.isoWeek);
    if (before.sort().join() !== after.join()) {
      await recordAudit(tx, {
        actorUserId: ctx.actorId,
        ip: ctx.ip,
        municipalityId: input.municipalityId,
        action: after.length ? "weeks.round.set" : "weeks.round.leave",
        entityType: "counting_round",
        entityId: round.id,
        before: { round: round.name, weeks: before },
        after: { round: round.name, weeks: after },
      });
    }
    return { weeks: after.length };
  });
}

export async function addLocalPeriod(ctx: AdminContext, input: LocalPeriodInput): Promise<{ id: string }> {
  assertAdminister(ctx, input.municipalityId);
  return adminTransaction(ctx, async (tx) => {
    const startsOn = parseIsoDate(input.startsOn);
    const endsOn = parseIsoDate(input.endsOn);
    const period = await tx.localCountingPeriod.create({
      data: { municipalityId: input.municipalityId, name: input.name, startsOn, endsOn },
      select: { id: true },
    });
    await recomputeInCountingWeek(tx, input.municipalityId, isoWeeksBetween(startsOn, endsOn));
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "weeks.local.create",
      entityType: "local_counting_period",
      entityId: period.id,
      after: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn },
    });
    return period;
  });
}

export async function deleteLocalPeriod(ctx: AdminContext, input: { municipalityId: string; periodId: string }): Promise<void> {
  assertAdminister(ctx, input.municipalityId);
  await adminTransaction(ctx, async (tx) => {
    const period = await tx.localCountingPeriod.findFirst({
      where: { id: input.periodId, municipalityId: input.municipalityId },
      select: { id: true, name: true, startsOn: true, endsOn: true },
    });
    if (!period) throw new UserFacingError("Perioden findes ikke i kommunen.", 404);
    await tx.localCountingPeriod.delete({ where: { id: period.id, municipalityId: input.municipalityId } });
    await recomputeInCountingWeek(tx, input.municipalityId, isoWeeksBetween(period.startsOn, period.endsOn));
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      municipalityId: input.municipalityId,
      action: "weeks.local.delete",
      entityType: "local_counting_period",
      entityId: period.id,
      before: { name: period.name, startsOn: period.startsOn.toISOString().slice(0, 10), endsOn: period.endsOn.toISOString().slice(0, 10) },
    });
  });
}

/** Monday of a round's first week and Sunday of its last (date-only), for display. */
export function roundDates(round: { isoYear: number; firstWeek: number; weekCount: number }) {
  const weeks = consecutiveIsoWeeks({ isoYear: round.isoYear, isoWeek: round.firstWeek }, round.weekCount);
  return {
    weeks: weeks.map((w) => ({
      ...w,
      monday: mondayOfIsoWeek(w.isoYear, w.isoWeek),
      sunday: addDays(mondayOfIsoWeek(w.isoYear, w.isoWeek), 6),
    })),
  };
}
