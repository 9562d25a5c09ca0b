import type { OptionSpecs, ParsedArgs } from "./args";
import { listOption, stringOption, UsageError } from "./args";
import { runKleImport, runMigrate, runPurge, runSeed, runStatus } from "./database-commands";
import { runExport, runImport } from "./exchange-commands";
import { REPORT_OPTIONS, reportUsage, runReportCommand } from "./report-command";
import { runSamlCvr, runSamlStatus } from "./saml-commands";
import { runSsoList, runSsoRemove, runSsoSet } from "./sso-commands";
import { runUserCreate } from "./user-commands";

// Every `npx spor` command: the words that name it, its Danish usage (printed by --help), the
// options it takes (anything else is refused) and what it runs.

export interface CliCommand {
  /** The words that name it: ["import", "csv"]. */
  path: string[];
  /** The line in the overview (`npx spor --help`). */
  summary: string;
  /** The full usage, first line the synopsis. A function where it lists things from the code. */
  usage: string | (() => string);
  options: OptionSpecs;
  /** The positional arguments it takes (FIL, NAVN); more are refused. */
  positionals: number;
  run(args: ParsedArgs): Promise<number>;
}

export const DATABASE_NOTE = `Databasen vælges som i appen: DATABASE_URL (PostgreSQL-server) eller den indlejrede
database i ./data/pglite (SPOR_DATA_DIR). Den indlejrede database kan kun bruges af én proces:
stop serveren, før du bruger spor mod den.`;

const one = (args: ParsedArgs, message: string): string => {
  if (args.positionals.length !== 1) throw new UsageError(message);
  return args.positionals[0];
};

const importOptions = ({ values }: ParsedArgs) => ({
  municipality: stringOption(values, "municipality"),
  preview: Boolean(values.preview),
  "create-units": Boolean(values["create-units"]),
  "join-round": Boolean(values["join-round"]),
  "allow-duplicate": Boolean(values["allow-duplicate"]),
});

const IMPORT_OPTIONS = {
  municipality: { type: "string" },
  preview: { type: "boolean" },
  "create-units": { type: "boolean" },
  "join-round": { type: "boolean" },
  "allow-duplicate": { type: "boolean" },
} as const;

const IMPORT_FLAGS = `  --join-round       deltag i den landsdækkende runde, der dækker rækker uden for kommunens
                     tælleuger, med de uger, data dækker
  --allow-duplicate  indlæs rækker, der er indlæst før (ellers afvises filen)`;

