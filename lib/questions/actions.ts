"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { ADMIN_PATHS, adminContext, checkbox, coordinators, nationalStaff, okState } from "@/lib/actions/support";
import { allStrings, type FormState, str } from "@/lib/actions/form-state";
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
} from "@/lib/questions/questions";
import { idSchema } from "@/lib/ids";

// A municipality's own questions: its coordinators (the domain checks which municipality).
// KL's questions across municipalities: national staff; each coordinator picks the units that ask them.

const fields = (formData: FormData) => ({
  municipalityId: str(formData, "municipalityId"),
  text: str(formData, "text"),
  required: checkbox(formData, "required"),
  options: str(formData, "options"),
  roundId: str(formData, "roundId"),
  unitIds: allStrings(formData, "unitId"),
});

export const createQuestionAction = action({
  name: "questions.create",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => fields(formData),
  schema: questionSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input): Promise<FormState> => {
    const { id } = await createQuestion(adminContext(ctx), input);
    redirect(`/administration/spoergsmaal/${id}`);
  },
});

export const updateQuestionAction = action({
  name: "questions.update",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({ ...fields(formData), questionId: str(formData, "questionId") }),
  schema: updateQuestionSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await updateQuestion(adminContext(ctx), input);
    return okState("Spørgsmålet er gemt.");
  },
});

export const archiveQuestionAction = action({
  name: "questions.archive",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    questionId: str(formData, "questionId"),
    archived: str(formData, "intent") !== "reactivate",
  }),
  schema: z.object({ municipalityId: idSchema("Ukendt kommune."), questionId: idSchema("Ukendt spørgsmål."), archived: z.boolean() }),
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await setQuestionArchived(adminContext(ctx), input);
    return okState(input.archived ? "Spørgsmålet er arkiveret og stilles ikke længere." : "Spørgsmålet stilles igen.");
  },
});

export const setNationalQuestionUnitsAction = action({
  name: "questions.setNationalUnits",
  allow: coordinators,
  input: (_prev: unknown, formData: FormData) => ({
    municipalityId: str(formData, "municipalityId"),
    questionId: str(formData, "questionId"),
    unitIds: allStrings(formData, "unitId"),
  }),
  schema: questionUnitsSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await setNationalQuestionUnits(adminContext(ctx), input);
    return okState("Enhederne er gemt.");
  },
});

export const createNationalQuestionAction = action({
  name: "questions.createNational",
  allow: nationalStaff,
  input: (_prev: unknown, formData: FormData) => ({ ...fields(formData), municipalityIds: allStrings(formData, "municipalityIdList") }),
  schema: nationalQuestionSchema,
  revalidate: ADMIN_PATHS,
  run: async (ctx, input) => {
    await createNationalQuestion(adminContext(ctx), input);
    return okState(`Spørgsmålet stilles nu i ${input.municipalityIds.length} kommuner.`);
  },
});
