-- The approval freeze (20270102000000_coverage_approval) as statement triggers instead of a row
-- trigger: the same rule (a non-test registration in an ISO week of a round its municipality
-- approved is refused with SQLSTATE SP0AP), checked once per statement over its transition tables.
-- The row trigger ran a PL/pgSQL call and a query for every row: about a third of the time an
-- import of 200,000 rows spent in its transaction (docs/benchmarks.md, "Uploads under load"), and
-- on the embedded database every other request waits for that transaction.
DROP TRIGGER registration_approved_frozen ON registration;
DROP FUNCTION refuse_approved_registration();

-- Each query names only the transition tables its event has (an INSERT has no old_rows, a DELETE
-- no new_rows), so the checks are nested under TG_OP rather than combined with it.
CREATE FUNCTION refuse_approved_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM round_approval) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (
      SELECT 1 FROM new_rows n JOIN approved_week w ON w.municipality_id = n.municipality_id AND w.week_key = n.iso_year * 100 + n.iso_week
      WHERE NOT n.is_test
    ) THEN
      RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
    END IF;
  END IF;
  -- An UPDATE that moves a registration into an approved round is caught above (its new row); one
  -- that moves it out of one is caught here (its old row, whose week or municipality changed).
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN approved_week w ON w.municipality_id = o.municipality_id AND w.week_key = o.iso_year * 100 + o.iso_week
      WHERE NOT o.is_test AND (o.iso_year, o.iso_week, o.municipality_id) IS DISTINCT FROM (n.iso_year, n.iso_week, n.municipality_id)
    ) THEN
      RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (
      SELECT 1 FROM old_rows o JOIN approved_week w ON w.municipality_id = o.municipality_id AND w.week_key = o.iso_year * 100 + o.iso_week
      WHERE NOT o.is_test
    ) THEN
      RAISE EXCEPTION 'registration in an approved round' USING ERRCODE = 'SP0AP';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER registration_approved_frozen_insert AFTER INSERT ON registration
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_approved_registrations();
CREATE TRIGGER registration_approved_frozen_update AFTER UPDATE ON registration
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_approved_registrations();
CREATE TRIGGER registration_approved_frozen_delete AFTER DELETE ON registration
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_approved_registrations();
