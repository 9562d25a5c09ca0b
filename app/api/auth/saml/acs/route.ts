import { route } from "@/lib/actions/route";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { samlAcsResponse } from "@/lib/sso/saml-endpoint";

// The assertion consumer service: KOMBIT's Context Handler posts its signed answer here (HTTP-POST
// binding, from the browser, so from another site: no same-origin check, no session). The answer is
// verified and used once (lib/sso/saml.ts); the person lands on the page they asked for, or on the
// Danish page that says why not (/login/sso-fejl).
export const dynamic = "force-dynamic";

export const POST = route({
  method: "POST",
  path: "/api/auth/saml/acs",
  auth: "public",
  body: { bytes: true, limit: BODY_LIMITS.saml },
  handler: async ({ db, request, bytes, ip }) => samlAcsResponse(db, request, bytes, ip),
});
