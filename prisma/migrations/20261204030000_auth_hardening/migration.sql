-- Sign-in hardening (docs/security.md: "Login og adgangskoder", "Sessioner", "Revision (audit)").

-- 1. The hot path's session check also enforces the absolute session lifetime (SPOR_SESSION_MAX_HOURS,
--    passed in by lib/auth/session-token.ts): a session older than that is dead however recently it
--    was used. Replaces session_user_id(TEXT) from 20261122060000_registration_hot_path.
DROP FUNCTION session_user_id(TEXT);
CREATE FUNCTION session_user_id(p_token TEXT, p_max_age_seconds INTEGER) RETURNS TEXT LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_user TEXT;
BEGIN
  SELECT s.user_id INTO v_user
    FROM "session" s JOIN "user" u ON u.id = s.user_id
   WHERE s.token = p_token
     AND s.expires_at > now()
     AND s.created_at > now() - make_interval(secs => p_max_age_seconds)
     AND u.deactivated_at IS NULL;
  RETURN v_user;
END;
$$;

-- 2. The sign-in throttle reserves an attempt atomically (lib/auth/throttle.ts). p_rules is a JSON
--    array of {"key": text, "limit": integer or null, "reset": boolean}. Under an advisory lock per
--    key (taken in key order, so two callers cannot deadlock) it counts each key's failures in the
--    window (since the key's last success when "reset"), and either returns {"blocked": key} for the
--    first key at its limit, or inserts one row per key, provisionally failed, and returns their ids.
--    The caller marks them succeeded when the password was right. Parallel attempts therefore queue
--    on the lock and each sees the ones before it: no more than `limit` password checks get through.
CREATE FUNCTION login_attempt_reserve(p_rules JSONB, p_window_seconds INTEGER) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
  v_since TIMESTAMPTZ;
  v_last_success TIMESTAMPTZ;
  v_failures INTEGER;
  v_ids JSONB;
BEGIN
  FOR r IN SELECT DISTINCT x.key FROM jsonb_to_recordset(p_rules) AS x(key TEXT) ORDER BY x.key LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('spor.login_attempt:' || r.key, 0));
  END LOOP;
  FOR r IN SELECT x.key, x."limit", x.reset FROM jsonb_to_recordset(p_rules) AS x(key TEXT, "limit" INTEGER, reset BOOLEAN) LOOP
    CONTINUE WHEN r."limit" IS NULL;
    v_since := clock_timestamp() - make_interval(secs => p_window_seconds);
    IF r.reset THEN
      SELECT max(a.attempted_at) INTO v_last_success FROM login_attempt a
       WHERE a.key = r.key AND a.succeeded AND a.attempted_at > v_since;
      IF v_last_success IS NOT NULL THEN v_since := v_last_success; END IF;
    END IF;
    SELECT count(*) INTO v_failures FROM login_attempt a
     WHERE a.key = r.key AND NOT a.succeeded AND a.attempted_at > v_since;
    IF v_failures >= r."limit" THEN
      RETURN jsonb_build_object('blocked', r.key);
    END IF;
  END LOOP;
  WITH inserted AS (
    INSERT INTO login_attempt (key, succeeded, attempted_at)
    SELECT x.key, false, clock_timestamp() FROM jsonb_to_recordset(p_rules) AS x(key TEXT)
    RETURNING id
  )
  SELECT coalesce(jsonb_agg(id::text), '[]'::jsonb) INTO v_ids FROM inserted;
  RETURN jsonb_build_object('ids', v_ids);
END;
$$;

-- 3. The audit log refuses TRUNCATE as well as UPDATE and DELETE (a statement-level trigger: TRUNCATE
--    fires no row triggers). audit_event_append_only() is the init migration's function.
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
