-- Issue 16: reference counts from other systems (phone platforms, queue systems, self-service
-- solutions) for the coverage view "Dækning", the coordinator's coverage threshold, and the
-- municipality's approval of a round (frozen data; national figures from approved municipalities
-- only, with KL's minimum per round). Enum values are only appended.
ALTER TYPE "BatchKind" ADD VALUE 'REFERENCE_UPLOAD';
ALTER TYPE "BatchKind" ADD VALUE 'REFERENCE_API';

CREATE TYPE "ReferenceKind" AS ENUM ('ANSWERED_CALLS', 'VISITS_SERVED', 'SELF_SERVICE_APPLICATIONS');

ALTER TABLE "municipality" ADD COLUMN "coverage_threshold" INTEGER NOT NULL DEFAULT 80;
ALTER TABLE "counting_round" ADD COLUMN "min_approved_municipalities" INTEGER NOT NULL DEFAULT 15;

CREATE TABLE "reference_count" (
  "id" UUID NOT NULL,
  "municipality_id" UUID NOT NULL,
  "unit_id" UUID,
  "day" DATE NOT NULL,
  "hour" INTEGER,
  "channel_code" TEXT NOT NULL,
  "kind" "ReferenceKind" NOT NULL,
  "count" INTEGER NOT NULL,
  "batch_id" UUID NOT NULL,
  CONSTRAINT "reference_count_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "reference_count_hour_check" CHECK ("hour" IS NULL OR "hour" BETWEEN 0 AND 23),
  CONSTRAINT "reference_count_count_check" CHECK ("count" >= 0)
);
CREATE INDEX "reference_count_municipality_id_day_idx" ON "reference_count"("municipality_id", "day");
CREATE INDEX "reference_count_batch_id_idx" ON "reference_count"("batch_id");
ALTER TABLE "reference_count" ADD CONSTRAINT "reference_count_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reference_count" ADD CONSTRAINT "reference_count_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "reference_count" ADD CONSTRAINT "reference_count_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "round_approval" (
  "municipality_id" UUID NOT NULL,
  "round_id" UUID NOT NULL,
  "approved_by_id" TEXT,
  "approved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "round_approval_pkey" PRIMARY KEY ("municipality_id", "round_id")
);
CREATE INDEX "round_approval_round_id_idx" ON "round_approval"("round_id");
ALTER TABLE "round_approval" ADD CONSTRAINT "round_approval_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "round_approval" ADD CONSTRAINT "round_approval_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "counting_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "round_approval" ADD CONSTRAINT "round_approval_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Approved data is frozen (docs/method.md, "Godkendelse"): every write path (registration screen,
-- corrections, uploads, the API, mass registration, paper sheets, undoing batches, recomputed
-- counting-week flags) ends in an INSERT, UPDATE or DELETE of `registration`, so the rule is kept
-- here once rather than in each path. A registration in an ISO week of a round its municipality
-- approved is refused with SQLSTATE SP0AP (lib/actions/database-errors.ts turns it into a Danish
-- message). Test registrations never count in figures and stay free. round_approval is tiny, and
-- the lookup is by its primary key's first column.
CREATE FUNCTION refuse_approved_registration() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r registration;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF NOT r.is_test AND EXISTS (
    SELECT 1 FROM round_approval a JOIN counting_round c ON c.id = a.round_id
    WHERE a.municipality_id = r.municipality_id
      AND EXISTS (
        SELECT 1 FROM generate_series(0, c.week_count - 1) AS i
        WHERE (extract(isoyear FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i) * 100
               + extract(week FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i))::int = r.iso_year * 100 + r.iso_week)
  ) THEN
    RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
  END IF;
  -- An UPDATE that moves a registration into an approved round is caught above (NEW); one that
  -- moves it out of one is caught here (OLD).
  IF TG_OP = 'UPDATE' AND NOT OLD.is_test AND (OLD.iso_year, OLD.iso_week, OLD.municipality_id) IS DISTINCT FROM (NEW.iso_year, NEW.iso_week, NEW.municipality_id) AND EXISTS (
    SELECT 1 FROM round_approval a JOIN counting_round c ON c.id = a.round_id
    WHERE a.municipality_id = OLD.municipality_id
      AND EXISTS (
        SELECT 1 FROM generate_series(0, c.week_count - 1) AS i
        WHERE (extract(isoyear FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i) * 100
               + extract(week FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i))::int = OLD.iso_year * 100 + OLD.iso_week)
  ) THEN
    RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER registration_approved_frozen BEFORE INSERT OR UPDATE OR DELETE ON registration
  FOR EACH ROW EXECUTE FUNCTION refuse_approved_registration();

-- The weeks whose registrations count in national figures: each approved round's ISO weeks for the
-- municipality that approved it (lib/reports/sql.ts, APPROVED_ONLY). week_key is iso_year * 100 + iso_week.
CREATE VIEW approved_week AS
SELECT a.municipality_id,
       (extract(isoyear FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i) * 100
        + extract(week FROM to_date(c.iso_year || '-' || c.first_week || '-1', 'IYYY-IW-ID') + 7 * i))::int AS week_key
FROM round_approval a
JOIN counting_round c ON c.id = a.round_id
CROSS JOIN LATERAL generate_series(0, c.week_count - 1) AS i;
