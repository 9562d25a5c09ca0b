import { route } from "@/lib/actions/route";
import { samlMetadataResponse } from "@/lib/sso/saml-endpoint";

// Spor's SAML 2.0 service provider metadata, at a stable address, for KOMBIT's administration module
// (docs/deployment.md, "KOMBIT's Context Handler"). Public, as metadata is; 404 while SAML is off.
export const dynamic = "force-dynamic";

export const GET = route({
  method: "GET",
  path: "/api/auth/saml/metadata",
  auth: "public",
  handler: async ({ db }) => samlMetadataResponse(db),
});
