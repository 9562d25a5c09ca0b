import "server-only";
import os from "node:os";
import type { SporDatabase } from "@/lib/database/open";
import { log } from "@/lib/server/log.mjs";
import { claimPurgeDay, purgePersonalData } from "./purge";
import { retentionSettings } from "./settings";

// The server's daily purge (./purge.ts): checked every 10 minutes, run once a day in the hour
// SPOR_PURGE_HOUR (default 3, server time), and once shortly after start if the process starts after
// that hour without having run today. With several instances on one database, each claims the day first
// (claimPurgeDay) and only the one that got it purges, so the audit log holds one purge a day; if that
// instance fails midway, the next day's purge catches up (every step is idempotent).

const CHECK_EVERY_MS = 10 * 60 * 1000;

function purgeHour(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SPOR_PURGE_HOUR?.trim();
  return text ? Number(text) : 3;
}

/** Whether the purge is due: in or after the purge hour, and not yet run today. */
export function purgeDue(now: Date, hour: number, lastRunDay: string | null): boolean {
  return now.getHours() >= hour && lastRunDay !== now.toDateString();
}

/** The server's local date as YYYY-MM-DD (the day the purge hour refers to). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function schedulePurge(database: SporDatabase): void {
  const settings = retentionSettings();
  const hour = purgeHour();
  let lastRunDay: string | null = null;
  let running = false;
  const tick = async () => {
    const now = new Date();
    if (running || !purgeDue(now, hour, lastRunDay)) return;
    running = true;
    lastRunDay = now.toDateString();
    try {
      if (!(await claimPurgeDay(database.prisma, localDay(now), `${os.hostname()}:${process.pid}`))) {
        log.info({ day: localDay(now) }, "Dagens sletning af persondata køres af en anden instans");
        return;
      }
      const result = await purgePersonalData(database.prisma, settings, { now });
      log.info({ purge: result, retention: settings }, "Persondata slettet efter opbevaringsperioden");
    } catch (error) {
      log.error({ err: error }, "Den daglige sletning af persondata fejlede; prøves igen i morgen (eller kør npx spor purge)");
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), 60_000).unref();
  setInterval(() => void tick(), CHECK_EVERY_MS).unref();
}
