import "server-only";
import { scheduleDailyJob } from "@/lib/database/daily-job";
import type { SporDatabase } from "@/lib/database/open";
import { mailConfigured } from "@/lib/users/mail";
import { sendNudgeMails } from "./nudge-mail";

// The coverage nudge mails (./nudge-mail.ts), each morning at SPOR_NUDGE_MAIL_HOUR (default 7, server
// time), on one instance a day; only when mail is configured.

export function scheduleNudgeMails(database: SporDatabase, env: NodeJS.ProcessEnv = process.env): void {
  if (!mailConfigured()) return;
  const hour = env.SPOR_NUDGE_MAIL_HOUR?.trim() ? Number(env.SPOR_NUDGE_MAIL_HOUR) : 7;
  scheduleDailyJob(database.prisma, {
    name: "coverage-nudge-mail",
    hour,
    failure: "Dækningsmailene til de enhedsansvarlige kunne ikke sendes i dag",
    run: async (now) => {
      await sendNudgeMails(database.prisma, now);
    },
  });
}
