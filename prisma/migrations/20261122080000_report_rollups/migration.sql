-- Report rollups: coarse pre-aggregates of the registrations, one per group of reports, replacing the
-- hourly aggregate (registration_hourly), whose key held every dimension plus the hour and so barely
-- compressed: at 10 million registrations it had nearly as many rows as `registration`.
--
-- Each rollup keeps only the dimensions some reports need, always with the ISO week (rounds and week
-- filters), the counting-week flag (reports may include registrations outside the counting weeks),
-- the summed quantity and the number of registrations. Test registrations never count, so they are
-- left out when written. lib/reports/rollups.ts (the "aggregate navigator") picks, per query, the
-- smallest rollup that has every dimension the report groups by and every filter it is given; a
-- query no rollup covers reads `registration` itself.
--
-- Exactness: statement-level triggers with transition tables append every change to
-- report_rollup_pending (a registration that came counts +1 and its quantity, one that went −1 and
-- minus its quantity; an update both, netted), so inserts, corrections, re-marking the counting-week
-- flag, moving to another unit, deletions, batch undo and imports of 100,000 rows are all recorded in
-- the statement that makes them, at the cost of one small append. report_rollups_flush(), which the
-- reports run before they read, folds the pending rows into all rollups with one grouped upsert per
-- rollup. A group emptied by deletions stays with zero registrations; readers skip such rows.
-- report_rollups_rebuild() recomputes everything from `registration` (after bulk loads that bypass
-- the triggers, e.g. the benchmark data generator). Danish time is a whole number of hours from UTC,
-- so hour buckets are the same in any zone; calendar days are Danish days.

DROP TRIGGER "registration_hourly_insert" ON "registration";
DROP TRIGGER "registration_hourly_update" ON "registration";
DROP TRIGGER "registration_hourly_delete" ON "registration";
DROP FUNCTION "registration_hourly_apply"();
DROP TABLE "registration_hourly";

