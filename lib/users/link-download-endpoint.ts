import "server-only";
import type { RouteContext } from "@/lib/actions/route";
import type { AdminContext } from "@/lib/actions/context";
import { siteUrl } from "@/lib/actions/support";
import { db } from "@/lib/db";
import { downloadInvitationLinks, type LinkDownloadTicket } from "@/lib/users/link-download";

/** Answers with the CSV as an attachment that no cache keeps. */
export async function runLinkDownload(ctx: RouteContext<unknown, unknown, LinkDownloadTicket>): Promise<Response> {
  const user = ctx.user!;
  const admin: AdminContext = { prisma: db(), actorId: user.id, access: user.access, ip: ctx.ip };
  const { csv, count } = await downloadInvitationLinks(admin, ctx.body, await siteUrl());
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="aktiveringslinks.csv"',
      "cache-control": "no-store",
      "x-link-count": String(count),
    },
  });
}
