-- Rows of a file import on their way into "registration" (lib/exchange/insert-rows.ts, stageRegistrations).
-- The import worker writes a planned file here on its own connection, before the import's
-- transaction opens; the transaction then moves the rows into "registration" with INSERT … SELECT
-- (resolving the units and tasks it created and each row's counting-week flag) and the staged rows
-- are deleted. Nothing here is a registration: a failed import leaves only staging rows, which are
-- deleted at once or, after a crash, by the next import (older than a day). Unlogged: it holds nothing
-- that must survive a crash, and writing it costs no WAL.
CREATE UNLOGGED TABLE "import_staging" (
  "staging_id" UUID NOT NULL,
  "seq" INTEGER NOT NULL,
  "id" UUID NOT NULL,
  "unit_id" UUID,
  "new_unit" TEXT,
  "task_id" UUID,
  "task_number" TEXT NOT NULL,
  "channel_code" TEXT NOT NULL,
  "contact_type_code" TEXT,
  "closure_code" TEXT,
  "form" BOOLEAN,
  "quantity" INTEGER NOT NULL,
  "occurred_at" TIMESTAMPTZ(3) NOT NULL,
  "iso_year" INTEGER NOT NULL,
  "iso_week" INTEGER NOT NULL,
  "started_at" TIMESTAMPTZ(3),
  "ended_at" TIMESTAMPTZ(3),
  "measured_time" BOOLEAN NOT NULL,
  "time_precision" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "file_line" INTEGER,
  -- The UTC hour (hours since 1970), by which the counting-week flag is decided (lib/counting/in-counting-week.ts).
  "utc_hour" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "import_staging_pkey" PRIMARY KEY ("staging_id", "seq")
);
