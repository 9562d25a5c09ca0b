import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { canUpload } from "@/lib/exchange/upload-endpoint";
import { referenceUploadQuery, runReferenceUpload } from "@/lib/coverage/reference-endpoint";

export const dynamic = "force-dynamic";

/** POST /api/reference-counts?kommune=N — a coordinator imports reference counts (multipart "fil"), all or nothing. */
export const POST = route({
  method: "POST",
  path: "/api/reference-counts",
  auth: "session",
  allow: canUpload,
  query: referenceUploadQuery,
  body: { stream: true, limit: BODY_LIMITS.upload },
  handler: (ctx) => runReferenceUpload(ctx),
});
