-- Every registration keeps where it came from (issue 12, docs/method.md "Datakilde"): besides the
-- registration screen (MANUAL), mass registration, upload, API and old data of unknown origin
-- (LEGACY_IMPORT), Spor now tells apart the shared unit login and the two sources of an old raw
-- export, written in its Datakilde column. New enum values cannot be used in the transaction that
-- adds them, so the backfill and everything using them is the next migration.
ALTER TYPE "RegistrationSource" ADD VALUE 'UNIT_LOGIN';
ALTER TYPE "RegistrationSource" ADD VALUE 'LEGACY_TRACETOOL';
ALTER TYPE "RegistrationSource" ADD VALUE 'LEGACY_LANDKORT';
