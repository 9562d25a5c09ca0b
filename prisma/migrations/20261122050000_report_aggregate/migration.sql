-- Reports read an hourly pre-aggregate of the registrations instead of the registrations themselves:
-- one row per (municipality, unit, task, channel, type, closure, form, source, test flag, counting-week
-- flag, hour) with the summed quantity and the number of registrations. Statement-level triggers with
-- transition tables keep it exact on every insert, update and delete — single registrations,
-- corrections, undo and imports of 100,000 rows alike (one aggregated upsert per statement).
-- Danish time is a whole number of hours from UTC, so hour buckets are the same in any zone.

CREATE TABLE "registration_hourly" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "is_test" BOOLEAN NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "registration_hourly_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "registration_hourly_key" ON "registration_hourly"(
  "municipality_id", "unit_id", "task_id", "channel_code", "contact_type_code", "closure_code", "form", "source",
  "is_test", "in_counting_week", "occurred_at") NULLS NOT DISTINCT;
CREATE INDEX "registration_hourly_municipality_id_iso_year_iso_week_idx" ON "registration_hourly"("municipality_id", "iso_year", "iso_week");
CREATE INDEX "registration_hourly_iso_year_iso_week_idx" ON "registration_hourly"("iso_year", "iso_week");

CREATE FUNCTION "registration_hourly_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Subtract what left (DELETE, or the old side of an UPDATE) and add what came (INSERT, new side).
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO registration_hourly AS h (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code,
      form, source, is_test, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
    SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
      in_counting_week, iso_year, iso_week, date_trunc('hour', occurred_at), -sum(quantity), -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
    ON CONFLICT (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
      in_counting_week, occurred_at)
    DO UPDATE SET quantity = h.quantity + EXCLUDED.quantity, registrations = h.registrations + EXCLUDED.registrations;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO registration_hourly AS h (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code,
      form, source, is_test, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
    SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
      in_counting_week, iso_year, iso_week, date_trunc('hour', occurred_at), sum(quantity), count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
    ON CONFLICT (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
      in_counting_week, occurred_at)
    DO UPDATE SET quantity = h.quantity + EXCLUDED.quantity, registrations = h.registrations + EXCLUDED.registrations;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "registration_hourly_insert" AFTER INSERT ON "registration"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "registration_hourly_apply"();
CREATE TRIGGER "registration_hourly_update" AFTER UPDATE ON "registration"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "registration_hourly_apply"();
CREATE TRIGGER "registration_hourly_delete" AFTER DELETE ON "registration"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "registration_hourly_apply"();

INSERT INTO registration_hourly (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form,
  source, is_test, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, is_test,
  in_counting_week, iso_year, iso_week, date_trunc('hour', occurred_at), sum(quantity), count(*)
  FROM registration GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13;
