"use server";

import { redirect } from "next/navigation";
import { adminActor, checkbox, revalidateAdmin } from "../action-support";
import { allStrings, type FormState, parseInput, runForm, str } from "../form-state";
import {
  createNationalQuestion,
  createQuestion,
  nationalQuestionSchema,
  questionSchema,
  questionUnitsSchema,
  setNationalQuestionUnits,
  setQuestionArchived,
  updateQuestion,
  updateQuestionSchema,
} from "../questions";
import { z } from "zod";

const fields = (formData: FormData) => ({
  municipalityId: str(formData, "municipalityId"),
  text: str(formData, "text"),
  required: checkbox(formData, "required"),
  options: str(formData, "options"),
  roundId: str(formData, "roundId"),
  unitIds: allStrings(formData, "unitId"),
});

export async function createQuestionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = "";
  const state = await runForm(async () => {
    const ctx = await adminActor();
    id = (await createQuestion(ctx, parseInput(questionSchema, fields(formData)))).id;
    revalidateAdmin();
    return { ok: "Spørgsmålet er oprettet." };
  });
  if (state.error) return state;
  redirect(`/administration/spoergsmaal/${id}`);
}

export async function updateQuestionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await updateQuestion(ctx, parseInput(updateQuestionSchema, { ...fields(formData), questionId: str(formData, "questionId") }));
    revalidateAdmin();
    return { ok: "Spørgsmålet er gemt." };
  });
}

export async function archiveQuestionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(z.object({ municipalityId: z.string().uuid(), questionId: z.string().uuid() }), {
      municipalityId: str(formData, "municipalityId"),
      questionId: str(formData, "questionId"),
    });
    const archived = str(formData, "intent") !== "reactivate";
    await setQuestionArchived(ctx, { ...input, archived });
    revalidateAdmin();
    return { ok: archived ? "Spørgsmålet er arkiveret og stilles ikke længere." : "Spørgsmålet stilles igen." };
  });
}

export async function setNationalQuestionUnitsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    await setNationalQuestionUnits(
      ctx,
      parseInput(questionUnitsSchema, {
        municipalityId: str(formData, "municipalityId"),
        questionId: str(formData, "questionId"),
        unitIds: allStrings(formData, "unitId"),
      }),
    );
    revalidateAdmin();
    return { ok: "Enhederne er gemt." };
  });
}

export async function createNationalQuestionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    const ctx = await adminActor();
    const input = parseInput(nationalQuestionSchema, { ...fields(formData), municipalityIds: allStrings(formData, "municipalityIdList") });
    await createNationalQuestion(ctx, input);
    revalidateAdmin();
    return { ok: `Spørgsmålet stilles nu i ${input.municipalityIds.length} kommuner.` };
  });
}
