import "server-only";
import os from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/server/log.mjs";

// The server's daily jobs (the GDPR purge, the coverage nudge mails): checked every 10 minutes, run
// once a day from a given hour (server time), and once shortly after start if the process starts
// after that hour without having run today. With several instances on one database each claims the
// job's day first (table daily_job) and only the one that got it runs the job; if it fails midway,
// the next day's run catches up (the jobs are idempotent or harmless to skip).

const CHECK_EVERY_MS = 10 * 60 * 1000;

/** Whether a daily job is due: in or after its hour, and not yet run today. */
export function dailyJobDue(now: Date, hour: number, lastRunDay: string | null): boolean {
  return now.getHours() >= hour && lastRunDay !== now.toDateString();
}

/** The server's local date as YYYY-MM-DD (the day a job's hour refers to). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Claims `job` for `day` (YYYY-MM-DD): true for exactly one caller per job and day, however many instances ask at once. */
export async function claimDailyJob(prisma: PrismaClient, job: string, day: string, instance: string): Promise<boolean> {
  const inserted =
    await prisma.$executeRaw`INSERT INTO daily_job (job, day, claimed_by) VALUES (${job}, ${day}::date, ${instance}) ON CONFLICT (job, day) DO NOTHING`;
  return inserted === 1;
}

/** Runs `run` once a day from `hour` on one instance; its failures are logged, never thrown. */
export function scheduleDailyJob(
  prisma: PrismaClient,
  job: { name: string; hour: number; failure: string; run: (now: Date) => Promise<void> },
) {
  let lastRunDay: string | null = null;
  let running = false;
  const tick = async () => {
    const now = new Date();
    if (running || !dailyJobDue(now, job.hour, lastRunDay)) return;
    running = true;
    lastRunDay = now.toDateString();
    try {
      if (!(await claimDailyJob(prisma, job.name, localDay(now), `${os.hostname()}:${process.pid}`))) {
        log.info({ job: job.name, day: localDay(now) }, "Dagens kørsel tages af en anden instans");
        return;
      }
      await job.run(now);
    } catch (error) {
      log.error({ err: error, job: job.name }, job.failure);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), 60_000).unref();
  setInterval(() => void tick(), CHECK_EVERY_MS).unref();
}
