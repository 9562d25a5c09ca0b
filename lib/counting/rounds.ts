import { z } from "zod";
import { type AdminContext, adminTransaction, type Tx } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { consecutiveIsoWeeks, type IsoWeek, isoWeekKey, mondayOfIsoWeek, weeksInIsoYear } from "@/lib/counting/iso-week";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { danishSlug, firstFreeCode } from "@/lib/slug";
import { idSchema, isId } from "@/lib/ids";

// KL's national counting rounds: one to three consecutive ISO weeks with a task package. A round's
// weeks are fixed once a municipality has chosen weeks in it (their counting weeks point at them);
// its name and package may still be corrected. A round is deleted only while nothing refers to it.

const MAX_WEEKS = 3;

export const roundSchema = z
  .object({
    name: z
      .string()
      .transform((v) => v.trim())
      .pipe(z.string().min(1, 'Giv runden et navn, fx "Forår 2027".').max(60, "Navnet må højst være 60 tegn.")),
    isoYear: z.coerce
      .number({ error: "Skriv året som et tal." })
      .int("Skriv året som et helt tal.")
      .min(2010, "Året skal ligge mellem 2010 og 2100.")
      .max(2100, "Året skal ligge mellem 2010 og 2100."),
    firstWeek: z.coerce
      .number({ error: "Skriv den første uge som et tal." })
      .int("Skriv ugen som et helt tal.")
      .min(1, "Ugen skal være mellem 1 og 53.")
      .max(53, "Ugen skal være mellem 1 og 53."),
    weekCount: z.coerce
      .number()
      .int()
      .min(1, `En runde varer 1 til ${MAX_WEEKS} uger.`)
      .max(MAX_WEEKS, `En runde varer 1 til ${MAX_WEEKS} uger.`),
    packageId: z.union([z.literal(""), idSchema("Ukendt opgavepakke.")]).transform((v) => v || null),
    // KL's minimum of approved municipalities behind a national figure (docs/method.md, "Godkendelse");
    // left out (older forms, the CLI) it stays as it is, or 15 for a new round.
    minApprovedMunicipalities: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
      z
        .number({ error: "Skriv minimum som et tal." })
        .int("Skriv minimum som et helt tal.")
        .min(1, "Minimum skal være mellem 1 og 98 kommuner.")
        .max(98, "Minimum skal være mellem 1 og 98 kommuner.")
        .optional(),
    ),
  })
  .refine((v) => v.firstWeek <= weeksInIsoYear(v.isoYear), { message: "Året har ikke så mange uger.", path: ["firstWeek"] });
type ParsedRound = z.output<typeof roundSchema>;

function assertNational(ctx: AdminContext): void {
  if (!isNational(ctx.access)) throw new AccessDeniedError("Kun KL kan vedligeholde de nationale tællerunder.");
}

function assertRoundId(roundId: string): void {
  if (!isId(roundId)) throw new UserFacingError("Tællerunden findes ikke.");
}

async function uniqueCode(tx: Tx, name: string): Promise<string> {
  const base = danishSlug(name, "runde");
  const taken = new Set(
    (await tx.countingRound.findMany({ where: { code: { startsWith: base } }, select: { code: true } })).map((r) => r.code),
  );
  return firstFreeCode(base, taken);
}

const weekLabel = (w: IsoWeek) => `uge ${w.isoWeek} ${w.isoYear}`;

/** Refuses a round whose weeks overlap another round's, naming the round and the week. */
async function assertNoOverlap(tx: Tx, input: ParsedRound, exceptId: string | null): Promise<void> {
  const wanted = new Set(consecutiveIsoWeeks({ isoYear: input.isoYear, isoWeek: input.firstWeek }, input.weekCount).map(isoWeekKey));
  const near = await tx.countingRound.findMany({
    where: { isoYear: { in: [input.isoYear - 1, input.isoYear, input.isoYear + 1] }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true, isoYear: true, firstWeek: true, weekCount: true },
  });
  for (const other of near) {
    const clash = consecutiveIsoWeeks({ isoYear: other.isoYear, isoWeek: other.firstWeek }, other.weekCount).find((w) =>
      wanted.has(isoWeekKey(w)),
    );
    if (clash)
      throw new UserFacingError(`Runden overlapper ${other.name} i ${weekLabel(clash)}. To nationale runder kan ikke ligge i samme uge.`);
  }
}

async function assertPackage(tx: Tx, packageId: string | null): Promise<string | null> {
  if (!packageId) return null;
  const found = await tx.taskPackage.findUnique({ where: { id: packageId }, select: { name: true } });
  if (!found) throw new UserFacingError("Opgavepakken findes ikke.");
  return found.name;
}

