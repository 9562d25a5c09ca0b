-- Questions that were not asked are not answers; time is only what was measured; one way to read
-- Fejlhenvendelse (docs/method.md, "Bases: what each figure is computed over").
--
-- 1. Channels: the form question is asked on every channel where a form can come with the contact:
--    every channel but telephone and web visits. Web visits are counted in bulk (`bulk`): neither
--    type, closure nor form is asked for them.
-- 2. Registrations: `measured_time` says whether started_at/ended_at are a measured contact time
--    (Spor's timer, or an old unit the coordinator says measured time) — TraceTool stored the time its
--    form was open on every row, which is not. `time_precision` says whether occurred_at has a real
--    time of day (TIME), only a real date (DATE: uploads at 00:00, mass registrations by day) or only
--    a week (WEEK: mass registrations by week).
-- 3. The report rollups hold the *reporting* values, normalised by the method, so no report has to
--    repeat the rules: form NULL on a channel that does not ask it; type and closure NULL on a bulk
--    channel; a contact of type Fejlhenvendelse counted under the task Fejlhenvendelse (old data) and
--    one on the task Fejlhenvendelse counted as the type (new data). `registration` keeps what was
--    recorded (the legacy export writes it back). The view report_registration applies the same rules
--    to the registrations themselves (rebuilds and the reports' direct reads); report_rollups_flush()
--    applies them to pending changes — the two must stay equal (tests/db/report-aggregate.test.ts).
--    Changing a channel's flags needs report_rollups_rebuild(), as this migration does.
-- 4. The hours rollup gets the time precision beside the source it got in 20261210010000_source_facts
--    (the «Tidspunkt» report leaves rows without a time of day out of the hour chart); five new
--    rollups hold the measured durations in whole seconds for «Tidsforbrug», which read
--    `registration` directly before (2 s nationally at 10 million rows). The covering task index
--    (20261212010000_report_task_index) gets the time precision too.
-- 5. The answer rollup (20261212000000_report_answer_rollup) is untouched: it has no form, type,
--    closure or task, the only values the method normalises.

CREATE TYPE "TimePrecision" AS ENUM ('TIME', 'DATE', 'WEEK');

ALTER TABLE "channel" ADD COLUMN "bulk" BOOLEAN NOT NULL DEFAULT false;
UPDATE "channel" SET "bulk" = ("code" = 'WEB');
UPDATE "channel" SET "asks_form" = ("code" NOT IN ('TLFIND', 'TLFUD', 'WEB'));

ALTER TABLE "registration" ADD COLUMN "measured_time" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "registration" ADD COLUMN "time_precision" "TimePrecision" NOT NULL DEFAULT 'TIME';

-- Existing rows. A form stored on a channel that never asks it was not an answer (TraceTool wrote NEJ
-- on every telephone row). Start and end on rows that came in a batch (imports, uploads) were not
-- measured by Spor's timer: by default no old unit measured time. Rows of a batch at 00:00:00 Danish
-- time have only a date, and so have mass registrations (dated at noon; whether one was entered by day
-- or by week was not recorded, so existing ones count as a date).
UPDATE "registration" SET "form" = NULL
 WHERE "form" IS NOT NULL AND "channel_code" IN (SELECT "code" FROM "channel" WHERE NOT "asks_form");
UPDATE "registration" SET "measured_time" = false
 WHERE "batch_id" IS NOT NULL AND ("started_at" IS NOT NULL OR "ended_at" IS NOT NULL);
UPDATE "registration" r SET "time_precision" = 'DATE'
  FROM "import_batch" b
 WHERE b."id" = r."batch_id"
   AND (b."kind" = 'MASS' OR (r."occurred_at" AT TIME ZONE 'Europe/Copenhagen')::time = '00:00:00');

-- Tidsforbrug reads the timed rollups now.
DROP INDEX "registration_timed_idx";

-- The covering task index of 20261212010000_report_task_index, with the time precision besides: the
-- «Tidspunkt» report groups by it, so a task-filtered Tidspunkt (which no rollup serves) stays an
-- index-only scan. Reads go through report_registration and filter on its recorded_task_id.
DROP INDEX "registration_report_task_idx";
CREATE INDEX "registration_report_task_idx" ON "registration" ("task_id", "municipality_id", "occurred_at")
  INCLUDE ("id", "unit_id", "channel_code", "contact_type_code", "closure_code", "form", "source", "quantity", "iso_year", "iso_week", "in_counting_week", "time_precision")
  WHERE "is_test" = false;

ALTER TABLE "report_rollup_pending" ADD COLUMN "time_precision" "TimePrecision" NOT NULL DEFAULT 'TIME';
ALTER TABLE "report_rollup_pending" ALTER COLUMN "time_precision" DROP DEFAULT;
ALTER TABLE "report_rollup_pending" ADD COLUMN "seconds" INTEGER;

ALTER TABLE "report_rollup_hours" ADD COLUMN "time_precision" "TimePrecision" NOT NULL DEFAULT 'TIME';
ALTER TABLE "report_rollup_hours" ALTER COLUMN "time_precision" DROP DEFAULT;
DROP INDEX "report_rollup_hours_key";
-- With the source it got in 20261210010000_source_facts, so the hours rollup serves source filters still.
CREATE UNIQUE INDEX "report_rollup_hours_key" ON "report_rollup_hours"("municipality_id", "iso_year", "iso_week", "in_counting_week", "unit_id", "occurred_at", "source", "time_precision") NULLS NOT DISTINCT;

-- Measured durations (whole seconds) for «Tidsforbrug», in five rollups, smallest first for the
-- navigator: nationally per channel and per task; per municipality per channel (the channel table,
-- channel and source filters) and per task (the task table, task and source filters); and one with
-- every dimension for unit and date filters. Durations repeat (a timer shows whole seconds, most
-- contacts last a few minutes), so all but the last stay small.
CREATE TABLE "report_rollup_timed_national_tasks" (
  "id" BIGSERIAL NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "task_id" UUID NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "seconds" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_timed_national_tasks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_timed_national_tasks_key" ON "report_rollup_timed_national_tasks"("iso_year", "iso_week", "in_counting_week", "task_id", "source", "seconds") NULLS NOT DISTINCT;

CREATE TABLE "report_rollup_timed_national_channels" (
  "id" BIGSERIAL NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "channel_code" TEXT NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "seconds" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_timed_national_channels_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_timed_national_channels_key" ON "report_rollup_timed_national_channels"("iso_year", "iso_week", "in_counting_week", "channel_code", "source", "seconds") NULLS NOT DISTINCT;

CREATE TABLE "report_rollup_timed_tasks" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "task_id" UUID NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "seconds" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_timed_tasks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_timed_tasks_key" ON "report_rollup_timed_tasks"("municipality_id", "iso_year", "iso_week", "in_counting_week", "task_id", "source", "seconds") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_timed_tasks_iso_year_iso_week_idx" ON "report_rollup_timed_tasks"("iso_year", "iso_week");

CREATE TABLE "report_rollup_timed_channels" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "channel_code" TEXT NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "seconds" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_timed_channels_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_timed_channels_key" ON "report_rollup_timed_channels"("municipality_id", "iso_year", "iso_week", "in_counting_week", "channel_code", "source", "seconds") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_timed_channels_iso_year_iso_week_idx" ON "report_rollup_timed_channels"("iso_year", "iso_week");

CREATE TABLE "report_rollup_timed" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "unit_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "occurred_on" DATE NOT NULL,
  "seconds" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_timed_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_rollup_timed_key" ON "report_rollup_timed"("municipality_id", "iso_year", "iso_week", "in_counting_week", "unit_id", "task_id", "channel_code", "source", "occurred_on", "seconds") NULLS NOT DISTINCT;
CREATE INDEX "report_rollup_timed_iso_year_iso_week_idx" ON "report_rollup_timed"("iso_year", "iso_week");

-- The registrations with their reporting values (test registrations left out). Keep the CASE
-- expressions equal to those in report_rollups_flush() below.
CREATE VIEW "report_registration" AS
SELECT r.id, r.municipality_id, r.unit_id,
       CASE WHEN r.contact_type_code = 'FEJL' AND NOT c.bulk THEN COALESCE(f.id, r.task_id) ELSE r.task_id END AS task_id,
       r.channel_code,
       CASE WHEN c.bulk THEN NULL WHEN r.task_id = f.id THEN 'FEJL' ELSE r.contact_type_code END AS contact_type_code,
       CASE WHEN c.bulk THEN NULL ELSE r.closure_code END AS closure_code,
       CASE WHEN c.asks_form THEN r.form END AS form,
       r.source, r.in_counting_week, r.iso_year, r.iso_week, r.occurred_at, r.time_precision, r.quantity,
       CASE WHEN r.measured_time AND r.ended_at >= r.started_at THEN round(extract(epoch FROM r.ended_at - r.started_at))::int END AS seconds,
       -- The task as registered: a task filter without Fejlhenvendelse can use registration's task index on it.
       r.task_id AS recorded_task_id
  FROM registration r
  JOIN channel c ON c.code = r.channel_code
  LEFT JOIN task f ON f.number = 'FEJL'
 WHERE NOT r.is_test;

-- The triggers append the recorded values (the flush normalises them), the time precision and the
-- measured duration in whole seconds (NULL when not measured).
CREATE OR REPLACE FUNCTION "report_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.time_precision,
         CASE WHEN n.measured_time AND n.ended_at >= n.started_at THEN round(extract(epoch FROM n.ended_at - n.started_at))::int END, n.quantity, 1
    FROM new_rows n WHERE NOT n.is_test;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, o.time_precision,
         CASE WHEN o.measured_time AND o.ended_at >= o.started_at THEN round(extract(epoch FROM o.ended_at - o.started_at))::int END, -o.quantity, -1
    FROM old_rows o WHERE NOT o.is_test;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, sum(quantity), sum(registrations)
    FROM (SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, o.time_precision,
                 CASE WHEN o.measured_time AND o.ended_at >= o.started_at THEN round(extract(epoch FROM o.ended_at - o.started_at))::int END AS seconds, -o.quantity AS quantity, -1 AS registrations
            FROM old_rows o WHERE NOT o.is_test
          UNION ALL
          SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.time_precision,
                 CASE WHEN n.measured_time AND n.ended_at >= n.started_at THEN round(extract(epoch FROM n.ended_at - n.started_at))::int END, n.quantity, 1
            FROM new_rows n WHERE NOT n.is_test) c
   GROUP BY municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds
  HAVING sum(registrations) <> 0 OR sum(quantity) <> 0;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_flush"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report_rollup_pending) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_flush'));
  WITH moved AS (DELETE FROM report_rollup_pending RETURNING *),
       -- The reporting values, as in the view report_registration.
       n AS (SELECT m.municipality_id, m.unit_id,
                    CASE WHEN m.contact_type_code = 'FEJL' AND NOT c.bulk THEN COALESCE(f.id, m.task_id) ELSE m.task_id END AS task_id,
                    m.channel_code,
                    CASE WHEN c.bulk THEN NULL WHEN m.task_id = f.id THEN 'FEJL' ELSE m.contact_type_code END AS contact_type_code,
                    CASE WHEN c.bulk THEN NULL ELSE m.closure_code END AS closure_code,
                    CASE WHEN c.asks_form THEN m.form END AS form,
                    m.source, m.in_counting_week, m.iso_year, m.iso_week, m.occurred_at, m.time_precision, m.seconds, m.quantity, m.registrations
               FROM moved m
               JOIN channel c ON c.code = m.channel_code
               LEFT JOIN task f ON f.number = 'FEJL'),
       u0 AS (INSERT INTO report_rollup_national_totals AS t (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u1 AS (INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, time_precision, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), r.source, r.time_precision, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, time_precision)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u2 AS (INSERT INTO report_rollup_totals AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u3 AS (INSERT INTO report_rollup_task_answers AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u4 AS (INSERT INTO report_rollup_national AS t (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u5 AS (INSERT INTO report_rollup_days AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u6 AS (INSERT INTO report_rollup_units AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u7 AS (INSERT INTO report_rollup_timed AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, channel_code, source, occurred_on, seconds, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.task_id, r.channel_code, r.source, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.seconds, sum(r.quantity), sum(r.registrations)
                  FROM n r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, channel_code, source, occurred_on, seconds)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u8 AS (INSERT INTO report_rollup_timed_tasks AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, source, seconds, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.source, r.seconds, sum(r.quantity), sum(r.registrations)
                  FROM n r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, source, seconds)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u9 AS (INSERT INTO report_rollup_timed_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, channel_code, source, seconds, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.source, r.seconds, sum(r.quantity), sum(r.registrations)
                  FROM n r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, channel_code, source, seconds)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u10 AS (INSERT INTO report_rollup_timed_national_tasks AS t (iso_year, iso_week, in_counting_week, task_id, source, seconds, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.source, r.seconds, sum(r.quantity), sum(r.registrations)
                  FROM n r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, task_id, source, seconds)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u11 AS (INSERT INTO report_rollup_timed_national_channels AS t (iso_year, iso_week, in_counting_week, channel_code, source, seconds, quantity, registrations)
                SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.source, r.seconds, sum(r.quantity), sum(r.registrations)
                  FROM n r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, in_counting_week, channel_code, source, seconds)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations)
  INSERT INTO report_rollup_task_channels AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.quantity), sum(r.registrations)
    FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_flush'));
  TRUNCATE report_rollup_pending, report_rollup_national_totals, report_rollup_hours, report_rollup_totals, report_rollup_task_answers, report_rollup_national, report_rollup_days, report_rollup_units, report_rollup_task_channels, report_rollup_timed, report_rollup_timed_tasks, report_rollup_timed_channels,
           report_rollup_timed_national_tasks, report_rollup_timed_national_channels;
  INSERT INTO report_rollup_national_totals (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_hours (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, time_precision, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), r.source, r.time_precision, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_totals (municipality_id, iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO report_rollup_task_answers (municipality_id, iso_year, iso_week, in_counting_week, task_id, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_national (iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO report_rollup_days (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  INSERT INTO report_rollup_units (municipality_id, iso_year, iso_week, in_counting_week, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  INSERT INTO report_rollup_task_channels (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, contact_type_code, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, r.contact_type_code, r.source, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  -- Written in key order, so one municipality's weeks lie together on disk (an index range reads few pages).
  INSERT INTO report_rollup_timed (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, channel_code, source, occurred_on, seconds, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.task_id, r.channel_code, r.source, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, r.seconds, sum(r.quantity), count(*)
    FROM report_registration r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  INSERT INTO report_rollup_timed_tasks (municipality_id, iso_year, iso_week, in_counting_week, task_id, source, seconds, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.source, r.seconds, sum(r.quantity), count(*)
    FROM report_registration r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO report_rollup_timed_channels (municipality_id, iso_year, iso_week, in_counting_week, channel_code, source, seconds, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.source, r.seconds, sum(r.quantity), count(*)
    FROM report_registration r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO report_rollup_timed_national_tasks (iso_year, iso_week, in_counting_week, task_id, source, seconds, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.source, r.seconds, sum(r.quantity), count(*)
    FROM report_registration r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6;
  INSERT INTO report_rollup_timed_national_channels (iso_year, iso_week, in_counting_week, channel_code, source, seconds, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.source, r.seconds, sum(r.quantity), count(*)
    FROM report_registration r WHERE r.seconds IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6;
END;
$$;

SELECT report_rollups_rebuild();
-- Fresh statistics for the rebuilt rollups (autovacuum would take a while on a large database).
ANALYZE report_rollup_hours, report_rollup_timed, report_rollup_timed_tasks, report_rollup_timed_channels,
           report_rollup_timed_national_tasks, report_rollup_timed_national_channels;
