import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { ActionContext } from "@/lib/actions/action";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import type { AdminContext } from "./context";
import type { FormState } from "./form-state";
import { deliverLinks } from "./mail";
import { activationPath } from "./tokens";
import type { IssuedLink } from "./users";

// Shared by the administration's server actions (which live in lib/admin/actions/*.ts and export
// only async functions). Not a "use server" file.

/** The wrapper's context as the administration's domain functions take it. */
export function adminContext(ctx: ActionContext): AdminContext {
  return { prisma: ctx.prisma, actorId: ctx.actorId, access: ctx.access, ip: ctx.ip };
}

/** The signed-in user as an administrative actor. Scope is checked by the domain function. */
export async function adminActor(): Promise<AdminContext> {
  const user = await authorize();
  return { prisma: db(), actorId: user.id, access: user.access };
}

export function revalidateAdmin(): void {
  revalidatePath("/administration", "layout");
  revalidatePath("/registrering");
}

/** The site's address for links: SPOR_BASE_URL in production, else the request's own host. */
export async function siteUrl(requestHeaders?: Headers): Promise<string> {
  if (process.env.SPOR_BASE_URL) return process.env.SPOR_BASE_URL.replace(/\/$/, "");
  const h = requestHeaders ?? (await headers());
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

const DATE = new Intl.DateTimeFormat("da-DK", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Copenhagen" });

/** Mails the links when SMTP is configured; the rest are returned to be shown to the coordinator once. */
export async function deliver(links: IssuedLink[], requestHeaders?: Headers): Promise<Pick<FormState, "secrets"> & { mailed: number }> {
  const base = await siteUrl(requestHeaders);
  const deliveries = links.map((l) => ({ name: l.name, email: l.email, link: `${base}${activationPath(l.token)}`, purpose: l.purpose, expiresAt: l.expiresAt }));
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
