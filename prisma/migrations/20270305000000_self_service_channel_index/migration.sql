-- Issue 16/17: the self-service figure corrects each municipality, task and week with supplied counts
-- (lib/reports/self-service-cells.ts) and needs the own self-service registrations of those cells.
-- They are the rows of the few self-service channels (about a fifth of the rollup); this index reads
-- them alone, index-only, instead of the whole rollup: with KL's vendor figures for all 98
-- municipalities at 10 million registrations, about 260 ms instead of 760–1,300 ms a read on a busy
-- machine (docs/benchmarks.md). Every column is a key column (not INCLUDE) so schema.prisma can state it.
CREATE INDEX "report_rollup_task_channels_channel_idx" ON "report_rollup_task_channels"
  ("channel_code", "iso_year", "iso_week", "municipality_id", "task_id", "in_counting_week", "contact_type_code", "source", "quantity", "registrations");
