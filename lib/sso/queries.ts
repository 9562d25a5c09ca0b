import "server-only";
import { type Access, requireNational } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { baseUrl } from "@/lib/http/base-url";
import { listMunicipalityCvrs } from "@/lib/municipalities/cvr";
import { callbackPathOf } from "./provider-id";
import { SAML_PATHS } from "./saml-config";
import { samlEnabled } from "./saml-endpoint";
import { listSsoSettings, ssoMunicipalities } from "./settings";

/** The login page's choices: municipalities whose people can sign in with their own provider. */
export async function ssoChoices(): Promise<{ number: number; name: string }[]> {
  return ssoMunicipalities(db());
}

/** KL's overview: every municipality's single sign-on (never a secret) and the callback URL to register. */
export async function loadSsoOverview(access: Access) {
  requireNational(access);
  const rows = await listSsoSettings(db());
  return rows.map((row) => ({ ...row, redirectUri: `${baseUrl()}${callbackPathOf(row.municipalityNumber)}` }));
}

/** KL's overview of login via KOMBIT: whether it is on, the metadata's address, and each municipality's CVR number. */
export async function loadSamlOverview(access: Access) {
  requireNational(access);
  const municipalities = await listMunicipalityCvrs(db());
  return { enabled: samlEnabled(), metadataUrl: `${baseUrl()}${SAML_PATHS.metadata}`, municipalities };
}
