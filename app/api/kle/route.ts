import { route } from "@/lib/actions/route";
import { isNational } from "@/lib/auth/access";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { runKleImport } from "@/lib/tasks/kle-endpoint";

export const dynamic = "force-dynamic";

/** POST /api/kle — KL's national staff load the KLE-Emneplan XML (multipart "file"). */
export const POST = route({
  method: "POST",
  path: "/api/kle",
  auth: "session",
  allow: isNational,
  body: { stream: true, limit: BODY_LIMITS.upload },
  handler: runKleImport,
});
