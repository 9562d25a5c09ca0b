import { type TranslationKeys, ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rule";

// The password rule (docs/security.md "Login og adgangskoder"), the same for activation, reset and
// Better Auth's /change-password:
//  - 12 to 128 characters;
//  - zxcvbn score at least 3 ("safely unguessable", ≥ 10^8 guesses) against the common-password
//    lists of @zxcvbn-ts/language-common, keyboard patterns, repeats, sequences and dates;
//  - not built from the person's own words: with the words of their e-mail, name and
//    municipality, "spor" and "kommune" taken out, what is left must still score 3. So
//    "koegekommune12" and "AnnaJensen2026" fail, "anna-elsker-solsikker" passes.
// Pure: the caller supplies the person's words (lib/auth/password-inputs.ts).

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rule";
export const MIN_PASSWORD_SCORE = 3;

const DANISH: TranslationKeys = {
  warnings: {
    straightRow: "Rækker af taster ved siden af hinanden er lette at gætte.",
    keyPattern: "Korte mønstre på tastaturet er lette at gætte.",
    simpleRepeat: 'Gentagne tegn som "aaa" er lette at gætte.',
    extendedRepeat: 'Gentagne mønstre som "abcabcabc" er lette at gætte.',
    sequences: 'Talrækker og bogstavrækker som "abc" eller "6543" er lette at gætte.',
    recentYears: "Årstal fra de seneste år er lette at gætte.",
    dates: "Datoer er lette at gætte.",
    topTen: "Det er en af de allermest brugte adgangskoder.",
    topHundred: "Det er en meget brugt adgangskode.",
    common: "Det er en almindeligt brugt adgangskode.",
    similarToCommon: "Den ligner en almindeligt brugt adgangskode.",
    wordByItself: "Et enkelt ord er let at gætte.",
    namesByThemselves: "Navne alene er lette at gætte.",
    commonNames: "Almindelige navne og efternavne er lette at gætte.",
    userInputs: "Den må ikke indeholde dit navn, din e-mail, din kommune eller ordet Spor.",
    pwned: "Adgangskoden er kendt fra et datalæk.",
  },
  suggestions: {
    l33t: 'Undgå at erstatte bogstaver med tal eller tegn, som "@" for "a" – det gætter man let.',
    reverseWords: "Undgå almindelige ord stavet baglæns.",
    allUppercase: "Brug store bogstaver nogle steder, ikke overalt.",
    capitalization: "Stort begyndelsesbogstav gør ikke adgangskoden meget stærkere.",
    dates: "Undgå datoer og årstal, der har med dig at gøre.",
    recentYears: "Undgå årstal fra de seneste år.",
    associatedYears: "Undgå årstal, der har med dig at gøre.",
    sequences: "Undgå talrækker og bogstavrækker.",
    repeated: "Undgå gentagne ord og tegn.",
    longerKeyboardPattern: "Brug længere tastaturmønstre og skift retning flere gange.",
    anotherWord: "Tilføj flere ord, der ikke er almindelige.",
    useWords: "Brug flere ord, men undgå almindelige udtryk.",
    noNeed: "Du kan lave en stærk adgangskode uden symboler, tal eller store bogstaver.",
    pwned: "Brug ikke en adgangskode, du har brugt andre steder.",
  },
  timeEstimation: {
    ltSecond: "under et sekund",
    second: "{base} sekund",
    seconds: "{base} sekunder",
    minute: "{base} minut",
    minutes: "{base} minutter",
    hour: "{base} time",
    hours: "{base} timer",
    day: "{base} dag",
    days: "{base} dage",
    month: "{base} måned",
    months: "{base} måneder",
    year: "{base} år",
    years: "{base} år",
    centuries: "århundreder",
  },
};

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, translations: DANISH, useLevenshteinDistance: true });
  return factory;
}

const TOO_SHORT = `Adgangskoden skal være mindst ${MIN_PASSWORD_LENGTH} tegn.`;
const TOO_LONG = `Adgangskoden må højst være ${MAX_PASSWORD_LENGTH} tegn.`;
const TOO_WEAK = "Adgangskoden er for let at gætte.";
const PERSONAL = "Adgangskoden bygger for meget på dit navn, din e-mail, din kommune eller ordet Spor.";

/** Lower case, and the Danish letters also in their common ASCII spellings (ø → o and oe, …). */
function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  const ascii1 = lower.replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
  const ascii2 = lower.replace(/æ/g, "a").replace(/ø/g, "o").replace(/å/g, "a");
  return [...new Set([lower, ascii1, ascii2])];
}

/**
 * The person's words, from their e-mail (local part and domain labels), name and municipality, plus
 * "spor" and "kommune", in every spelling, longest first. Words under 3 letters are left out.
 */
export function personalWords(inputs: {
  email?: string | null;
  name?: string | null;
  municipalities?: (string | null | undefined)[];
}): string[] {
  const raw: string[] = ["spor", "kommune"];
  const email = (inputs.email ?? "").toLowerCase();
  const [local, domain] = email.split("@");
  if (local) raw.push(local, ...local.split(/[^\p{L}\p{N}]+/u));
  if (domain) raw.push(...domain.split(".").slice(0, -1));
  for (const text of [inputs.name, ...(inputs.municipalities ?? [])]) {
    if (!text) continue;
    raw.push(text.replace(/\s+/g, ""), ...text.split(/[^\p{L}\p{N}]+/u));
  }
  const words = new Set<string>();
  for (const word of raw) for (const spelling of spellings(word)) if (spelling.length >= 3) words.add(spelling);
  return [...words].sort((a, b) => b.length - a.length);
}

/** The password with the person's words taken out (case-insensitively, in their Danish and ASCII spellings). */
export function withoutPersonalWords(password: string, words: string[]): string {
  let rest = password;
  for (const word of words) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    rest = rest.replace(new RegExp(escaped, "giu"), "");
  }
  return rest;
}

export interface PasswordVerdict {
  ok: boolean;
  /** The Danish messages to show: the problem first, then zxcvbn's advice. */
  messages: string[];
}

/** Checks a new password against the rule. `words` come from personalWords(). */
export function checkPassword(password: string, words: string[]): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, messages: [TOO_SHORT] };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, messages: [TOO_LONG] };
  const result = zxcvbn().check(password, words);
  if (result.score < MIN_PASSWORD_SCORE) {
    const warning = result.feedback.warning;
    return { ok: false, messages: [TOO_WEAK, ...(warning ? [warning] : []), ...result.feedback.suggestions].slice(0, 3) };
  }
  const rest = withoutPersonalWords(password, words);
  if (rest !== password && zxcvbn().check(rest, words).score < MIN_PASSWORD_SCORE) {
    return { ok: false, messages: [PERSONAL, DANISH.suggestions.anotherWord] };
  }
  return { ok: true, messages: [] };
}

/** Thrown by the places that set a password; carries every message for the form. */
export function passwordProblem(verdict: PasswordVerdict): string {
  return verdict.messages.join(" ");
}
