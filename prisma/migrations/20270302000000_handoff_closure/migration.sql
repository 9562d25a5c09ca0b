-- A contact handed on to another unit ("stillet videre", docs/method.md "Hand-offs and several
-- tasks"): the closure code VIDERE. The contact is counted once, by the unit that closes it, so a
-- registration with VIDERE is kept (and exported as registered) but is in no report figure: the view
-- report_registration, the report rollups' triggers and the answer rollup's triggers leave it out as
-- they leave out test registrations. Existing rows have no VIDERE, so no rollup changes.

INSERT INTO "closure" ("code", "label", "sort_order") VALUES ('VIDERE', 'Stillet videre til anden enhed', 30)
ON CONFLICT ("code") DO NOTHING;

-- As in 20261215000000_method_bases, with the hand-off left out.
CREATE OR REPLACE VIEW "report_registration" AS
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
 WHERE NOT r.is_test AND r.closure_code IS DISTINCT FROM 'VIDERE';

-- The triggers append the recorded values (the flush normalises them), the time precision and the
-- measured duration in whole seconds (NULL when not measured).
CREATE OR REPLACE FUNCTION "report_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.time_precision,
         CASE WHEN n.measured_time AND n.ended_at >= n.started_at THEN round(extract(epoch FROM n.ended_at - n.started_at))::int END, n.quantity, 1
    FROM new_rows n WHERE NOT n.is_test AND n.closure_code IS DISTINCT FROM 'VIDERE';
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, o.time_precision,
         CASE WHEN o.measured_time AND o.ended_at >= o.started_at THEN round(extract(epoch FROM o.ended_at - o.started_at))::int END, -o.quantity, -1
    FROM old_rows o WHERE NOT o.is_test AND o.closure_code IS DISTINCT FROM 'VIDERE';
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "report_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_pending (municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, quantity, registrations)
  SELECT municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds, sum(quantity), sum(registrations)
    FROM (SELECT o.municipality_id, o.unit_id, o.task_id, o.channel_code, o.contact_type_code, o.closure_code, o.form, o.source, o.in_counting_week, o.iso_year, o.iso_week, o.occurred_at, o.time_precision,
                 CASE WHEN o.measured_time AND o.ended_at >= o.started_at THEN round(extract(epoch FROM o.ended_at - o.started_at))::int END AS seconds, -o.quantity AS quantity, -1 AS registrations
            FROM old_rows o WHERE NOT o.is_test AND o.closure_code IS DISTINCT FROM 'VIDERE'
          UNION ALL
          SELECT n.municipality_id, n.unit_id, n.task_id, n.channel_code, n.contact_type_code, n.closure_code, n.form, n.source, n.in_counting_week, n.iso_year, n.iso_week, n.occurred_at, n.time_precision,
                 CASE WHEN n.measured_time AND n.ended_at >= n.started_at THEN round(extract(epoch FROM n.ended_at - n.started_at))::int END, n.quantity, 1
            FROM new_rows n WHERE NOT n.is_test AND n.closure_code IS DISTINCT FROM 'VIDERE') c
   GROUP BY municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, source, in_counting_week, iso_year, iso_week, occurred_at, time_precision, seconds
  HAVING sum(registrations) <> 0 OR sum(quantity) <> 0;
  RETURN NULL;
END;
$$;

-- As in 20261212000000_report_answer_rollup, with the hand-off left out.
CREATE OR REPLACE FUNCTION "report_answer_rollup_answers_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, n.question_id, n.option_id, g.quantity, 1
    FROM new_rows n JOIN registration g ON g.id = n.registration_id WHERE NOT g.is_test AND g.closure_code IS DISTINCT FROM 'VIDERE';
  RETURN NULL;
END;
$$;

-- Answers deleted on their own. Answers deleted with their registration find it gone here; the
-- registration's BEFORE DELETE trigger has counted them out.
CREATE OR REPLACE FUNCTION "report_answer_rollup_answers_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, o.question_id, o.option_id, -g.quantity, -1
    FROM old_rows o JOIN registration g ON g.id = o.registration_id WHERE NOT g.is_test AND g.closure_code IS DISTINCT FROM 'VIDERE';
  RETURN NULL;
END;
$$;

-- An answer changed in place (another option, question or registration): out with the old, in with the new.
CREATE OR REPLACE FUNCTION "report_answer_rollup_answers_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT g.municipality_id, g.iso_year, g.iso_week, g.in_counting_week, (g.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, g.unit_id, g.channel_code, g.source, c.question_id, c.option_id, c.sign * g.quantity, c.sign
    FROM (SELECT o.registration_id, o.question_id, o.option_id, -1 AS sign FROM old_rows o
          UNION ALL SELECT n.registration_id, n.question_id, n.option_id, 1 FROM new_rows n) c
    JOIN registration g ON g.id = c.registration_id WHERE NOT g.is_test AND g.closure_code IS DISTINCT FROM 'VIDERE';
  RETURN NULL;
END;
$$;

-- A registration corrected: its answers move from the old facts to the new; unchanged facts net to nothing.
CREATE OR REPLACE FUNCTION "report_answer_rollup_registration_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
  SELECT municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, sum(quantity), sum(registrations)
    FROM (SELECT o.municipality_id, o.iso_year, o.iso_week, o.in_counting_week, (o.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date AS occurred_on, o.unit_id, o.channel_code, o.source,
                 a.question_id, a.option_id, -o.quantity AS quantity, -1 AS registrations
            FROM old_rows o JOIN registration_answer a ON a.registration_id = o.id WHERE NOT o.is_test AND o.closure_code IS DISTINCT FROM 'VIDERE'
          UNION ALL
          SELECT n.municipality_id, n.iso_year, n.iso_week, n.in_counting_week, (n.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, n.unit_id, n.channel_code, n.source,
                 a.question_id, a.option_id, n.quantity, 1
            FROM new_rows n JOIN registration_answer a ON a.registration_id = n.id WHERE NOT n.is_test AND n.closure_code IS DISTINCT FROM 'VIDERE') c
   GROUP BY municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id
  HAVING sum(registrations) <> 0 OR sum(quantity) <> 0;
  RETURN NULL;
END;
$$;

-- A registration deleted: count its answers out while they still exist (the cascade removes them after).
CREATE OR REPLACE FUNCTION "report_answer_rollup_registration_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT OLD.is_test AND OLD.closure_code IS DISTINCT FROM 'VIDERE' THEN
    INSERT INTO report_answer_rollup_pending (municipality_id, iso_year, iso_week, in_counting_week, occurred_on, unit_id, channel_code, source, question_id, option_id, quantity, registrations)
    SELECT OLD.municipality_id, OLD.iso_year, OLD.iso_week, OLD.in_counting_week, (OLD.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date, OLD.unit_id, OLD.channel_code, OLD.source,
           a.question_id, a.option_id, -OLD.quantity, -1
      FROM registration_answer a WHERE a.registration_id = OLD.id;
  END IF;
  RETURN OLD;
END;
$$;
