import "server-only";
import type { SporDatabase } from "@/lib/database/open";
import { log } from "@/lib/server/log.mjs";
import { purgePersonalData } from "./purge";
import { retentionSettings } from "./settings";

// The server's daily purge (./purge.ts): checked every 10 minutes, run once a day in the hour
// SPOR_PURGE_HOUR (default 3, server time), and once shortly after start if the process starts after
// that hour without having run today. Several instances may each run it: every step is idempotent.

const CHECK_EVERY_MS = 10 * 60 * 1000;

function purgeHour(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SPOR_PURGE_HOUR?.trim();
  return text ? Number(text) : 3;
}

/** Whether the purge is due: in or after the purge hour, and not yet run today. */
export function purgeDue(now: Date, hour: number, lastRunDay: string | null): boolean {
  return now.getHours() >= hour && lastRunDay !== now.toDateString();
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
