-- The "Tidsforbrug" report reads timed registrations (start and end set) directly: no rollup holds
-- start and end. They are a small share of all registrations, so a partial index keeps the report
-- from scanning the whole table. Partial indexes cannot be declared in schema.prisma;
-- tests/db/schema-drift.test.ts lists the ones the migrations add.
CREATE INDEX "registration_timed_idx" ON "registration" ("municipality_id", "occurred_at")
  WHERE "started_at" IS NOT NULL AND "is_test" = false;
