import "server-only";
import { type Access, canViewMunicipalityAdministration, isNational } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { AccessDeniedError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { unitOptions } from "@/lib/units/page-queries";
import { answerCounts } from "./questions";

// The reads of the extra-question pages. The municipality comes from the page's scoped lookup
// (resolveAdminMunicipality); each read checks once more that the caller may see it.

/** The municipality's own questions and KL's questions asked in its units. */
function questionScope(municipalityId: string) {
  return { OR: [{ municipalityId }, { municipalityId: null, units: { some: { unit: { municipalityId } } } }] };
}

function assertMayView(access: Access, municipalityId: string) {
  if (!canViewMunicipalityAdministration(access, municipalityId)) throw new AccessDeniedError();
}

/** The national rounds a question may be asked in, newest first. */
function listRoundOptions() {
  return db().countingRound.findMany({
    select: { id: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
    orderBy: { startsOn: "desc" },
  });
}

/** The questions page: the list with answer counts, the units and rounds of the form, and (for KL) every municipality. */
export async function loadQuestionsPage(access: Access, municipalityId: string) {
  assertMayView(access, municipalityId);
  const [questions, units, rounds, allMunicipalities] = await Promise.all([
    db().extraQuestion.findMany({
      where: questionScope(municipalityId),
      select: {
        id: true,
        text: true,
        required: true,
        municipalityId: true,
        archivedAt: true,
        round: { select: { name: true } },
        options: { select: { label: true }, orderBy: { sortOrder: "asc" } },
        units: { where: { unit: { municipalityId } }, select: { unitId: true } },
        _count: { select: { answers: { where: { registration: { municipalityId, isTest: false } } } } },
      },
      orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    }),
    unitOptions(db(), municipalityId),
    listRoundOptions(),
    isNational(access)
      ? db().municipality.findMany({ select: { id: true, number: true, name: true }, orderBy: { number: "asc" } })
      : Promise.resolve([]),
  ]);
  return { questions, units, rounds, allMunicipalities };
}

/**
 * One question as the municipality sees it, with its answers, the municipality's units and the
 * rounds; null when it is neither the municipality's own nor one of KL's asked in its units.
 */
export async function loadQuestionPage(access: Access, municipalityId: string, questionId: string) {
  assertMayView(access, municipalityId);
  if (!isId(questionId)) return null;
  const question = await db().extraQuestion.findFirst({
    where: { AND: [{ id: questionId }, questionScope(municipalityId)] },
    select: {
      id: true,
      text: true,
      required: true,
      roundId: true,
      municipalityId: true,
      archivedAt: true,
      round: { select: { name: true } },
      options: { select: { label: true }, orderBy: { sortOrder: "asc" } },
      units: { where: { unit: { municipalityId } }, select: { unitId: true } },
    },
  });
  if (!question) return null;
  const [counts, units, rounds] = await Promise.all([
    answerCounts(db(), question.id, municipalityId),
    unitOptions(db(), municipalityId),
    listRoundOptions(),
  ]);
  return { question, counts, units, rounds };
}