-- report_rollup_national_totals: no municipality, unit or task: national channel mix, contact types and the national side of the benchmark.
CREATE TABLE "report_rollup_national_totals" (
  "id" BIGSERIAL NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_national_totals_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_national_totals_key" ON "report_rollup_national_totals"("iso_year", "iso_week", "in_counting_week", "channel_code", "contact_type_code", "closure_code", "form", "source") NULLS NOT DISTINCT;

-- report_rollup_hours: one row per municipality, unit and hour: the «Tidspunkt» report and participation.
CREATE TABLE "report_rollup_hours" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "unit_id" UUID NOT NULL,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_hours_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_hours_key" ON "report_rollup_hours"("municipality_id", "iso_year", "iso_week", "in_counting_week", "unit_id", "occurred_at") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_hours_iso_year_iso_week_idx" ON "report_rollup_hours"("iso_year", "iso_week");

-- report_rollup_totals: per municipality without unit and task: channel mix, contact types, cost, key figures.
CREATE TABLE "report_rollup_totals" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_totals_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_totals_key" ON "report_rollup_totals"("municipality_id", "iso_year", "iso_week", "in_counting_week", "channel_code", "contact_type_code", "closure_code", "form", "source") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_totals_iso_year_iso_week_idx" ON "report_rollup_totals"("iso_year", "iso_week");

-- report_rollup_task_answers: per municipality and task: closure and forms by task.
CREATE TABLE "report_rollup_task_answers" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "task_id" UUID NOT NULL,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_task_answers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_task_answers_key" ON "report_rollup_task_answers"("municipality_id", "iso_year", "iso_week", "in_counting_week", "task_id", "closure_code", "form", "source") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_task_answers_iso_year_iso_week_idx" ON "report_rollup_task_answers"("iso_year", "iso_week");

-- report_rollup_national: no municipality: national figures by task (self-service, channel mix and key figures with task filters).
CREATE TABLE "report_rollup_national" (
  "id" BIGSERIAL NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_national_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_national_key" ON "report_rollup_national"("iso_year", "iso_week", "in_counting_week", "task_id", "channel_code", "contact_type_code", "closure_code", "form", "source") NULLS NOT DISTINCT;

-- report_rollup_days: per municipality and Danish calendar day: the same figures as totals for date ranges.
CREATE TABLE "report_rollup_days" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "occurred_on" DATE NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_days_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_days_key" ON "report_rollup_days"("municipality_id", "iso_year", "iso_week", "in_counting_week", "occurred_on", "channel_code", "contact_type_code", "closure_code", "form", "source") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_days_iso_year_iso_week_idx" ON "report_rollup_days"("iso_year", "iso_week");

-- report_rollup_units: per municipality and unit: unit filters and breakdowns by unit.
CREATE TABLE "report_rollup_units" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "unit_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_units_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_units_key" ON "report_rollup_units"("municipality_id", "iso_year", "iso_week", "in_counting_week", "unit_id", "channel_code", "contact_type_code", "closure_code", "form", "source") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_units_iso_year_iso_week_idx" ON "report_rollup_units"("iso_year", "iso_week");

-- report_rollup_task_channels: per municipality and task: self-service and channel mix by task.
CREATE TABLE "report_rollup_task_channels" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "source" "RegistrationSource" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_task_channels_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_task_channels_key" ON "report_rollup_task_channels"("municipality_id", "iso_year", "iso_week", "in_counting_week", "task_id", "channel_code", "contact_type_code", "source") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_task_channels_iso_year_iso_week_idx" ON "report_rollup_task_channels"("iso_year", "iso_week");

-- Changes not yet folded into the rollups: one row per registration that came (+) or went (−).
CREATE TABLE "report_rollup_pending" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "unit_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "source" "RegistrationSource" NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_pending_pkey" PRIMARY KEY ("id")
);

-- The triggers only append: the hot path (one registration per statement) pays for one small insert.
CREATE FUNCTION "report_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
  SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.quantity, 1 FROM new_rows n WHERE NOT n.is_test;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "report_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
  SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, -o.quantity, -1 FROM old_rows o WHERE NOT o.is_test;
  RETURN NULL;
END;
$$;

-- An update appends its old rows negated and its new rows, netted: a change to fields no rollup
-- holds (times, answers, updated_at) appends nothing.
CREATE FUNCTION "report_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, quantity, registrations)
  SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, sum(quantity), sum(registrations)
    FROM (SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, -o.quantity AS quantity, -1 AS registrations FROM old_rows o WHERE NOT o.is_test
          UNION ALL SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.quantity, 1 FROM new_rows n WHERE NOT n.is_test) c
   GROUP BY municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at HAVING sum(registrations) <> 0 OR sum(quantity) <> 0;
  RETURN NULL;
END;
$$;

-- Folds the pending changes into every rollup; the reports call it before they read. One flush at
-- a time (an advisory lock), so two flushes never update the same rollup rows in opposite order.
CREATE FUNCTION "report_rollups_flush"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report_rollup_pending) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_flush'));
  WITH moved AS (DELETE FROM report_rollup_pending RETURNING *),
       u0 AS (INSERT INTO report_rollup_national_totals AS t (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u1 AS (INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u2 AS (INSERT INTO report_rollup_totals AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u3 AS (INSERT INTO report_rollup_task_answers AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u4 AS (INSERT INTO report_rollup_national AS t (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u5 AS (INSERT INTO report_rollup_days AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u6 AS (INSERT INTO report_rollup_units AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations)
  INSERT INTO report_rollup_task_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.quantity), sum(r.registrations)
    FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
END;
$$;

CREATE FUNCTION "report_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_flush'));
  TRUNCATE report_rollup_pending, report_rollup_national_totals, report_rollup_hours, report_rollup_totals, report_rollup_task_answers, report_rollup_national, report_rollup_days, report_rollup_units, report_rollup_task_channels;
  INSERT INTO report_rollup_national_totals (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_hours (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO report_rollup_totals (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO report_rollup_task_answers (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_national (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO report_rollup_days (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  INSERT INTO report_rollup_units (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  INSERT INTO report_rollup_task_channels (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END;
$$;

CREATE TRIGGER "report_rollups_insert" AFTER INSERT ON "registration"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_rollups_insert"();
CREATE TRIGGER "report_rollups_update" AFTER UPDATE ON "registration"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_rollups_update"();
CREATE TRIGGER "report_rollups_delete" AFTER DELETE ON "registration"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_rollups_delete"();

SELECT report_rollups_rebuild();
