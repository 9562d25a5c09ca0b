import "server-only";
import { type Access, coordinatorMunicipalityIds, requireNational } from "@/lib/auth/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isId } from "@/lib/ids";

// The reads of KL's round questionnaire: KL's editor and the answers side by side (national staff
// only, no tenant filter), and the coordinators' answer page (their own municipalities only).

const QUESTIONS = {
  orderBy: { position: "asc" },
  select: {
    id: true,
    position: true,
    kind: true,
    text: true,
    isPublic: true,
    options: { orderBy: { position: "asc" }, select: { id: true, label: true, _count: { select: { answers: true } } } },
    _count: { select: { answers: true } },
  },
} as const;

/** KL's editor of a round's questionnaire, with the rounds it can be copied from. Null for an unknown round. */
export async function loadQuestionnaireEditor(access: Access, roundId: string) {
  requireNational(access); // KL's staff only: no tenant filter below
  if (!isId(roundId)) return null;
  const round = await db().countingRound.findUnique({
    where: { id: roundId },
    select: { id: true, code: true, name: true, questionnaire: QUESTIONS },
  });
  if (!round) return null;
  const sources = await db().countingRound.findMany({
    where: { id: { not: round.id }, questionnaire: { some: {} } },
    select: { id: true, name: true, _count: { select: { questionnaire: true } } },
    orderBy: { startsOn: "desc" },
  });
  return { ...round, sources };
}

export type AnswerCell = string | number | null;

export interface AnswerMatrix {
  round: { id: string; code: string; name: string };
  questions: { id: string; position: number; kind: string; text: string; isPublic: boolean; options: { id: string; label: string }[] }[];
  /** One row per municipality that counts in the round or has answered, in number order. */
  rows: { number: number; name: string; approved: boolean; cells: AnswerCell[] }[];
}

/** The answers side by side: municipalities as rows, questions as columns (national staff only). */
export async function answerMatrix(prisma: PrismaClient, access: Access, roundRef: string): Promise<AnswerMatrix | null> {
  requireNational(access); // KL's staff only: every municipality's answers
  const round = await prisma.countingRound.findFirst({
    where: isId(roundRef) ? { id: roundRef } : { code: roundRef },
    select: { id: true, code: true, name: true, questionnaire: QUESTIONS },
  });
  if (!round) return null;
  const questionIds = round.questionnaire.map((q) => q.id);
  const municipalities = await prisma.municipality.findMany({
    where: {
      OR: [{ countingWeeks: { some: { roundId: round.id } } }, { questionnaireAnswers: { some: { questionId: { in: questionIds } } } }],
    },
    select: {
      number: true,
      name: true,
      roundApprovals: { where: { roundId: round.id }, select: { roundId: true } },
      questionnaireAnswers: {
        where: { questionId: { in: questionIds } },
        select: { questionId: true, numberValue: true, textValue: true, option: { select: { label: true } } },
      },
    },
    orderBy: { number: "asc" },
  });
  return {
    round: { id: round.id, code: round.code, name: round.name },
    questions: round.questionnaire,
    rows: municipalities.map((m) => ({
      number: m.number,
      name: m.name,
      approved: m.roundApprovals.length > 0,
      cells: round.questionnaire.map((q) => {
        const a = m.questionnaireAnswers.find((x) => x.questionId === q.id);
        return a ? (a.option?.label ?? a.numberValue ?? a.textValue) : null;
      }),
    })),
  };
}

/** KL's page of the answers side by side. */
export function loadAnswerMatrix(access: Access, roundId: string) {
  return answerMatrix(db(), access, roundId);
}

/**
 * The coordinators' page: per municipality they coordinate, the rounds it counts in that have a
 * questionnaire (newest first), and the chosen round's (by code; default the newest) questions and
 * answers, and whether approval has frozen them.
 */
export async function loadAnswerPage(access: Access, roundCode: string | undefined) {
  const ids = coordinatorMunicipalityIds(access);
  const municipalities = await db().municipality.findMany({
    where: { id: { in: ids } },
    select: { id: true, number: true, name: true },
    orderBy: { number: "asc" },
  });
  return Promise.all(
    municipalities.map(async (m) => {
      const rounds = await db().countingRound.findMany({
        where: { countingWeeks: { some: { municipalityId: m.id } }, questionnaire: { some: {} } },
        select: { id: true, code: true, name: true },
        orderBy: { startsOn: "desc" },
      });
      const chosen = rounds.find((r) => r.code === roundCode) ?? rounds[0];
      if (!chosen) return { ...m, rounds, round: null };
      const [questions, answers, approval] = await Promise.all([
        db().questionnaireQuestion.findMany({
          where: { roundId: chosen.id },
          orderBy: { position: "asc" },
          select: {
            id: true,
            kind: true,
            text: true,
            isPublic: true,
            options: { orderBy: { position: "asc" }, select: { id: true, label: true } },
          },
        }),
        db().questionnaireAnswer.findMany({
          where: { municipalityId: m.id, question: { roundId: chosen.id } },
          select: { questionId: true, optionId: true, numberValue: true, textValue: true },
        }),
        db().roundApproval.findUnique({ where: { municipalityId_roundId: { municipalityId: m.id, roundId: chosen.id } } }),
      ]);
      return {
        ...m,
        rounds,
        round: {
          ...chosen,
          approved: approval !== null,
          questions: questions.map((q) => {
            const a = answers.find((x) => x.questionId === q.id);
            return {
              ...q,
              answer: a ? (a.optionId ?? (a.numberValue !== null ? String(a.numberValue).replace(".", ",") : a.textValue)) : null,
            };
          }),
        },
      };
    }),
  );
}
