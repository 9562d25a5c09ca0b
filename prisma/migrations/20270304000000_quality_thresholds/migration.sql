-- Datakvalitet's thresholds a coordinator may set for the municipality (issue 16), in whole percent.
-- NULL keeps the method's default (lib/quality/rules.ts QUALITY_THRESHOLDS), so a changed default
-- reaches every municipality that never set its own.
ALTER TABLE "municipality" ADD COLUMN "quality_fejl_share" INTEGER;
ALTER TABLE "municipality" ADD COLUMN "quality_straks_share" INTEGER;
ALTER TABLE "municipality" ADD COLUMN "quality_one_task_share" INTEGER;
ALTER TABLE "municipality" ADD COLUMN "quality_rare_form_share" INTEGER;
