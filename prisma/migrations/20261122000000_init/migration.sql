-- Spor's initial schema. Written by hand to match prisma/schema.prisma;
-- tests/db/schema-drift.test.ts compares the two. Runs on PostgreSQL 15+ and PGlite.

CREATE TYPE "Role" AS ENUM ('REGISTRANT', 'UNIT_LEAD', 'COORDINATOR', 'NATIONAL');
CREATE TYPE "UserKind" AS ENUM ('PERSON', 'UNIT_LOGIN');
CREATE TYPE "Direction" AS ENUM ('IN', 'OUT');
CREATE TYPE "ContactTypeGroup" AS ENUM ('TRANSACTION', 'CASE_INFORMATION', 'GENERAL_INFORMATION');
CREATE TYPE "TaskLevel" AS ENUM ('HOVEDGRUPPE', 'GRUPPE', 'EMNE', 'SPECIAL');
CREATE TYPE "TaskSource" AS ENUM ('KLE', 'PACKAGE', 'SPECIAL', 'LEGACY');
CREATE TYPE "UnitKind" AS ENUM ('CITIZEN_SERVICE', 'JOB_CENTRE', 'TECHNICAL', 'SOCIAL', 'OTHER');
CREATE TYPE "RegistrationSource" AS ENUM ('MANUAL', 'MASS', 'UPLOAD', 'API', 'LEGACY_IMPORT');
CREATE TYPE "BatchKind" AS ENUM ('MASS', 'UPLOAD', 'API', 'LEGACY_IMPORT');

