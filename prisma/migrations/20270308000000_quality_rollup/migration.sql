-- Issue 16: «Datakvalitet» judged each unit's shares (Fejlhenvendelser, closed at once, one task over
-- half, tasks outside the package) from the registrations themselves: 8.6 s for municipality 801
-- (1.2 million registrations) and 146 s for KL's summary of 98 municipalities at 10 million. This rollup
-- holds what those rules need per municipality, week, counting-week flag, unit, task and closure, with
-- the reporting values (report_registration: test registrations and hand-offs left out, Fejlhenvendelse
-- one way, so a fejlhenvendelse is its task): one municipality's round is a few thousand rows. Kept exact
-- by report_rollups_flush like the others, rebuilt by report_rollups_rebuild, filled here once.
CREATE TABLE "report_rollup_unit_tasks" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "unit_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "closure_code" TEXT,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_rollup_unit_tasks_pkey" PRIMARY KEY ("id")
);
-- The key leads with the weeks, then the municipality: one municipality's round lies together.
CREATE UNIQUE INDEX "report_rollup_unit_tasks_key" ON "report_rollup_unit_tasks"("iso_year", "iso_week", "municipality_id", "in_counting_week", "unit_id", "task_id", "closure_code") NULLS NOT DISTINCT;

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
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u12 AS (INSERT INTO report_rollup_self_service AS t (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, sum(r.quantity), sum(r.registrations)
                  FROM n r JOIN channel c ON c.code = r.channel_code
                 WHERE c.self_service AND c.direction = 'IN' AND (r.contact_type_code IN ('OPRET', 'STATUS') OR r.contact_type_code IS NULL)
                 GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code)
                DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations),
       u13 AS (INSERT INTO report_rollup_unit_tasks AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, closure_code, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.task_id, r.closure_code, sum(r.quantity), sum(r.registrations)
                  FROM n r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (iso_year, iso_week, municipality_id, in_counting_week, unit_id, task_id, closure_code)
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
           report_rollup_timed_national_tasks, report_rollup_timed_national_channels, report_rollup_self_service, report_rollup_unit_tasks;
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
  INSERT INTO report_rollup_self_service (municipality_id, iso_year, iso_week, in_counting_week, task_id, channel_code, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.task_id, r.channel_code, sum(r.quantity), count(*)
    FROM report_registration r JOIN channel c ON c.code = r.channel_code
   WHERE c.self_service AND c.direction = 'IN' AND (r.contact_type_code IN ('OPRET', 'STATUS') OR r.contact_type_code IS NULL)
   GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_rollup_unit_tasks (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, closure_code, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.task_id, r.closure_code, sum(r.quantity), count(*)
    FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3, 1, 4, 5, 6, 7;
END;
$$;

INSERT INTO report_rollup_unit_tasks (municipality_id, iso_year, iso_week, in_counting_week, unit_id, task_id, closure_code, quantity, registrations)
SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, r.task_id, r.closure_code, sum(r.quantity), count(*)
  FROM report_registration r GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3, 1, 4, 5, 6, 7;
-- «Forms on channels that rarely carry them» reads the answered form question on a few channels per
-- unit: without this index that is every report_rollup_units row of the round (580 ms for KL's summary
-- of 98 municipalities at 10 M). Partial: only rows with the form question answered.
CREATE INDEX "report_rollup_units_form_idx" ON "report_rollup_units"("iso_year", "iso_week", "channel_code", "municipality_id") WHERE "form" IS NOT NULL;

-- Statistics at once: without them the planner takes the new table for empty and loops over it.
ANALYZE "report_rollup_unit_tasks";
