import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { canUpload, runUpload, uploadQuery } from "@/lib/exchange/upload-endpoint";

export const dynamic = "force-dynamic";

/** POST /api/uploads/preview?kommune=N&type=csv|legacy&opretEnheder=0|1 — checks a file and summarises it; writes nothing. */
export const POST = route({
  method: "POST",
  path: "/api/uploads/preview",
  auth: "session",
  allow: canUpload,
  query: uploadQuery,
  body: { stream: true, limit: BODY_LIMITS.upload },
  mutates: false,
  handler: (ctx) => runUpload(ctx, "preview"),
});
