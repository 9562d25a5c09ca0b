import nodemailer from "nodemailer";
import { log } from "@/lib/server/log.mjs";

// Sends activation and reset links by e-mail when an SMTP server is configured
// (SPOR_SMTP_URL, e.g. smtps://user:pass@smtp.kommune.dk:465; SPOR_MAIL_FROM for the sender).
// Without one, the coordinator is shown the link once and passes it on.

export function mailConfigured(): boolean {
  return Boolean(process.env.SPOR_SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const transport = nodemailer.createTransport(process.env.SPOR_SMTP_URL);
  await transport.sendMail({ from: process.env.SPOR_MAIL_FROM ?? "Spor <noreply@spor.invalid>", ...message });
}

export interface LinkDelivery {
  name: string;
  email: string;
  link: string;
  purpose: "ACTIVATION" | "PASSWORD_RESET";
  expiresAt: Date;
}

const DATE = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" });

export function linkMailText(d: LinkDelivery): { subject: string; text: string } {
  const what = d.purpose === "ACTIVATION" ? "aktivere din bruger i Spor og vælge en adgangskode" : "vælge en ny adgangskode til Spor";
  return {
    subject: d.purpose === "ACTIVATION" ? "Din bruger i Spor" : "Ny adgangskode til Spor",
    text:
      `Hej ${d.name}\n\nBrug dette link til at ${what}:\n\n${d.link}\n\n` +
      `Linket virker én gang og udløber ${DATE.format(d.expiresAt)}.\n` +
      `Har du ikke bedt om det, kan du se bort fra denne mail.\n`,
  };
}

/** Mails each link if SMTP is configured; returns the links that could not be mailed (to be shown once). */
export async function deliverLinks(deliveries: LinkDelivery[]): Promise<LinkDelivery[]> {
  if (!mailConfigured()) return deliveries;
  const unsent: LinkDelivery[] = [];
  for (const d of deliveries) {
    try {
      await sendMail({ to: d.email, ...linkMailText(d) });
    } catch (error) {
      // No address in the log (personal data): the coordinator sees which link was not mailed.
      log.error({ err: error, purpose: d.purpose }, "Kunne ikke sende en mail");
      unsent.push(d);
    }
  }
  return unsent;
}
