import "server-only";
import { type Access, canViewMunicipalityAdministration } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { AccessDeniedError } from "@/lib/errors";
import { unitOptions } from "@/lib/units/page-queries";
import { listApiTokens } from "./tokens";

/** The API keys page: the municipality's tokens and its units, for someone who may see its administration. */
export async function loadApiTokensPage(access: Access, municipalityId: string) {
  if (!canViewMunicipalityAdministration(access, municipalityId)) throw new AccessDeniedError();
  const [tokens, units] = await Promise.all([listApiTokens(db(), municipalityId), unitOptions(db(), municipalityId)]);
  return { tokens, units };
}
