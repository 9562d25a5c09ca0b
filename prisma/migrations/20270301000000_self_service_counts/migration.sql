-- Issue 16: self-service counts from the systems that received the applications (docs/method.md,
-- "Selvbetjening fra fagsystemerne"). KL uploads vendors' figures for many municipalities at once
-- (one batch per municipality, grouped by upload_id, so KL undoes a whole upload and a coordinator
-- only their own municipality's part); a coordinator keys counts from a statistics module or the
-- counter script in a task × week grid. They are counts per municipality, task and ISO week — not
-- contacts of a unit — so they have a table of their own rather than being registrations: no unit,
-- time of day, type or closure to invent, and no other report (channel mix, units, hours) may count
-- them. The self-service report reads them beside the registrations, and where a municipality has
-- both its own figure and KL's for a task and week, self_service_choice says which one counts.
-- Enum values are only appended.
ALTER TYPE "BatchKind" ADD VALUE 'VENDOR_FILE';
ALTER TYPE "BatchKind" ADD VALUE 'SELF_SERVICE_GRID';

CREATE TYPE "SelfServiceSource" AS ENUM ('VENDOR', 'STATISTICS_MODULE', 'COUNTER_SCRIPT');
CREATE TYPE "SelfServiceFigure" AS ENUM ('OWN', 'VENDOR');

ALTER TABLE "import_batch" ADD COLUMN "upload_id" UUID;
CREATE INDEX "import_batch_upload_id_idx" ON "import_batch"("upload_id");

CREATE TABLE "self_service_count" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "count" INTEGER NOT NULL,
  "source" "SelfServiceSource" NOT NULL,
  "solution" TEXT,
  "batch_id" UUID NOT NULL,
  CONSTRAINT "self_service_count_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "self_service_count_week_check" CHECK ("iso_week" BETWEEN 1 AND 53),
  CONSTRAINT "self_service_count_count_check" CHECK ("count" >= 0)
);
CREATE INDEX "self_service_count_municipality_id_iso_year_iso_week_idx" ON "self_service_count"("municipality_id", "iso_year", "iso_week");
CREATE INDEX "self_service_count_batch_id_idx" ON "self_service_count"("batch_id");
ALTER TABLE "self_service_count" ADD CONSTRAINT "self_service_count_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "self_service_count" ADD CONSTRAINT "self_service_count_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "self_service_count" ADD CONSTRAINT "self_service_count_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "self_service_choice" (
  "municipality_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "choice" "SelfServiceFigure" NOT NULL,
  "chosen_by_id" TEXT,
  "chosen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "self_service_choice_pkey" PRIMARY KEY ("municipality_id", "task_id")
);
ALTER TABLE "self_service_choice" ADD CONSTRAINT "self_service_choice_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "self_service_choice" ADD CONSTRAINT "self_service_choice_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "self_service_choice" ADD CONSTRAINT "self_service_choice_chosen_by_id_fkey" FOREIGN KEY ("chosen_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Approved data is frozen for these counts too (docs/method.md, "Godkendelse"): a count in an ISO
-- week of a round its municipality approved is neither added nor removed (KL's file, the grid,
-- undoing either), with the registrations' SQLSTATE and message, so lib/actions/database-errors.ts
-- gives the same Danish answer. Statement triggers over transition tables, like the registrations'.
CREATE FUNCTION refuse_approved_self_service_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM round_approval) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN approved_week w ON w.municipality_id = n.municipality_id AND w.week_key = n.iso_year * 100 + n.iso_week) THEN
      RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN approved_week w ON w.municipality_id = o.municipality_id AND w.week_key = o.iso_year * 100 + o.iso_week) THEN
      RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER self_service_count_approved_frozen_insert AFTER INSERT ON self_service_count
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_approved_self_service_counts();
CREATE TRIGGER self_service_count_approved_frozen_delete AFTER DELETE ON self_service_count
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_approved_self_service_counts();
