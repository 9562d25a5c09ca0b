-- Issue 17, "Øvrige data": KL's questionnaire per national round (docs/coordinators.md,
-- docs/method.md "Spørgeskema"). Questions are single choice (with options), a number or a short
-- text about the municipality (never about citizens: bounded length). A municipality's answers are
-- one row per question. An answered question or chosen option cannot be deleted (ON DELETE
-- RESTRICT): KL may add, never take away what municipalities have answered.
CREATE TYPE "QuestionnaireKind" AS ENUM ('CHOICE', 'NUMBER', 'TEXT');

CREATE TABLE "questionnaire_question" (
  "id" UUID NOT NULL,
  "round_id" UUID NOT NULL,
  "position" INTEGER NOT NULL,
  "kind" "QuestionnaireKind" NOT NULL,
  "text" TEXT NOT NULL,
  "is_public" BOOLEAN NOT NULL DEFAULT false,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "questionnaire_question_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "questionnaire_question_text_check" CHECK (char_length("text") BETWEEN 1 AND 300)
);
CREATE INDEX "questionnaire_question_round_id_position_idx" ON "questionnaire_question"("round_id", "position");
ALTER TABLE "questionnaire_question" ADD CONSTRAINT "questionnaire_question_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "counting_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "questionnaire_option" (
  "id" UUID NOT NULL,
  "question_id" UUID NOT NULL,
  "position" INTEGER NOT NULL,
  "label" TEXT NOT NULL,
  CONSTRAINT "questionnaire_option_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "questionnaire_option_label_check" CHECK (char_length("label") BETWEEN 1 AND 100)
);
CREATE INDEX "questionnaire_option_question_id_idx" ON "questionnaire_option"("question_id");
ALTER TABLE "questionnaire_option" ADD CONSTRAINT "questionnaire_option_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questionnaire_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "questionnaire_answer" (
  "municipality_id" UUID NOT NULL,
  "question_id" UUID NOT NULL,
  "option_id" UUID,
  "number_value" DOUBLE PRECISION,
  "text_value" TEXT,
  "answered_by_id" TEXT,
  "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "questionnaire_answer_pkey" PRIMARY KEY ("municipality_id", "question_id"),
  CONSTRAINT "questionnaire_answer_one_value_check" CHECK (num_nonnulls("option_id", "number_value", "text_value") = 1),
  CONSTRAINT "questionnaire_answer_text_check" CHECK ("text_value" IS NULL OR char_length("text_value") BETWEEN 1 AND 200)
);
CREATE INDEX "questionnaire_answer_question_id_idx" ON "questionnaire_answer"("question_id");
CREATE INDEX "questionnaire_answer_option_id_idx" ON "questionnaire_answer"("option_id");
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questionnaire_question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "questionnaire_option"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
