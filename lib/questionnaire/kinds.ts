// The kinds of question in KL's round questionnaire, shared by the pages and the domain.

export const QUESTIONNAIRE_KINDS = ["CHOICE", "NUMBER", "TEXT"] as const;
type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];

export const KIND_LABELS: Record<QuestionnaireKind, string> = {
  CHOICE: "Enkeltvalg",
  NUMBER: "Tal",
  TEXT: "Kort tekst",
};

/** A short text answer: about the municipality (its strategy, its organisation), never about citizens. */
export const TEXT_ANSWER_MAX = 200;
/** Questions in one round's questionnaire (Det Digitale Landkort asked 16). */
export const MAX_QUESTIONS = 40;
