import "server-only";
import { scheduleDailyJob } from "@/lib/database/daily-job";
import type { SporDatabase } from "@/lib/database/open";
import { log } from "@/lib/server/log.mjs";
import { purgePersonalData } from "./purge";
import { retentionSettings } from "./settings";

// The server's daily purge (./purge.ts) at SPOR_PURGE_HOUR (default 3, server time), on one instance
// a day (lib/database/daily-job.ts).

function purgeHour(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SPOR_PURGE_HOUR?.trim();
  return text ? Number(text) : 3;
}

export function schedulePurge(database: SporDatabase): void {
  const settings = retentionSettings();
  scheduleDailyJob(database.prisma, {
    name: "purge",
    hour: purgeHour(),
    failure: "Den daglige sletning af persondata fejlede; prøves igen i morgen (eller kør npx spor purge)",
    run: async (now) => {
      const result = await purgePersonalData(database.prisma, settings, { now });
      log.info({ purge: result, retention: settings }, "Persondata slettet efter opbevaringsperioden");
    },
  });
}
