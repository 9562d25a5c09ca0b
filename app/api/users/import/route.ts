import { route } from "@/lib/actions/route";
import { runUserImport, userImportQuery } from "@/lib/users/import-endpoint";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { BODY_LIMITS } from "@/lib/http/limited-body";

export const dynamic = "force-dynamic";

/** POST /api/users/import?municipalityId=… — a coordinator of that municipality creates users from a CSV list. */
export const POST = route({
  method: "POST",
  path: "/api/users/import",
  auth: "session",
  allow: (access) => coordinatorMunicipalityIds(access).length > 0,
  query: userImportQuery,
  body: { stream: true, limit: BODY_LIMITS.upload },
  handler: runUserImport,
});
