import { z } from "zod";
import { route } from "@/lib/actions/route";
import { samlLoginResponse } from "@/lib/sso/saml-endpoint";

// "Log ind via KOMBIT": a signed AuthnRequest to KOMBIT's Context Handler (HTTP-Redirect binding).
// The request is remembered (saml_request) so that its answer, and only once, can sign someone in.
export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/auth/saml/login",
  auth: "public",
  query: z.object({ next: z.string().max(500, "Adressen er for lang.").optional() }),
  handler: async ({ db, query }) => samlLoginResponse(db, query.next),
});
