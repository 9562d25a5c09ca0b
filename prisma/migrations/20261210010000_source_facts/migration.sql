-- The source of every registration, part 2 (part 1 added the enum values), and what imports need
-- to tell the truth (issue 12).
--
-- 1. Backfill. Registrations made on the registration screen were all stored as MANUAL. Those made
--    with a unit's shared login can be recovered: their user is of kind UNIT_LOGIN. Where the user
--    has since been deleted (user_id set to NULL), the login cannot be told, and the row stays
--    MANUAL. Rows imported from old raw exports before this migration stay LEGACY_IMPORT: the
--    importer dropped their Datakilde column, so TraceTool and Det Digitale Landkort cannot be told
--    apart (guessing from 00:00 times or an empty unit would be wrong for some rows). The legacy
--    export writes an empty Datakilde for them; undoing the batch and importing the file again
--    stores each row's source. See docs/method.md.
-- 2. registration.file_line: the imported file's line, so an export keeps the file's order for rows
--    with the same time. Unknown for rows imported before (null).
-- 3. import_batch.content_hash: the same file's rows are refused a second time unless confirmed.
-- 4. The registration endpoint's functions: registration_facts() no longer decides the counting-week
--    flag (lib/counting/in-counting-week.ts does, for every write path, on the Copenhagen date); it
--    returns the municipality's counting weeks and local periods instead, and whether the user is a
--    shared unit login. insert_manual_registration() takes the source.
-- 5. report_rollup_hours gets the source, so the «Tidspunkt» and participation reports stay on a
--    rollup when filtered by source.

-- 1. Fold what is pending with the old definitions, before the hours rollup changes shape.
SELECT report_rollups_flush();

-- 2, 3.
ALTER TABLE "registration" ADD COLUMN "file_line" INTEGER;
ALTER TABLE "import_batch" ADD COLUMN "content_hash" TEXT;
CREATE INDEX "import_batch_municipality_id_content_hash_idx" ON "import_batch"("municipality_id", "content_hash");

-- 5. The hours rollup with the source: emptied, reshaped, and refilled below.
DROP INDEX "report_rollup_hours_key";
TRUNCATE "report_rollup_hours";
ALTER TABLE "report_rollup_hours" ADD COLUMN "source" "RegistrationSource" NOT NULL;
CREATE UNIQUE INDEX "report_rollup_hours_key" ON "report_rollup_hours"("municipality_id", "iso_year", "iso_week", "in_counting_week", "unit_id", "occurred_at", "source") NULLS NOT DISTINCT;

-- report_rollups_flush() and report_rollups_rebuild() as in 20261122080000_report_rollups, with the
-- source in the hours rollup (u1 and its rebuild); the other rollups are unchanged.
CREATE OR REPLACE FUNCTION "report_rollups_flush"() RETURNS void LANGUAGE plpgsql AS $$
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
       u1 AS (INSERT INTO report_rollup_hours AS t (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, quantity, registrations)
                SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), r.source, sum(r.quantity), sum(r.registrations)
                  FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
                ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source)
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

CREATE OR REPLACE FUNCTION "report_rollups_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_flush'));
  TRUNCATE report_rollup_pending, report_rollup_national_totals, report_rollup_hours, report_rollup_totals, report_rollup_task_answers, report_rollup_national, report_rollup_days, report_rollup_units, report_rollup_task_channels;
  INSERT INTO report_rollup_national_totals (iso_year, iso_week, in_counting_week, channel_code, contact_type_code, closure_code, form, source, quantity, registrations)
  SELECT r.iso_year, r.iso_week, r.in_counting_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO report_rollup_hours (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), r.source, sum(r.quantity), count(*)
    FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7;
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


INSERT INTO report_rollup_hours (municipality_id, iso_year, iso_week, in_counting_week, unit_id, occurred_at, source, quantity, registrations)
SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.unit_id, date_trunc('hour', r.occurred_at), r.source, sum(r.quantity), count(*)
  FROM registration r WHERE NOT r.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- 1. The backfill (after the rollups know the source: the update trigger moves the counts).
UPDATE "registration" r SET "source" = 'UNIT_LOGIN'
  FROM "user" u
 WHERE u.id = r.user_id AND u.kind = 'UNIT_LOGIN' AND r.source = 'MANUAL';

