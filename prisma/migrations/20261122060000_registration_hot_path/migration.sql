-- The rest of the registration endpoint's SQL as functions, for the same reason as registration_facts():
-- PL/pgSQL keeps their plans between calls, which matters most on the embedded database.

-- The user of a live session of an active user, or NULL (the cookie's signature is checked in the app).
CREATE FUNCTION session_user_id(p_token TEXT) RETURNS TEXT LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_user TEXT;
BEGIN
  SELECT s.user_id INTO v_user
    FROM "session" s JOIN "user" u ON u.id = s.user_id
   WHERE s.token = p_token AND s.expires_at > now() AND u.deactivated_at IS NULL;
  RETURN v_user;
END;
$$;

-- Inserts one manual registration with its answers, or nothing if the id exists. Returns true if inserted.
CREATE FUNCTION insert_manual_registration(
  p_id UUID, p_municipality UUID, p_unit UUID, p_user TEXT, p_task UUID, p_channel TEXT, p_type TEXT, p_closure TEXT,
  p_form BOOLEAN, p_occurred_at TIMESTAMPTZ, p_iso_year INTEGER, p_iso_week INTEGER, p_started_at TIMESTAMPTZ,
  p_ended_at TIMESTAMPTZ, p_is_test BOOLEAN, p_in_counting_week BOOLEAN, p_questions UUID[], p_options UUID[]
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  v_inserted INTEGER;
BEGIN
  INSERT INTO registration (id, municipality_id, unit_id, user_id, task_id, channel_code, contact_type_code, closure_code,
    form, quantity, occurred_at, iso_year, iso_week, started_at, ended_at, source, is_test, in_counting_week, created_at, updated_at)
  VALUES (p_id, p_municipality, p_unit, p_user, p_task, p_channel, p_type, p_closure, p_form, 1, p_occurred_at, p_iso_year,
    p_iso_week, p_started_at, p_ended_at, 'MANUAL', p_is_test, p_in_counting_week, now(), now())
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_inserted = ROW_COUNT;
  IF v_inserted = 1 AND cardinality(p_questions) > 0 THEN
    INSERT INTO registration_answer (registration_id, question_id, option_id)
    SELECT p_id, q, o FROM unnest(p_questions, p_options) AS a(q, o);
  END IF;
  RETURN v_inserted = 1;
END;
$$;
