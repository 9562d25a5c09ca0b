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
-- Statement-level triggers with transition tables keep every rollup exact: a statement's old rows
-- count negative, its new rows positive, grouped per rollup key and added with one upsert per rollup
-- (insert, correction, re-marking, moving to another unit, deletion, batch undo and imports of
-- 100,000 rows alike). Groups that net to nothing (an update that changes no rollup dimension) are
-- skipped. A group emptied by deletions stays with zero registrations; readers skip such rows.
-- report_rollups_rebuild() recomputes everything from `registration` (after bulk loads that bypass
-- triggers, e.g. the benchmark data generator). Danish time is a whole number of hours from UTC, so
-- hour buckets are the same in any zone; calendar days are Danish days.

DROP TRIGGER "registration_hourly_insert" ON "registration";
DROP TRIGGER "registration_hourly_update" ON "registration";
DROP TRIGGER "registration_hourly_delete" ON "registration";
DROP FUNCTION "registration_hourly_apply"();
DROP TABLE "registration_hourly";

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

CREATE FUNCTION "report_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_totals AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_answers AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_national AS t (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_days AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_units AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT n.*, 1 AS sign FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "report_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_totals AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_answers AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_national AS t (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_days AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_units AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "report_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_totals AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_answers AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_national AS t (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_days AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_units AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  INSERT INTO report_rollup_task_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.sign * r.quantity), sum(r.sign)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.sign) <> 0 OR sum(r.sign * r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "report_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE report_rollup_hours, report_rollup_totals, report_rollup_task_answers, report_rollup_national, report_rollup_days, report_rollup_units, report_rollup_task_channels;
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