-- 4. The registration endpoint.
DROP FUNCTION registration_facts(TEXT, UUID, TEXT, UUID, TEXT, TEXT, INTEGER, INTEGER, DATE);
CREATE FUNCTION registration_facts(p_user TEXT, p_unit UUID, p_channel TEXT, p_task UUID, p_type TEXT, p_closure TEXT)
RETURNS TABLE (unit_id UUID, municipality_id UUID, test_mode BOOLEAN, time_measurement BOOLEAN, channel_enabled BOOLEAN, asks_form BOOLEAN,
  task_allowed BOOLEAN, task_number TEXT, type_exists BOOLEAN, closure_exists BOOLEAN, has_questions BOOLEAN, unit_login BOOLEAN,
  counting_weeks INTEGER[], period_starts TEXT[], period_ends TEXT[])
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT u.id, u.municipality_id, u.test_mode, u.time_measurement,
    EXISTS (SELECT 1 FROM unit_channel uc WHERE uc.unit_id = u.id AND uc.channel_code = p_channel),
    (SELECT c.asks_form FROM channel c WHERE c.code = p_channel),
    EXISTS (SELECT 1 FROM unit_task ut WHERE ut.unit_id = u.id AND ut.task_id = p_task),
    (SELECT t.number FROM task t WHERE t.id = p_task),
    EXISTS (SELECT 1 FROM contact_type ct WHERE ct.code = p_type),
    EXISTS (SELECT 1 FROM closure cl WHERE cl.code = p_closure),
    EXISTS (SELECT 1 FROM extra_question_unit q JOIN extra_question e ON e.id = q.question_id WHERE q.unit_id = u.id AND e.archived_at IS NULL),
    COALESCE((SELECT us.kind = 'UNIT_LOGIN' FROM "user" us WHERE us.id = p_user), false),
    ARRAY(SELECT w.iso_year * 100 + w.iso_week FROM municipality_counting_week w WHERE w.municipality_id = u.municipality_id),
    ARRAY(SELECT to_char(l.starts_on, 'YYYY-MM-DD') FROM local_counting_period l WHERE l.municipality_id = u.municipality_id ORDER BY l.id),
    ARRAY(SELECT to_char(l.ends_on, 'YYYY-MM-DD') FROM local_counting_period l WHERE l.municipality_id = u.municipality_id ORDER BY l.id)
  FROM unit u
  WHERE u.id = p_unit AND u.archived_at IS NULL
    AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p_user AND m.unit_id = u.id AND m.municipality_id = u.municipality_id AND m.role IN ('REGISTRANT', 'UNIT_LEAD'));
END;
$$;

DROP FUNCTION insert_manual_registration(UUID, UUID, UUID, TEXT, UUID, TEXT, TEXT, TEXT, BOOLEAN, TIMESTAMPTZ, INTEGER, INTEGER, TIMESTAMPTZ,
  TIMESTAMPTZ, BOOLEAN, BOOLEAN, UUID[], UUID[]);
-- Inserts one registration from the registration screen with its answers, or nothing if the id
-- exists. Returns true if inserted. p_source: MANUAL (personal account) or UNIT_LOGIN.
CREATE FUNCTION insert_manual_registration(
  p_id UUID, p_municipality UUID, p_unit UUID, p_user TEXT, p_task UUID, p_channel TEXT, p_type TEXT, p_closure TEXT,
  p_form BOOLEAN, p_occurred_at TIMESTAMPTZ, p_iso_year INTEGER, p_iso_week INTEGER, p_started_at TIMESTAMPTZ,
  p_ended_at TIMESTAMPTZ, p_is_test BOOLEAN, p_in_counting_week BOOLEAN, p_questions UUID[], p_options UUID[], p_source "RegistrationSource"
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  v_inserted INTEGER;
BEGIN
  INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code, closure_code,
    form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, is_test, in_counting_week, created_at, updated_at)
  VALUES (p_id, p_municipality, p_unit, p_user, p_task, p_channel, p_type, p_closure, p_form, 1, p_occurred_at, p_iso_year,
    p_iso_week, p_started_at, p_ended_at, p_source, p_is_test, p_in_counting_week, now(), now())
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted = 1 AND cardinality(p_questions) > 0 THEN
    INSERT INTO registration_answer (registration_id, question_id, option_id)
    SELECT p_id, q, o FROM unnest(p_questions, p_options) AS a(q, o);
  END IF;
  RETURN v_inserted = 1;
END;
$$;