function weeksOf(input: ParsedRound) {
  return {
    isoYear: input.isoYear,
    firstWeek: input.firstWeek,
    weekCount: input.weekCount,
    startsOn: mondayOfIsoWeek(input.isoYear, input.firstWeek),
  };
}

export async function createRound(ctx: AdminContext, input: ParsedRound): Promise<{ id: string; code: string }> {
  assertNational(ctx);
  return adminTransaction(ctx, async (tx) => {
    await assertNoOverlap(tx, input, null);
    const packageName = await assertPackage(tx, input.packageId);
    const code = await uniqueCode(tx, input.name);
    const round = await tx.countingRound.create({
      data: {
        code,
        name: input.name,
        packageId: input.packageId,
        ...weeksOf(input),
        ...(input.minApprovedMunicipalities ? { minApprovedMunicipalities: input.minApprovedMunicipalities } : {}),
      },
      select: { id: true, code: true },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "round.create",
      entityType: "counting_round",
      entityId: round.id,
      after: {
        name: input.name,
        year: input.isoYear,
        firstWeek: input.firstWeek,
        weeks: input.weekCount,
        package: packageName,
        minimum: input.minApprovedMunicipalities ?? 15,
      },
    });
    return round;
  });
}

export async function updateRound(ctx: AdminContext, roundId: string, input: ParsedRound): Promise<void> {
  assertNational(ctx);
  assertRoundId(roundId);
  await adminTransaction(ctx, async (tx) => {
    const round = await tx.countingRound.findUnique({
      where: { id: roundId },
      select: {
        name: true,
        isoYear: true,
        firstWeek: true,
        weekCount: true,
        minApprovedMunicipalities: true,
        package: { select: { name: true } },
        _count: { select: { countingWeeks: true } },
      },
    });
    if (!round) throw new UserFacingError("Tællerunden findes ikke.");
    const weeksChanged = round.isoYear !== input.isoYear || round.firstWeek !== input.firstWeek || round.weekCount !== input.weekCount;
    if (weeksChanged && round._count.countingWeeks > 0) {
      throw new UserFacingError(
        `Ugerne kan ikke ændres, fordi kommuner allerede har valgt uger i ${round.name}. Navn og opgavepakke kan stadig rettes.`,
      );
    }
    if (weeksChanged) await assertNoOverlap(tx, input, roundId);
    const packageName = await assertPackage(tx, input.packageId);
    const minimum = input.minApprovedMunicipalities ?? round.minApprovedMunicipalities;
    await tx.countingRound.update({
      where: { id: roundId },
      data: { name: input.name, packageId: input.packageId, ...weeksOf(input), minApprovedMunicipalities: minimum },
    });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "round.update",
      entityType: "counting_round",
      entityId: roundId,
      before: {
        name: round.name,
        year: round.isoYear,
        firstWeek: round.firstWeek,
        weeks: round.weekCount,
        package: round.package?.name ?? null,
        minimum: round.minApprovedMunicipalities,
      },
      after: {
        name: input.name,
        year: input.isoYear,
        firstWeek: input.firstWeek,
        weeks: input.weekCount,
        package: packageName,
        minimum,
      },
    });
  });
}

export async function deleteRound(ctx: AdminContext, roundId: string): Promise<{ name: string }> {
  assertNational(ctx);
  assertRoundId(roundId);
  return adminTransaction(ctx, async (tx) => {
    const round = await tx.countingRound.findUnique({
      where: { id: roundId },
      select: { name: true, _count: { select: { countingWeeks: true, questions: true, setupSnapshots: true } } },
    });
    if (!round) throw new UserFacingError("Tællerunden findes ikke.");
    const uses = round._count;
    // Answers to the round's questionnaire keep it too (an unanswered questionnaire goes with the round).
    const answers = await tx.questionnaireAnswer.count({ where: { question: { roundId } } });
    if (uses.countingWeeks || uses.questions || uses.setupSnapshots || answers) {
      throw new UserFacingError(
        `${round.name} kan ikke slettes, fordi kommuner bruger den (valgte uger, ekstra spørgsmål, svar på spørgeskemaet eller gemt opsætning). Ret den i stedet.`,
      );
    }
    await tx.countingRound.delete({ where: { id: roundId } });
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: "round.delete",
      entityType: "counting_round",
      entityId: roundId,
      before: { name: round.name },
    });
    return { name: round.name };
  });
}
