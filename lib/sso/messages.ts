// Why a single sign-on was refused, as the code in the error page's address (/login/sso-fejl?grund=…)
// and the Danish sentence the page shows. Pure: the page and the tests read it.

export const SSO_REFUSALS = {
  ukendt:
    "Du har ikke en bruger i Spor. Din kommunes login kender dig, men Spor gør ikke: bed tovholderen i din kommune om at oprette dig med den e-mailadresse, du bruger på arbejdet.",
  deaktiveret: "Din bruger er deaktiveret. Kontakt tovholderen i din kommune, hvis du skal bruge Spor igen.",
  "anden-kommune":
    "Din bruger i Spor hører ikke (kun) til den kommune, hvis login du brugte. Log ind via din egen kommune, eller kontakt tovholderen i din kommune.",
  "ingen-email":
    "Din kommunes login sendte ikke en gyldig e-mailadresse til Spor. Bed tovholderen kontakte kommunens IT-afdeling (se vejledningen til tovholdere).",
  "ukendt-kommune":
    "Din kommune er ikke sat op til at logge ind i Spor via KOMBIT. Bed tovholderen i din kommune kontakte KL, så kommunens CVR-nummer bliver registreret i Spor.",
  "ingen-rolle":
    "Du har ikke en rolle i Spor fra din kommune. Bed din kommunes brugeradministrator tildele dig en af Spors roller (medarbejder, enhedsansvarlig eller tovholder) i KOMBITs administrationsmodul.",
  "ingen-enhed":
    "Din rolle i Spor er ikke knyttet til en enhed, Spor kender. Bed tovholderen i din kommune knytte dig til en enhed i Spor, eller bed brugeradministratoren rette dataafgrænsningen i KOMBITs administrationsmodul.",
  utilgaengelig: "Din kommunes login svarer ikke lige nu. Prøv igen om lidt, eller log ind med adgangskode, hvis din kommune tillader det.",
  mislykket: "Login via din kommune mislykkedes. Start forfra fra login-siden. Sker det igen, så kontakt tovholderen i din kommune.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

function isSsoRefusal(value: string | undefined): value is SsoRefusal {
  return value !== undefined && Object.hasOwn(SSO_REFUSALS, value);
}

/** The page every refused single sign-on lands on. */
export function refusalPath(reason: SsoRefusal): string {
  return `/login/sso-fejl?grund=${reason}`;
}

export const PASSWORD_DISABLED_CODE = "PASSWORD_SIGN_IN_DISABLED";
export const PASSWORD_DISABLED_MESSAGE =
  "Din kommune bruger sit eget login til Spor. Vælg din kommune under »Log ind med din kommune« i stedet for at bruge adgangskode.";

/** Better Auth's own error codes (its callback redirects with ?error=…) as Spor's reasons. */
const BETTER_AUTH_ERRORS: Record<string, SsoRefusal> = {
  ACCOUNT_DEACTIVATED: "deaktiveret",
  SSO_WRONG_MUNICIPALITY: "anden-kommune",
  email_not_found: "ingen-email",
};

/** The reason the error page shows: Spor's `grund`, else Better Auth's `error`, else a failed sign-in. */
export function refusalOf(grund: string | undefined, error: string | undefined): SsoRefusal {
  if (isSsoRefusal(grund)) return grund;
  return error && Object.hasOwn(BETTER_AUTH_ERRORS, error) ? BETTER_AUTH_ERRORS[error] : "mislykket";
}