CREATE TABLE "municipality" (
  "id" UUID NOT NULL,
  "number" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "municipality_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "municipality_number_key" ON "municipality"("number");

CREATE TABLE "unit" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "parent_id" UUID,
  "name" TEXT NOT NULL,
  "legacy_login" TEXT,
  "kind" "UnitKind" NOT NULL DEFAULT 'OTHER',
  "time_measurement" BOOLEAN NOT NULL DEFAULT false,
  "test_mode" BOOLEAN NOT NULL DEFAULT false,
  "archived_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "unit_municipality_id_legacy_login_key" ON "unit"("municipality_id", "legacy_login");
CREATE INDEX "unit_municipality_id_parent_id_idx" ON "unit"("municipality_id", "parent_id");

CREATE TABLE "channel" (
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "direction" "Direction" NOT NULL,
  "self_service" BOOLEAN NOT NULL DEFAULT false,
  "asks_form" BOOLEAN NOT NULL DEFAULT true,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "channel_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "unit_channel" (
  "unit_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  CONSTRAINT "unit_channel_pkey" PRIMARY KEY ("unit_id", "channel_code")
);

CREATE TABLE "task" (
  "id" UUID NOT NULL,
  "number" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "level" "TaskLevel" NOT NULL,
  "source" "TaskSource" NOT NULL,
  "valid_from" DATE,
  "valid_to" DATE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "task_number_key" ON "task"("number");
CREATE INDEX "task_level_idx" ON "task"("level");

CREATE TABLE "unit_task" (
  "unit_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  CONSTRAINT "unit_task_pkey" PRIMARY KEY ("unit_id", "task_id")
);
CREATE INDEX "unit_task_task_id_idx" ON "unit_task"("task_id");

CREATE TABLE "user" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "email" TEXT NOT NULL,
  "email_verified" BOOLEAN NOT NULL DEFAULT false,
  "image" TEXT,
  "kind" "UserKind" NOT NULL DEFAULT 'PERSON',
  "deactivated_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

CREATE TABLE "session" (
  "id" TEXT NOT NULL,
  "user_id" TEXT NOT NULL,
  "token" TEXT NOT NULL,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "ip_address" TEXT,
  "user_agent" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

CREATE TABLE "account" (
  "id" TEXT NOT NULL,
  "account_id" TEXT NOT NULL,
  "provider_id" TEXT NOT NULL,
  "user_id" TEXT NOT NULL,
  "access_token" TEXT,
  "refresh_token" TEXT,
  "id_token" TEXT,
  "access_token_expires_at" TIMESTAMPTZ(3),
  "refresh_token_expires_at" TIMESTAMPTZ(3),
  "scope" TEXT,
  "password" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

CREATE TABLE "verification" (
  "id" TEXT NOT NULL,
  "identifier" TEXT NOT NULL,
  "value" TEXT NOT NULL,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

CREATE TABLE "login_attempt" (
  "id" BIGSERIAL NOT NULL,
  "key" TEXT NOT NULL,
  "succeeded" BOOLEAN NOT NULL,
  "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_attempt_key_attempted_at_idx" ON "login_attempt"("key", "attempted_at");

CREATE TABLE "membership" (
  "id" UUID NOT NULL,
  "user_id" TEXT NOT NULL,
  "role" "Role" NOT NULL,
  "municipality_id" UUID,
  "unit_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "membership_pkey" PRIMARY KEY ("id"),
  -- The scope must fit the role, so a membership can never widen by accident.
  CONSTRAINT "membership_scope_check" CHECK (
    ("role" = 'NATIONAL' AND "municipality_id" IS NULL AND "unit_id" IS NULL)
    OR ("role" = 'COORDINATOR' AND "municipality_id" IS NOT NULL AND "unit_id" IS NULL)
    OR ("role" IN ('REGISTRANT', 'UNIT_LEAD') AND "municipality_id" IS NOT NULL AND "unit_id" IS NOT NULL)
  )
);
CREATE INDEX "membership_user_id_idx" ON "membership"("user_id");
CREATE INDEX "membership_municipality_id_idx" ON "membership"("municipality_id");
CREATE INDEX "membership_unit_id_idx" ON "membership"("unit_id");

CREATE TABLE "contact_type" (
  "code" TEXT NOT NULL,
  "label" TEXT NOT NULL,
  "group" "ContactTypeGroup" NOT NULL,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "contact_type_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "closure" (
  "code" TEXT NOT NULL,
  "label" TEXT NOT NULL,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "closure_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "task_package" (
  "id" UUID NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "task_package_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "task_package_code_key" ON "task_package"("code");

CREATE TABLE "task_package_item" (
  "id" UUID NOT NULL,
  "package_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "title" TEXT NOT NULL,
  "obligatory" BOOLEAN NOT NULL,
  "need_group" TEXT,
  "form_number" TEXT,
  "removed" BOOLEAN NOT NULL DEFAULT false,
  "note" TEXT,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "task_package_item_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "task_package_item_package_id_task_id_key" ON "task_package_item"("package_id", "task_id");
CREATE INDEX "task_package_item_task_id_idx" ON "task_package_item"("task_id");

CREATE TABLE "counting_round" (
  "id" UUID NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "starts_on" DATE NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "first_week" INTEGER NOT NULL,
  "week_count" INTEGER NOT NULL,
  "package_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "counting_round_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "counting_round_weeks_check" CHECK ("first_week" BETWEEN 1 AND 53 AND "week_count" BETWEEN 1 AND 3)
);
CREATE UNIQUE INDEX "counting_round_code_key" ON "counting_round"("code");
CREATE INDEX "counting_round_starts_on_idx" ON "counting_round"("starts_on");

CREATE TABLE "municipality_counting_week" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "round_id" UUID,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "municipality_counting_week_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "municipality_counting_week_week_check" CHECK ("iso_week" BETWEEN 1 AND 53)
);
CREATE UNIQUE INDEX "municipality_counting_week_municipality_id_iso_year_iso_week_key"
  ON "municipality_counting_week"("municipality_id", "iso_year", "iso_week");
CREATE INDEX "municipality_counting_week_round_id_idx" ON "municipality_counting_week"("round_id");

CREATE TABLE "local_counting_period" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "starts_on" DATE NOT NULL,
  "ends_on" DATE NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "local_counting_period_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "local_counting_period_dates_check" CHECK ("ends_on" >= "starts_on")
);
CREATE INDEX "local_counting_period_municipality_id_starts_on_idx" ON "local_counting_period"("municipality_id", "starts_on");

CREATE TABLE "import_batch" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "created_by_id" TEXT,
  "kind" "BatchKind" NOT NULL,
  "file_name" TEXT,
  "row_count" INTEGER NOT NULL DEFAULT 0,
  "total_quantity" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "undone_at" TIMESTAMPTZ(3),
  CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "import_batch_municipality_id_created_at_idx" ON "import_batch"("municipality_id", "created_at");

CREATE TABLE "registration" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "user_id" TEXT,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "quantity" INTEGER NOT NULL DEFAULT 1,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "started_at" TIMESTAMPTZ(3),
  "ended_at" TIMESTAMPTZ(3),
  "source" "RegistrationSource" NOT NULL,
  "batch_id" UUID,
  "is_test" BOOLEAN NOT NULL DEFAULT false,
  "in_counting_week" BOOLEAN NOT NULL DEFAULT true,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "registration_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "registration_quantity_check" CHECK ("quantity" > 0),
  CONSTRAINT "registration_timer_check" CHECK ("ended_at" IS NULL OR "started_at" IS NULL OR "ended_at" >= "started_at")
);
CREATE INDEX "registration_municipality_id_occurred_at_idx" ON "registration"("municipality_id", "occurred_at");
CREATE INDEX "registration_municipality_id_iso_year_iso_week_idx" ON "registration"("municipality_id", "iso_year", "iso_week");
CREATE INDEX "registration_unit_id_occurred_at_idx" ON "registration"("unit_id", "occurred_at");
CREATE INDEX "registration_user_id_occurred_at_idx" ON "registration"("user_id", "occurred_at");
CREATE INDEX "registration_task_id_idx" ON "registration"("task_id");
CREATE INDEX "registration_batch_id_idx" ON "registration"("batch_id");

CREATE TABLE "extra_question" (
  "id" UUID NOT NULL,
  "municipality_id" UUID,
  "round_id" UUID,
  "text" TEXT NOT NULL,
  "required" BOOLEAN NOT NULL DEFAULT false,
  "archived_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "extra_question_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "extra_question_municipality_id_idx" ON "extra_question"("municipality_id");

CREATE TABLE "extra_question_option" (
  "id" UUID NOT NULL,
  "question_id" UUID NOT NULL,
  "label" TEXT NOT NULL,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "extra_question_option_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "extra_question_option_question_id_label_key" ON "extra_question_option"("question_id", "label");

CREATE TABLE "extra_question_unit" (
  "question_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  CONSTRAINT "extra_question_unit_pkey" PRIMARY KEY ("question_id", "unit_id")
);
CREATE INDEX "extra_question_unit_unit_id_idx" ON "extra_question_unit"("unit_id");

CREATE TABLE "registration_answer" (
  "registration_id" UUID NOT NULL,
  "question_id" UUID NOT NULL,
  "option_id" UUID NOT NULL,
  CONSTRAINT "registration_answer_pkey" PRIMARY KEY ("registration_id", "question_id")
);
CREATE INDEX "registration_answer_question_id_option_id_idx" ON "registration_answer"("question_id", "option_id");

CREATE TABLE "channel_price" (
  "id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "municipality_id" UUID,
  "price_ore" INTEGER NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "channel_price_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "channel_price_price_check" CHECK ("price_ore" >= 0)
);
-- NULLS NOT DISTINCT: one national default (municipality_id NULL) per channel, not any number of them.
CREATE UNIQUE INDEX "channel_price_channel_code_municipality_id_key" ON "channel_price"("channel_code", "municipality_id") NULLS NOT DISTINCT;

CREATE TABLE "audit_event" (
  "id" BIGSERIAL NOT NULL,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "actor_user_id" TEXT,
  "municipality_id" UUID,
  "unit_id" UUID,
  "action" TEXT NOT NULL,
  "entity_type" TEXT NOT NULL,
  "entity_id" TEXT,
  "before" JSONB,
  "after" JSONB,
  CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_event_municipality_id_occurred_at_idx" ON "audit_event"("municipality_id", "occurred_at");
CREATE INDEX "audit_event_actor_user_id_occurred_at_idx" ON "audit_event"("actor_user_id", "occurred_at");
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- The audit log is append-only: no UPDATE or DELETE, whoever asks.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

-- Foreign keys
ALTER TABLE "unit" ADD CONSTRAINT "unit_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unit" ADD CONSTRAINT "unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "unit_channel" ADD CONSTRAINT "unit_channel_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "unit_channel" ADD CONSTRAINT "unit_channel_channel_code_fkey" FOREIGN KEY ("channel_code") REFERENCES "channel"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unit_task" ADD CONSTRAINT "unit_task_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "unit_task" ADD CONSTRAINT "unit_task_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "task_package_item" ADD CONSTRAINT "task_package_item_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "task_package"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "task_package_item" ADD CONSTRAINT "task_package_item_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "counting_round" ADD CONSTRAINT "counting_round_package_id_fkey" FOREIGN KEY ("package_id") REFERENCES "task_package"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "municipality_counting_week" ADD CONSTRAINT "municipality_counting_week_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "municipality_counting_week" ADD CONSTRAINT "municipality_counting_week_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "counting_round"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "local_counting_period" ADD CONSTRAINT "local_counting_period_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_channel_code_fkey" FOREIGN KEY ("channel_code") REFERENCES "channel"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_contact_type_code_fkey" FOREIGN KEY ("contact_type_code") REFERENCES "contact_type"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_closure_code_fkey" FOREIGN KEY ("closure_code") REFERENCES "closure"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "registration" ADD CONSTRAINT "registration_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "extra_question" ADD CONSTRAINT "extra_question_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "extra_question" ADD CONSTRAINT "extra_question_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "counting_round"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "extra_question_option" ADD CONSTRAINT "extra_question_option_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "extra_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "extra_question_unit" ADD CONSTRAINT "extra_question_unit_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "extra_question"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "extra_question_unit" ADD CONSTRAINT "extra_question_unit_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "registration_answer" ADD CONSTRAINT "registration_answer_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "registration_answer" ADD CONSTRAINT "registration_answer_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "extra_question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "registration_answer" ADD CONSTRAINT "registration_answer_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "extra_question_option"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "channel_price" ADD CONSTRAINT "channel_price_channel_code_fkey" FOREIGN KEY ("channel_code") REFERENCES "channel"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "channel_price" ADD CONSTRAINT "channel_price_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;
