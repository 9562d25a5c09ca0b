import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { refusalPath, type SsoRefusal } from "./messages";
import { completeSamlSignIn, samlMetadataXml, samlSignInUrl } from "./saml";
import { samlConfig } from "./saml-config";

// The three SAML routes' work (app/api/auth/saml/*/route.ts): the metadata KOMBIT's administration
// module reads, the start of a sign-in, and the assertion consumer service (ACS) the Context Handler
// posts its answer to. Off (404) while SAML is not configured.

const NOT_CONFIGURED = "Login via KOMBIT er ikke sat op i denne installation af Spor.";

function configOrNotFound() {
  const config = samlConfig();
  if (!config) throw new UserFacingError(NOT_CONFIGURED, 404);
  return config;
}

/** True when this installation offers sign-in through KOMBIT (the login page's button). */
export function samlEnabled(): boolean {
  try {
    return samlConfig() !== null;
  } catch {
    return false;
  }
}

export function samlMetadataResponse(prisma: PrismaClient): Response {
  const xml = samlMetadataXml(prisma, configOrNotFound());
  return new Response(xml, { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "no-store" } });
}

export async function samlLoginResponse(prisma: PrismaClient, next: string | undefined): Promise<Response> {
  const url = await samlSignInUrl(prisma, configOrNotFound(), next);
  return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
}

function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** Better Auth's refusal of the session (its code, whichever bundle's error class carried it) as Spor's reason. */
function refusalOfSessionError(error: unknown): SsoRefusal {
  const code = (error as { body?: { code?: unknown } } | null)?.body?.code;
  if (code === "ACCOUNT_DEACTIVATED") return "deaktiveret";
  if (code === "SSO_WRONG_MUNICIPALITY") return "anden-kommune";
  if (code === "SSO_UNKNOWN_USER") return "ukendt";
  return "mislykket";
}

/**
 * Inside Next, Better Auth's nextCookies plugin has put the session cookie in Next's cookie store,
 * which Next adds to the route's response; outside Next (tests, scripts) the response carries it.
 */
async function insideNextRequest(): Promise<boolean> {
  try {
    const { cookies } = await import("next/headers");
    await cookies();
    return true;
  } catch {
    return false;
  }
}

export async function samlAcsResponse(
  prisma: PrismaClient,
  request: Request,
  bytes: Uint8Array | null,
  ip: string | null,
): Promise<Response> {
  const config = configOrNotFound();
  const form = new URLSearchParams(new TextDecoder().decode(bytes ?? new Uint8Array(0)));
  const samlResponse = form.get("SAMLResponse");
  if (!samlResponse) return seeOther(refusalPath("mislykket"));
  const result = await completeSamlSignIn(prisma, config, { samlResponse, relayState: form.get("RelayState") }, ip);
  if (!result.ok) return seeOther(refusalPath(result.reason));
  let cookies: string[];
  try {
    const { headers } = await getAuth().api.sporSamlSession({
      body: { userId: result.userId, municipalityId: result.municipalityId },
      headers: request.headers,
      returnHeaders: true,
    });
    cookies = (await insideNextRequest()) ? [] : headers.getSetCookie();
  } catch (error) {
    return seeOther(refusalPath(refusalOfSessionError(error)));
  }
  return seeOther(result.next, cookies);
}
