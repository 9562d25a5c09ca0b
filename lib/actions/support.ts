import type { ActionContext } from "@/lib/actions/action";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { baseUrl } from "@/lib/http/base-url";
import type { AdminContext } from "@/lib/actions/context";
import type { FormState } from "@/lib/actions/form-state";
import { deliverLinks } from "@/lib/users/mail";
import { activationPath } from "@/lib/users/link-tokens";
import type { IssuedLink } from "@/lib/users/users";

// Shared by the server actions of every domain (lib/<domain>/actions.ts and *-actions.ts, which export
// only async functions). Not a "use server" file.

/** The wrapper's context as the administration's domain functions take it. */
export function adminContext(ctx: ActionContext): AdminContext {
  return { prisma: ctx.prisma, actorId: ctx.actorId, access: ctx.access, ip: ctx.ip };
}

/** The role gate of a municipality's administration: its coordinators. The domain checks which municipality. */
export const coordinators = (access: Access): boolean => coordinatorMunicipalityIds(access).length > 0;

/** The role gate of KL's national pages. */
export const nationalStaff = (access: Access): boolean => isNational(access);

/** What an administrative change makes stale: the administration and the registration screen. */
export const ADMIN_PATHS = ["/administration/", "/registrering"];

/** A successful form answer (`at` changes on every answer so the form can react to a repeat). */
export function okState(ok: string, extra: Omit<FormState, "ok" | "at"> = {}): FormState {
  return { ok, ...extra, at: Date.now() };
}

/**
 * The site's address for links (activation, new password): SPOR_BASE_URL, or http://localhost:$PORT
 * on the embedded database. Never the request's Host or X-Forwarded-Host (lib/http/base-url.ts).
 */
export async function siteUrl(): Promise<string> {
  return baseUrl();
}

const DATE = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" });

/** Mails the links when SMTP is configured; the rest are returned to be shown to the coordinator once. */
export async function deliver(links: IssuedLink[]): Promise<Pick<FormState, "secrets"> & { mailed: number }> {
  const base = await siteUrl();
  const deliveries = links.map((l) => ({
    name: l.name,
    email: l.email,
    link: `${base}${activationPath(l.token)}`,
    purpose: l.purpose,
    expiresAt: l.expiresAt,
  }));
  const unsent = await deliverLinks(deliveries);
  return {
    mailed: deliveries.length - unsent.length,
    secrets: unsent.map((d) => ({
      label: `${d.purpose === "ACTIVATION" ? "Aktiveringslink" : "Link til ny adgangskode"} til ${d.name} (${d.email})`,
      value: d.link,
      note: `Virker én gang og udløber ${DATE.format(d.expiresAt)}.`,
    })),
  };
}

export function checkbox(formData: FormData, name: string): boolean {
  const v = formData.get(name);
  return v === "on" || v === "true" || v === "1";
}
