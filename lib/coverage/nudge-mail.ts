import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { baseUrl } from "@/lib/http/base-url";
import { log } from "@/lib/server/log.mjs";
import { mailConfigured, sendMail } from "@/lib/users/mail";
import { danishDay, dayBefore } from "./danish-day";
import { yesterdayNudges } from "./nudge";

// The coverage nudge by mail (issue 16, docs/coordinators.md "Dækning"): where mail is configured
// (SPOR_SMTP_URL), each morning the leads of every unit whose registrations yesterday were below the
// municipality's coverage threshold get the same sentences the registration screen's banner shows.
// Only units with their own reference counts for yesterday, only active personal users who lead the
// unit; nothing about citizens, no figures beyond the unit's own.

interface NudgeMail {
  to: string;
  subject: string;
  text: string;
}

/** The mails for `now`'s yesterday (Danish date), one per unit lead of a unit below its threshold. */
export async function nudgeMails(prisma: PrismaClient, now = new Date()): Promise<NudgeMail[]> {
  const yesterday = dayBefore(danishDay(now));
  const units = await prisma.referenceCount.findMany({
    where: { day: new Date(`${yesterday}T00:00:00Z`), unitId: { not: null } },
    distinct: ["unitId"],
    select: { unit: { select: { id: true, name: true, archivedAt: true, municipality: { select: { name: true } } } } },
  });
  const mails: NudgeMail[] = [];
  for (const { unit } of units) {
    if (!unit || unit.archivedAt) continue;
    const nudges = await yesterdayNudges(unit.id, now, prisma);
    if (!nudges.length) continue;
    const leads = await prisma.user.findMany({
      where: { kind: "PERSON", deactivatedAt: null, memberships: { some: { role: "UNIT_LEAD", unitId: unit.id } } },
      select: { email: true, name: true },
      orderBy: { email: "asc" },
    });
    for (const lead of leads) {
      mails.push({
        to: lead.email,
        subject: `Dækning i går: ${unit.name}`,
        text:
          `Hej ${lead.name}\n\n` +
          `${unit.name} (${unit.municipality.name}) registrerede i går færre henvendelser, end de andre systemer talte:\n\n` +
          nudges.map((n) => `- ${n.message}`).join("\n") +
          `\n\nTærsklen er ${Math.round(nudges[0].threshold * 100)} %. Se dækningen pr. dag og kanal i Spor: ${baseUrl()}/daekning\n\n` +
          `Medarbejderne ser den samme besked på registreringssiden i dag.\n`,
      });
    }
  }
  return mails;
}

/** Sends the morning's nudge mails (nothing without SMTP); returns how many were sent and how many failed. */
export async function sendNudgeMails(prisma: PrismaClient, now = new Date()): Promise<{ sent: number; failed: number }> {
  if (!mailConfigured()) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (const mail of await nudgeMails(prisma, now)) {
    try {
      await sendMail(mail);
      sent++;
    } catch (error) {
      // No address in the log (personal data): the count says that some did not go.
      log.error({ err: error }, "Kunne ikke sende en dækningsmail");
      failed++;
    }
  }
  log.info({ sent, failed }, "Dækningsmails til enhedsansvarlige sendt");
  return { sent, failed };
}
