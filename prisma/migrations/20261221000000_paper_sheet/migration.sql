-- The paper round trip (issue 14): a filled-in tally sheet keyed in through "Indtast skema" becomes
-- one batch whose registrations carry their own source, so reports can filter paper counts and an
-- export tells them apart (docs/method.md, "Datakilde"). Enum values are only appended.
ALTER TYPE "RegistrationSource" ADD VALUE 'PAPER_SHEET';
ALTER TYPE "BatchKind" ADD VALUE 'PAPER_SHEET';
