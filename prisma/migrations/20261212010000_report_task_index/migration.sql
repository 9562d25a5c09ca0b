-- Report filters no rollup covers read `registration` itself (lib/reports/rollups.ts, REGISTRATIONS):
-- a task (or package) with a date range, or with a unit lead's units, and the same nationally. At
-- 10 million registrations those read every matching row from the table, one heap page each (2–4 s
-- for the largest municipality, 3.5 s nationally). This index holds every column those reads use,
-- so they are index-only scans of one task's entries: a task, then a municipality, then time; the
-- other columns carried along. `id` is there for «Ekstra spørgsmål» (joined to the answers). Test
-- registrations never count, so they are left out of it (the reads say is_test = false).
-- Partial and covering indexes cannot be declared in schema.prisma; tests/db/schema-drift.test.ts
-- lists the ones the migrations add on purpose.
CREATE INDEX "registration_report_task_idx" ON "registration" ("task_id", "municipality_id", "occurred_at")
  INCLUDE ("id", "unit_id", "channel_code", "contact_type_code", "closure_code", "form", "source", "quantity", "iso_year", "iso_week", "in_counting_week")
  WHERE "is_test" = false;
