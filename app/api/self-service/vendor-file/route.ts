import { route } from "@/lib/actions/route";
import { isNational } from "@/lib/auth/access";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { runVendorFile, vendorFileQuery } from "@/lib/self-service/vendor-endpoint";

export const dynamic = "force-dynamic";

/** POST /api/self-service/vendor-file[?vis=1] — KL's national staff load the vendors' self-service figures (multipart "fil"), all or nothing. */
export const POST = route({
  method: "POST",
  path: "/api/self-service/vendor-file",
  auth: "session",
  allow: isNational,
  query: vendorFileQuery,
  body: { stream: true, limit: BODY_LIMITS.upload },
  handler: (ctx) => runVendorFile(ctx),
});
