import { notFound } from "next/navigation";
import { canAdministerMunicipality } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import { findAdministeredMunicipality, listAdministeredMunicipalities } from "@/lib/municipalities/queries";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The municipality an administration page shows: ?kommune=NUMBER, looked up within the user's
 * scope (another municipality's number is "not found", like one that does not exist), or the
 * user's first. `query` carries the choice on to the other administration pages.
 */
export async function resolveAdminMunicipality(user: CurrentUser, params: Awaited<SearchParams>) {
  const requested = first(params.kommune);
  const municipalities = await listAdministeredMunicipalities(user.access);
  let municipality: (typeof municipalities)[number] | null;
  if (requested === undefined || requested === "") {
    municipality = municipalities[0] ?? null;
  } else {
    if (!/^\d{1,4}$/.test(requested)) notFound();
    municipality = await findAdministeredMunicipality(user.access, Number(requested));
  }
  if (!municipality) notFound();
  return {
    municipality,
    municipalities,
    readOnly: !canAdministerMunicipality(user.access, municipality.id),
    query: municipalities.length > 1 ? `?kommune=${municipality.number}` : "",
  };
}
