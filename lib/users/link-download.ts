import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { type AdminContext, adminTransaction, assertAdminister, nowOf } from "@/lib/actions/context";
import { ROLE_LABELS } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import { toCsv } from "@/lib/exchange/csv";
import { idSchema } from "@/lib/ids";
import { activationPath, issueToken } from "@/lib/users/link-tokens";

// "Hent links som CSV": after a CSV user import without mail, the coordinator downloads every new
// user's activation link in one file instead of copying them one by one. The links are secrets, so
// the import never shows them: its answer carries only a ticket (the users and the moment of the
// import), and the download makes the links at that moment (a new token per user voids the import's
// unused one) — the file is the only place they ever appear. A ticket works once: after the download
// (or after a new link from a user's page) the users' newest tokens are younger than the ticket.
// The audit log says who downloaded how many links for whom; never a link.

export const MAX_LINKS_PER_DOWNLOAD = 5000;

export const linkDownloadSchema = z.object({
  municipalityId: idSchema("Ukendt kommune."),
  userIds: z
    .array(z.string().min(1).max(100))
    .min(1, "Der er ingen links at hente.")
    .max(MAX_LINKS_PER_DOWNLOAD, "For mange brugere på én gang."),
  issuedAt: z.iso.datetime({ message: "Ugyldig henvisning til importen." }),
});
export type LinkDownloadTicket = z.infer<typeof linkDownloadSchema>;

export const LINKS_GONE =
  "Linkene kan kun hentes én gang, og de er allerede hentet (eller nogle af brugerne har fået et nyt link). Giv en bruger et nyt link fra brugerens side.";

const EXPIRY = new Intl.DateTimeFormat("da-DK", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen" });

/** The CSV of names, e-mails, roles, links and expiry (UTF-8 with BOM, ";"), and how many links it holds. */
export async function downloadInvitationLinks(
  ctx: AdminContext,
  ticket: LinkDownloadTicket,
  baseUrl: string,
): Promise<{ csv: string; count: number }> {
  assertAdminister(ctx, ticket.municipalityId);
  const userIds = [...new Set(ticket.userIds)];
  const issuedAt = new Date(ticket.issuedAt);
  const now = nowOf(ctx);
  return adminTransaction(ctx, async (tx) => {
    const users = await tx.user.findMany({
      where: {
        id: { in: userIds },
        kind: "PERSON",
        deactivatedAt: null,
        accounts: { none: {} },
        // The import's own link, unused and unexpired, made by this coordinator before the ticket.
        tokens: {
          some: { purpose: "ACTIVATION", usedAt: null, createdById: ctx.actorId, createdAt: { lte: issuedAt }, expiresAt: { gt: now } },
        },
      },
      select: {
        id: true,
        name: true,
        email: true,
        memberships: { select: { municipalityId: true, role: true, unit: { select: { name: true } } } },
        tokens: { where: { usedAt: null }, select: { createdAt: true } },
      },
      orderBy: [{ name: "asc" }, { email: "asc" }],
    });
    const usable = users.filter(
      (u) =>
        u.memberships.length > 0 &&
        u.memberships.every((m) => m.municipalityId === ticket.municipalityId) &&
        // No newer link since the ticket (a second download, or a link from the user's page).
        u.tokens.every((t) => t.createdAt.getTime() <= issuedAt.getTime()),
    );
    if (usable.length !== userIds.length) throw new UserFacingError(LINKS_GONE, 409);
    const rows: (string | null)[][] = [["Navn", "E-mail", "Rolle", "Link", "Udløber"]];
    for (const user of usable) {
      const { raw, expiresAt } = await issueToken(tx, { userId: user.id, purpose: "ACTIVATION", createdById: ctx.actorId, now });
      const role = user.memberships[0].role;
      const units = user.memberships.map((m) => m.unit?.name).filter((n): n is string => !!n);
      rows.push([
        user.name,
        user.email,
        `${ROLE_LABELS[role]}${units.length ? ` – ${units.join(", ")}` : ""}`,
        `${baseUrl}${activationPath(raw)}`,
        EXPIRY.format(expiresAt),
      ]);
    }
    await recordAudit(tx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip ?? null,
      municipalityId: ticket.municipalityId,
      action: "user.links.download",
      entityType: "municipality",
      entityId: ticket.municipalityId,
      after: { count: usable.length, userIds: usable.map((u) => u.id) },
    });
    return { csv: toCsv(rows), count: usable.length };
  });
}
