-- Test registrations (prøvetælling) are a handful per unit, but counting them ("test registrations
-- left" on Overblik, the units page's delete-test-registrations) read every registration of the
-- municipality: 5–12 s for the largest generated municipality at 10 million registrations on a busy
-- machine (2026-12-06). This index holds only the test rows, so those counts read a few entries.
-- Partial indexes cannot be declared in schema.prisma; tests/db/schema-drift.test.ts lists it.
CREATE INDEX "registration_test_idx" ON "registration" ("municipality_id", "unit_id") WHERE "is_test" = true;

-- The rollups' pending queues are emptied by every report's flush (DELETE), so after a large import
-- they hold up to one dead row per imported registration, and until autovacuum gets to them every
-- flush's "anything pending?" check reads them all (about 0.5 s for a million dead rows, seen on
-- Overblik at 10 million registrations). Vacuum them after a fixed number of dead rows instead of a
-- share of their (always tiny) live size, and without the cost-based pause.
ALTER TABLE "report_rollup_pending" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE "report_answer_rollup_pending" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