export const COMMANDS: readonly CliCommand[] = [
  {
    path: ["serve"],
    summary: "start webserveren (som npm start)",
    usage: `npx spor serve

Starter Spors webserver på PORT (standard 3000) med en vagt, der genstarter den, hvis den dør.
Databasen åbnes, migreres og får referencedata, når serveren starter. SPOR_MAX_HEAP_MB sætter
processens hukommelsesloft (standard 384). Stop med Ctrl+C (SIGINT) eller SIGTERM.`,
    options: {},
    positionals: 0,
    // bin/spor.mjs starts the server itself, without loading the command line; only --help gets here.
    run: async () => {
      throw new UsageError("Start serveren med npx spor serve (bin/spor.mjs).");
    },
  },
  {
    path: ["migrate"],
    summary: "kør databasemigreringer",
    usage: `npx spor migrate

Kører de databasemigreringer, der mangler, og skriver hvilke.`,
    options: {},
    positionals: 0,
    run: () => runMigrate(),
  },
  {
    path: ["seed"],
    summary: "indlæs referencedata (og demodata med --demo)",
    usage: `npx spor seed [--demo]

Indlæser referencedata (kanaler, henvendelsestyper, KL's opgavepakker og runder).
  --demo   indlæs også demodata: to kommuner, enheder, brugere og registreringer (se README)`,
    options: { demo: { type: "boolean" } },
    positionals: 0,
    run: ({ values }) => runSeed(Boolean(values.demo)),
  },
  {
    path: ["kle", "import"],
    summary: "indlæs KL's KLE-Emneplan (XML, format 2.0)",
    usage: `npx spor kle import FIL

Indlæser KL's KLE-Emneplan (XML, format 2.0) som opgaver: nye oprettes, ændrede opdateres.`,
    options: {},
    positionals: 1,
    run: (args) => runKleImport(one(args, "Angiv præcis én XML-fil: npx spor kle import FIL")),
  },
  {
    path: ["user", "create"],
    summary: "opret en bruger; adgangskoden vises én gang",
    usage: `npx spor user create --email E --role R --municipality NR [--unit ENHED] [--name NAVN]

Opretter en bruger og viser adgangskoden én gang.
  --email E          brugerens e-mailadresse
  --role R           registrant, unit-lead, coordinator eller national
  --municipality NR  kommunenummer (ikke for national)
  --unit ENHED       enheden (for registrant og unit-lead)
  --name NAVN        brugerens navn`,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      municipality: { type: "string" },
      unit: { type: "string" },
      name: { type: "string" },
    },
    positionals: 0,
    run: ({ values }) =>
      runUserCreate({
        email: stringOption(values, "email"),
        role: stringOption(values, "role"),
        municipality: stringOption(values, "municipality"),
        unit: stringOption(values, "unit"),
        name: stringOption(values, "name"),
      }),
  },
  {
    path: ["sso", "list"],
    summary: "vis kommunernes single sign-on (uden hemmeligheder)",
    usage: `npx spor sso list

Viser hver kommune med eget login (OpenID Connect): udsteder, klient-id, claim med e-mail, om
adgangskode er slået fra, og den redirect-URI kommunens IT skal registrere. Hemmeligheder vises aldrig.`,
    options: {},
    positionals: 0,
    run: () => runSsoList(),
  },
  {
    path: ["sso", "set"],
    summary: "sæt eller ret en kommunes single sign-on",
    usage: `npx spor sso set --municipality NR [--issuer URL] [--client-id ID] [--client-secret-stdin]
                  [--email-claim CLAIM] [--password-off|--password-on] [--disable|--enable]
                  [--groups-claim CLAIM --group-roles-file FIL]

Sætter kommunens eget login (OpenID Connect, fx Entra ID eller AD FS) op, eller retter det. Uangivne
indstillinger beholder deres værdi. Klienthemmeligheden læses fra SPOR_SSO_CLIENT_SECRET eller, med
--client-secret-stdin, fra standard input (aldrig fra kommandolinjen) og gemmes krypteret med
SPOR_SECRETS_KEY. Den skal angives første gang.
  --municipality NR      kommunenummer
  --issuer URL           udsteder (issuer), fx https://login.microsoftonline.com/<tenant-id>/v2.0
  --client-id ID         klient-id (application id) fra kommunens registrering af Spor
  --email-claim CLAIM    claim med personens e-mail (standard: email; Entra ID: evt. upn)
  --password-off         kommunens brugere kan kun logge ind via kommunens login
  --password-on          kommunens brugere kan også bruge adgangskode (standard)
  --disable / --enable   slå kommunens login fra eller til uden at slette indstillingerne
  --groups-claim CLAIM   claim med personens grupper (fx groups); "" slår oprettelse fra grupper fra
  --group-roles-file FIL grupper → roller, én pr. linje: "gruppe = tovholder" eller
                         "gruppe = medarbejder|enhedsansvarlig : <enhedens id>". En ukendt person med
                         en af grupperne oprettes ved første login med rollerne; uden, oprettes ingen.`,
    options: {
      municipality: { type: "string" },
      issuer: { type: "string" },
      "client-id": { type: "string" },
      "client-secret-stdin": { type: "boolean" },
      "email-claim": { type: "string" },
      "password-off": { type: "boolean" },
      "password-on": { type: "boolean" },
      disable: { type: "boolean" },
      enable: { type: "boolean" },
      "groups-claim": { type: "string" },
      "group-roles-file": { type: "string" },
    },
    positionals: 0,
    run: ({ values }) =>
      runSsoSet({
        municipality: stringOption(values, "municipality"),
        issuer: stringOption(values, "issuer"),
        "client-id": stringOption(values, "client-id"),
        "client-secret-stdin": Boolean(values["client-secret-stdin"]),
        "email-claim": stringOption(values, "email-claim"),
        "password-off": Boolean(values["password-off"]),
        "password-on": Boolean(values["password-on"]),
        disable: Boolean(values.disable),
        enable: Boolean(values.enable),
        "groups-claim": stringOption(values, "groups-claim"),
        "group-roles-file": stringOption(values, "group-roles-file"),
      }),
  },
  {
    path: ["sso", "remove"],
    summary: "fjern en kommunes single sign-on",
    usage: `npx spor sso remove --municipality NR

Sletter kommunens login-indstillinger (og den krypterede klienthemmelighed). Kommunens brugere logger
derefter ind med adgangskode.`,
    options: { municipality: { type: "string" } },
    positionals: 0,
    run: ({ values }) => runSsoRemove({ municipality: stringOption(values, "municipality") }),
  },
  {
    path: ["saml", "status"],
    summary: "vis login via KOMBIT (SAML) og kommunernes CVR-numre",
    usage: `npx spor saml status

Viser, om login via KOMBITs Context Handler (SAML 2.0) er sat op (SPOR_SAML_…), Spors entity id,
adressen på metadata og Assertion Consumer Service, rollernes navne i KOMBITs administrationsmodul,
og de kommuner, der har et CVR-nummer i Spor (kun de kan logge ind via KOMBIT).`,
    options: {},
    positionals: 0,
    run: () => runSamlStatus(),
  },
  {
    path: ["saml", "cvr"],
    summary: "sæt eller fjern en kommunes CVR-nummer (login via KOMBIT)",
    usage: `npx spor saml cvr --municipality NR (--cvr NUMMER | --remove)

KOMBITs Context Handler fortæller, hvilken kommune en bruger kommer fra, med kommunens CVR-nummer.
Kommunen kan først bruges med login via KOMBIT, når dens CVR-nummer er registreret her.
  --municipality NR   kommunenummer
  --cvr NUMMER        kommunens CVR-nummer (otte cifre)
  --remove            fjern CVR-nummeret (kommunens brugere kan ikke længere logge ind via KOMBIT)`,
    options: { municipality: { type: "string" }, cvr: { type: "string" }, remove: { type: "boolean" } },
    positionals: 0,
    run: ({ values }) =>
      runSamlCvr({
        municipality: stringOption(values, "municipality"),
        cvr: stringOption(values, "cvr"),
        remove: Boolean(values.remove),
      }),
  },
  {
    path: ["status"],
    summary: "vis database og antal rækker",
    usage: `npx spor status

Viser databasen, den seneste migrering og antal kommuner, enheder, brugere, opgaver og registreringer.`,
    options: {},
    positionals: 0,
    run: () => runStatus(),
  },
  {
    path: ["purge"],
    summary: "slet persondata, der har overskredet opbevaringsperioden",
    usage: `npx spor purge [--dry-run]

Sletter udløbne sessioner, loginforsøg ældre end 90 dage og auditrækker ældre end
SPOR_AUDIT_RETENTION_DAYS (standard 1900 dage; 0 = behold), og anonymiserer navn og e-mail for
brugere, der har været deaktiveret længere end SPOR_DEACTIVATED_RETENTION_DAYS (standard 365; 0 = aldrig).
Serveren gør det samme én gang i døgnet (SPOR_PURGE_HOUR). Se docs/deployment.md.

  --dry-run  vis hvad der ville blive slettet, og slet intet`,
    options: { "dry-run": { type: "boolean" } },
    positionals: 0,
    run: ({ values }) => runPurge(Boolean(values["dry-run"])),
  },
  {
    path: ["import", "csv"],
    summary: "indlæs en upload-fil (Spors eller TraceTools skabelon)",
    usage: `npx spor import csv FIL --municipality NR [--preview] [--create-units] [--join-round] [--allow-duplicate]

Indlæser en upload-fil (Spors eller TraceTools skabelon) som én batch: alt eller intet, med
linjenumre på fejl.
  --municipality NR  kommunenummer
  --preview          tjek filen og vis, hvad der ville blive indlæst; intet gemmes
  --create-units     opret enheder, filen nævner, men som ikke findes
${IMPORT_FLAGS}`,
    options: IMPORT_OPTIONS,
    positionals: 1,
    run: (args) => runImport("csv", one(args, "Angiv præcis én fil: npx spor import csv FIL --municipality NR"), importOptions(args)),
  },
  {
    path: ["import", "legacy"],
    summary: "indlæs en rå-eksport fra Det Digitale Landkort",
    usage: `npx spor import legacy FIL --municipality NR [--preview] [--create-units] [--join-round] [--allow-duplicate] [--timed-units LOGIN,LOGIN]

Indlæser en rå-eksport fra Det Digitale Landkort (TraceTools gamle data) som én batch, med de
ekstra spørgsmål, filen har kolonner for.
  --municipality NR  kommunenummer
  --preview          tjek filen og vis, hvad der ville blive indlæst; intet gemmes
  --create-units     opret enheder for logins, der ikke passer til en enhed
${IMPORT_FLAGS}
  --timed-units LOGIN,LOGIN
                     enhederne (login i filen), der målte tid: kun deres start og slut tæller i
                     Tidsforbrug (standard: ingen)`,
    options: { ...IMPORT_OPTIONS, "timed-units": { type: "string", multiple: true } },
    positionals: 1,
    run: (args) =>
      runImport("legacy", one(args, "Angiv præcis én fil: npx spor import legacy FIL --municipality NR"), {
        ...importOptions(args),
        "timed-units": listOption(args.values, "timed-units"),
      }),
  },
  {
    path: ["export", "registrations"],
    summary: "eksportér registreringer (alle kommuner uden --municipality)",
    usage: `npx spor export registrations [--municipality NR] [--from DATO --to DATO] [--format csv|legacy] [--out FIL]

Eksporterer registreringer, én række pr. registrering, i tidsorden (docs/formats.md).
  --municipality NR      kun denne kommune (standard: alle kommuner)
  --from DATO --to DATO  datoer i dansk tid, åååå-mm-dd, begge med
  --format csv|legacy    Spors CSV (standard) eller Det Digitale Landkorts gamle layout
  --out FIL              skriv til filen i stedet for standard output`,
    options: {
      municipality: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    },
    positionals: 0,
    run: ({ values }) =>
      runExport({
        municipality: stringOption(values, "municipality"),
        from: stringOption(values, "from"),
        to: stringOption(values, "to"),
        format: stringOption(values, "format"),
        out: stringOption(values, "out"),
      }),
  },
  {
    path: ["report"],
    summary: "udskriv en rapports tabeller som CSV eller JSON",
    usage: reportUsage,
    options: REPORT_OPTIONS,
    positionals: 1,
    run: ({ values, positionals }) => runReportCommand(positionals[0], values),
  },
];

export const usageOf = (command: CliCommand): string => (typeof command.usage === "function" ? command.usage() : command.usage);

/** `npx spor --help`: every command's synopsis and summary. */
export function overview(): string {
  const lines = COMMANDS.map((c) => `  ${usageOf(c).split("\n")[0]}\n      ${c.summary}`);
  return `spor – driftsværktøj til Spor

Brug:
${lines.join("\n")}

Hver kommando forklarer sig selv med --help, fx npx spor report --help.

${DATABASE_NOTE}`;
}
