-- The server's daily jobs (the GDPR purge, the coverage nudge mails; lib/database/daily-job.ts) run on
-- one instance per day: each instance claims (job, day) with an INSERT … ON CONFLICT DO NOTHING, and
-- only the one whose row went in runs the job. `npx spor purge` (an operator's explicit command) does
-- not claim.
CREATE TABLE "daily_job" (
    "job" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_by" TEXT NOT NULL,

    CONSTRAINT "daily_job_pkey" PRIMARY KEY ("job", "day")
);
