"use server";

import { action } from "@/lib/actions/action";
import { type FormState, str } from "@/lib/actions/form-state";
import { adminContext, checkbox, coordinators, nationalStaff, okState } from "@/lib/actions/support";
import { formatNumber } from "@/lib/format";
import { answersSchema, saveAnswers } from "./answer";
import {
  addQuestion,
  addQuestionSchema,
  copyQuestionnaire,
  copyQuestionnaireSchema,
  deleteQuestion,
  moveQuestion,
  moveQuestionSchema,
  questionRefSchema,
  updateQuestion,
  updateQuestionSchema,
} from "./define";

// KL's round questionnaire ("Øvrige data", issue 17): national staff define it; a municipality's
// coordinators answer it (the domain checks which municipality, and that the round is not approved).

const NATIONAL_PATHS = ["/national/runder/", "/landkort"];
const ANSWER_PATHS = ["/daekning/spoergeskema", "/national/runder/", "/landkort"];

const questionFields = (formData: FormData) => ({
  text: str(formData, "text"),
  isPublic: checkbox(formData, "isPublic"),
  options: str(formData, "options"),
});

export const addQuestionAction = action({
  name: "questionnaire.addQuestion",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({
    ...questionFields(formData),
    roundId: str(formData, "roundId"),
    kind: str(formData, "kind"),
  }),
  schema: addQuestionSchema,
  revalidate: NATIONAL_PATHS,
  run: async (ctx, input) => {
    await addQuestion(adminContext(ctx), input);
    return okState("Spørgsmålet er tilføjet.");
  },
});

export const updateQuestionAction = action({
  name: "questionnaire.updateQuestion",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({ ...questionFields(formData), questionId: str(formData, "questionId") }),
  schema: updateQuestionSchema,
  revalidate: NATIONAL_PATHS,
  run: async (ctx, input) => {
    await updateQuestion(adminContext(ctx), input);
    return okState("Spørgsmålet er gemt.");
  },
});

export const deleteQuestionAction = action({
  name: "questionnaire.deleteQuestion",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({ questionId: str(formData, "questionId") }),
  schema: questionRefSchema,
  revalidate: NATIONAL_PATHS,
  run: async (ctx, input) => {
    const { text } = await deleteQuestion(adminContext(ctx), input);
    return okState(`Spørgsmålet «${text}» er slettet.`);
  },
});

export const moveQuestionAction = action({
  name: "questionnaire.moveQuestion",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({ questionId: str(formData, "questionId"), direction: str(formData, "direction") }),
  schema: moveQuestionSchema,
  revalidate: NATIONAL_PATHS,
  run: async (ctx, input) => {
    await moveQuestion(adminContext(ctx), input);
    return okState("Rækkefølgen er gemt.");
  },
});

export const copyQuestionnaireAction = action({
  name: "questionnaire.copy",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({ roundId: str(formData, "roundId"), fromRoundId: str(formData, "fromRoundId") }),
  schema: copyQuestionnaireSchema,
  revalidate: NATIONAL_PATHS,
  run: async (ctx, input) => {
    const { count } = await copyQuestionnaire(adminContext(ctx), input);
    return okState(`${formatNumber(count)} spørgsmål er kopieret.`);
  },
});

export const saveAnswersAction = action({
  name: "questionnaire.answer",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => {
    // One field per question, named "q:<question id>".
    const values: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (key.startsWith("q:") && typeof value === "string") values[key.slice(2)] = value;
    return { municipalityId: str(formData, "municipalityId"), roundId: str(formData, "roundId"), values };
  },
  schema: answersSchema,
  revalidate: ANSWER_PATHS,
  run: async (ctx, input) => {
    const { answered, changed } = await saveAnswers(adminContext(ctx), input);
    return okState(
      changed ? `Svarene er gemt: ${formatNumber(answered)} spørgsmål besvaret.` : "Ingen ændringer: svarene var allerede gemt sådan.",
    );
  },
});
