import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { canUpload, runUpload, uploadQuery } from "@/lib/exchange/upload-endpoint";

export const dynamic = "force-dynamic";

/** POST /api/uploads?kommune=N&type=csv|legacy&opretEnheder=0|1 — a coordinator imports a file (multipart "fil"), all or nothing. */
export const POST = route({
  method: "POST",
  path: "/api/uploads",
  auth: "session",
  allow: canUpload,
  query: uploadQuery,
  body: { stream: true, limit: BODY_LIMITS.upload },
  handler: (ctx) => runUpload(ctx, "import"),
});
