-- Issue 17: a unit lead's reports by task (Selvbetjeningsgrad, KL's table, the package chapter of
-- Afrapportering) read the registrations of their units (no rollup has unit and task: it would be
-- as large as the registrations). Through registration_unit_id_occurred_at_idx that was one heap
-- fetch per registration: 1.8–2.3 s a read for a unit of 205,860 registrations at 10 million, and
-- the unit lead's Afrapportering took 6.3–7.8 s against its 5 s target. This index is to units what
-- registration_report_task_idx is to tasks: the same columns, so those reads are index-only
-- (Afrapportering 1.7–2.2 s). It costs about as much disk as that index (1.5 GB per 10 million
-- registrations) and one more index entry per registration written (docs/benchmarks.md).
CREATE INDEX "registration_report_unit_idx" ON "registration" ("unit_id", "occurred_at")
  INCLUDE ("id", "municipality_id", "task_id", "channel_code", "contact_type_code", "closure_code", "form", "source", "quantity",
           "iso_year", "iso_week", "in_counting_week", "time_precision")
  WHERE "is_test" = false;
