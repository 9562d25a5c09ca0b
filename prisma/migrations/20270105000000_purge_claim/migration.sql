-- The server's daily purge (lib/privacy/purge-schedule.ts) runs on one instance per day: each instance
-- claims the day with an INSERT … ON CONFLICT DO NOTHING, and only the one whose row went in purges.
-- `npx spor purge` (an operator's explicit command) does not claim.
CREATE TABLE "purge_day" (
    "day" DATE NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT NOT NULL,

    CONSTRAINT "purge_day_pkey" PRIMARY KEY ("day")
);
