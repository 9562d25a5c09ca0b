// Better Auth names each municipality's OpenID Connect provider `kommune-<number>` (the national
// municipality number, stable and public), so the callback URL a municipality registers at its
// identity provider is https://<spor>/api/auth/callback/kommune-<number>.

const PREFIX = "kommune-";

export function providerIdOf(municipalityNumber: number): string {
  return `${PREFIX}${municipalityNumber}`;
}

/** The municipality number in a provider id, or null for anything that is not one of Spor's. */
export function municipalityNumberOf(providerId: string | undefined | null): number | null {
  if (!providerId?.startsWith(PREFIX)) return null;
  const digits = providerId.slice(PREFIX.length);
  return /^[1-9][0-9]{0,3}$/.test(digits) ? Number(digits) : null;
}

/** The path Better Auth serves the provider's redirect (callback) on. */
export function callbackPathOf(municipalityNumber: number): string {
  return `/api/auth/callback/${providerIdOf(municipalityNumber)}`;
}
