-- The «Ekstra spørgsmål» report read every answered registration of the municipality and period
-- (1.7 s for the largest generated municipality at 10 million registrations). This rollup holds the
-- answers counted per municipality, week, counting-week flag, Danish day, unit, channel, source,
-- question and option, so the report reads a few thousand rows whatever the number of answers.
-- Filters it cannot serve (tasks, packages) read the answered registrations through their indexes
-- (lib/reports/answers.ts).
--
-- Kept exact like the other rollups (20261122080000_report_rollups): triggers append each change to
-- report_answer_rollup_pending, report_answer_rollup_flush() folds it in before a report reads. An
-- answer belongs to a registration, so both tables' changes count:
-- - an answer inserted, deleted or changed on its own (registration screen, corrections, imports):
--   the triggers on registration_answer, with the registration's facts as they are at that moment;
-- - a registration corrected (unit, channel, week, counting-week flag, source, quantity, test flag):
--   its answers move from the old facts to the new (an AFTER UPDATE statement trigger, netted);
-- - a registration deleted: its answers are counted out by a BEFORE DELETE row trigger, while they
--   still exist. The cascade that then deletes them finds the registration gone, so the answer
--   trigger counts nothing for them (no double counting).
-- Whatever order a transaction does these in, the sum is the answers' final state (tested in
-- tests/db/report-answer-rollup.test.ts).

CREATE TABLE "report_answer_rollup" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "occurred_on" DATE NOT NULL,
  "unit_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "question_id" UUID NOT NULL,
  "option_id" UUID NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_answer_rollup_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "report_answer_rollup_key" ON "report_answer_rollup"("municipality_id", "iso_year", "iso_week", "in_counting_week", "question_id", "option_id", "occurred_on", "unit_id", "channel_code", "source");

CREATE TABLE "report_answer_rollup_pending" (
  "id" BIGSERIAL NOT NULL,
  "municipality_id" UUID NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "in_counting_week" BOOLEAN NOT NULL,
  "occurred_on" DATE NOT NULL,
  "unit_id" UUID NOT NULL,
  "channel_code" TEXT NOT NULL,
  "source" "RegistrationSource" NOT NULL,
  "question_id" UUID NOT NULL,
  "option_id" UUID NOT NULL,
  "quantity" INTEGER NOT NULL,
  "registrations" INTEGER NOT NULL,
  CONSTRAINT "report_answer_rollup_pending_pkey" PRIMARY KEY ("id")
);

-- Answers inserted (the registration exists already: it is inserted first, in the same statement
-- or transaction).
CREATE FUNCTION "report_answer_rollup_answers_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, n.question_id, n.option_id, g.quantity, 1
    FROM new_rows n JOIN registration g ON g.id = n.registration_id WHERE NOT g.is_test;
  RETURN NULL;
END;
$$;

-- Answers deleted on their own. Answers deleted with their registration find it gone here; the
-- registration's BEFORE DELETE trigger has counted them out.
CREATE FUNCTION "report_answer_rollup_answers_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, o.question_id, o.option_id, -g.quantity, -1
    FROM old_rows o JOIN registration g ON g.id = o.registration_id WHERE NOT g.is_test;
  RETURN NULL;
END;
$$;

-- An answer changed in place (another option, question or registration): out with the old, in with the new.
CREATE FUNCTION "report_answer_rollup_answers_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, c.question_id, c.option_id, c.sign * g.quantity, c.sign
    FROM (SELECT o.registration_id, o.question_id, o.option_id, -1 AS sign FROM old_rows o
          UNION ALL SELECT n.registration_id, n.question_id, n.option_id, 1 FROM new_rows n) c
    JOIN registration g ON g.id = c.registration_id WHERE NOT g.is_test;
  RETURN NULL;
END;
$$;

-- A registration corrected: its answers move from the old facts to the new; unchanged facts net to nothing.
CREATE FUNCTION "report_answer_rollup_registration_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, sum(quantity), sum(registrations)
    FROM (SELECT o.municipality_id, o.iso_year, o.iso_week, o.in_counting_week, (o.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date AS occurred_on, o.unit_id, o.channel_code, o.source,
                 a.question_id, a.option_id, -o.quantity AS quantity, -1 AS registrations
            FROM old_rows o JOIN registration_answer a ON a.registration_id = o.id WHERE NOT o.is_test
          UNION ALL
          SELECT n.municipality_id, n.iso_year, n.iso_week, n.in_counting_week, (n.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, n.unit_id, n.channel_code, n.source,
                 a.question_id, a.option_id, n.quantity, 1
            FROM new_rows n JOIN registration_answer a ON a.registration_id = n.id WHERE NOT n.is_test) c
   GROUP BY municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id
  HAVING sum(registrations) <> 0 OR sum(quantity) <> 0;
  RETURN NULL;
END;
$$;

-- A registration deleted: count its answers out while they still exist (the cascade removes them after).
CREATE FUNCTION "report_answer_rollup_registration_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT OLD.is_test THEN
    INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
    SELECT OLD.municipality_id, OLD.iso_year, OLD.iso_week, OLD.in_counting_week, (OLD.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, OLD.unit_id, OLD.channel_code, OLD.source,
           a.question_id, a.option_id, -OLD.quantity, -1
      FROM registration_answer a WHERE a.registration_id = OLD.id;
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "report_answer_rollup_answers_insert" AFTER INSERT ON "registration_answer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_answer_rollup_answers_insert"();
CREATE TRIGGER "report_answer_rollup_answers_delete" AFTER DELETE ON "registration_answer"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_answer_rollup_answers_delete"();
CREATE TRIGGER "report_answer_rollup_answers_update" AFTER UPDATE ON "registration_answer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_answer_rollup_answers_update"();
CREATE TRIGGER "report_answer_rollup_registration_update" AFTER UPDATE ON "registration"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_answer_rollup_registration_update"();
CREATE TRIGGER "report_answer_rollup_registration_delete" BEFORE DELETE ON "registration"
  FOR EACH ROW EXECUTE FUNCTION "report_answer_rollup_registration_delete"();

-- Folds the pending answers into the rollup; the reports call it before they read (with
-- report_rollups_flush()). One at a time, like report_rollups_flush().
CREATE FUNCTION "report_answer_rollup_flush"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report_answer_rollup_pending) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('report_answer_rollup_flush'));
  WITH moved AS (DELETE FROM report_answer_rollup_pending RETURNING *)
  INSERT INTO report_answer_rollup AS t (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT r.municipality_id, r.iso_year, r.iso_week, r.in_counting_week, r.occurred_on, r.unit_id, r.channel_code, r.source, r.question_id, r.option_id, sum(r.quantity), sum(r.registrations)
    FROM moved r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING sum(r.registrations) <> 0 OR sum(r.quantity) <> 0
  ON CONFLICT (municipality_id, iso_year, iso_week, in_counting_week, question_id, option_id, occurred_on, unit_id, channel_code, source)
  DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, registrations = t.registrations + EXCLUDED.registrations;
END;
$$;

-- Recomputes the rollup from the answers (after bulk loads that bypass the triggers).
CREATE FUNCTION "report_answer_rollup_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_answer_rollup_flush'));
  TRUNCATE report_answer_rollup_pending, report_answer_rollup;
  INSERT INTO report_answer_rollup (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, a.question_id, a.option_id, sum(g.quantity), count(*)
    FROM registration_answer a JOIN registration g ON g.id = a.registration_id WHERE NOT g.is_test
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
END;
$$;

SELECT report_answer_rollup_rebuild();
