// The password rule's numbers and wording, without the checker (lib/auth/password-policy.ts), so
// pages and client components can show them without loading the password dictionaries.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const PASSWORD_RULE_TEXT =
  "Vælg en adgangskode på mindst 12 tegn, som ikke er almindelig og ikke bygger på dit navn, din e-mail, din kommune eller ordet Spor. En sætning på 3–4 ord, du kan huske, er god.";
