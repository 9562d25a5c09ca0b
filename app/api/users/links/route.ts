import { route } from "@/lib/actions/route";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { runLinkDownload } from "@/lib/users/link-download-endpoint";
import { linkDownloadSchema } from "@/lib/users/link-download";

export const dynamic = "force-dynamic";

/** POST /api/users/links — the one download of a user import's activation links, as CSV (lib/users/link-download.ts). */
export const POST = route({
  method: "POST",
  path: "/api/users/links",
  auth: "session",
  allow: (access) => coordinatorMunicipalityIds(access).length > 0,
  body: { json: linkDownloadSchema, limit: 512 * 1024 },
  handler: runLinkDownload,
});
