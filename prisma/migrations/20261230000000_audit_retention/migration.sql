-- GDPR retention of the audit log (lib/privacy/purge.ts, docs/deployment.md "Personal data and
-- retention"). The log stays append-only for everyone; the one exception is audit_event_purge(), which
-- deletes rows older than the cutoff it is given and nothing else: the trigger lets a DELETE through
-- only for a row older than the cutoff that function set for its own statement.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cutoff text := current_setting('spor.audit_purge_before', true);
BEGIN
  IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> '' AND OLD."occurred_at" < cutoff::timestamptz THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;

CREATE FUNCTION "audit_event_purge"(cutoff timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  deleted bigint;
BEGIN
  PERFORM set_config('spor.audit_purge_before', cutoff::text, true);
  DELETE FROM "audit_event" WHERE "occurred_at" < cutoff;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('spor.audit_purge_before', '', true);
  RETURN deleted;
END;
$$;
