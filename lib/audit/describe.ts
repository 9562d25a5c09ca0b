import { formatDate, formatDateTime } from "@/lib/format";

// The audit log in Danish: the one place that turns an event's action name and its before/after
// JSON into words. Each audited action has a label ("Enhed omdøbt") and a verb for the sentence
// "Anna Jensen omdøbte enheden Borgerservice"; the values before and after become "Navn: Borgerservice;
// Type: Borgerservice" with Danish field names, yes/no, Danish dates and times, and names instead of ids
// where the log knows them. tests/unit/audit-describe.test.ts covers every action below.

export interface AuditActionText {
  /** The event as a heading: "Enhed omdøbt eller ændret type". */
  label: string;
  /** What the actor did, after their name: "ændrede enheden", "loggede ind". */
  verb: string;
  /** Whose name follows the verb: the unit's, the person's, the municipality's. */
  object?: "unit" | "user";
}

export const AUDIT_ACTIONS: Record<string, AuditActionText> = {
  "unit.create": { label: "Enhed oprettet", verb: "oprettede enheden", object: "unit" },
  "unit.update": { label: "Enhed omdøbt eller ændret type", verb: "omdøbte eller ændrede type for enheden", object: "unit" },
  "unit.move": { label: "Enhed flyttet", verb: "flyttede enheden", object: "unit" },
  "unit.archive": { label: "Enhed arkiveret", verb: "arkiverede enheden", object: "unit" },
  "unit.reactivate": { label: "Enhed genaktiveret", verb: "genaktiverede enheden", object: "unit" },
  "unit.delete": { label: "Enhed slettet", verb: "slettede enheden", object: "unit" },
  "unit.channels": { label: "Kanaler ændret", verb: "ændrede kanalerne for enheden", object: "unit" },
  "unit.channels.order": { label: "Kanalernes rækkefølge ændret", verb: "ændrede kanalernes rækkefølge for enheden", object: "unit" },
  "unit.tasks.add": { label: "Opgaver tilføjet", verb: "tilføjede opgaver til enheden", object: "unit" },
  "unit.tasks.remove": { label: "Opgaver fjernet", verb: "fjernede opgaver fra enheden", object: "unit" },
  "unit.tasks.order": { label: "Opgavernes rækkefølge ændret", verb: "ændrede opgavernes rækkefølge for enheden", object: "unit" },
  "unit.copy": { label: "Opsætning kopieret fra anden enhed", verb: "kopierede opsætning til enheden", object: "unit" },
  "unit.options": { label: "Indstillinger ændret", verb: "ændrede indstillingerne for enheden", object: "unit" },
  "unit.test-registrations.delete": {
    label: "Testregistreringer slettet",
    verb: "slettede testregistreringerne i enheden",
    object: "unit",
  },
  "unit.login.create": { label: "Fælles login oprettet", verb: "oprettede et fælles login til enheden", object: "unit" },
  "unit.login.rename": { label: "Fælles logins navn ændret", verb: "ændrede navnet på det fælles login til enheden", object: "unit" },
  "unit.login.enable": { label: "Fælles login slået til igen", verb: "slog det fælles login til igen for enheden", object: "unit" },
  "unit.login.password": {
    label: "Ny adgangskode til fælles login",
    verb: "gav det fælles login en ny adgangskode for enheden",
    object: "unit",
  },
  "unit.login.disable": { label: "Fælles login slået fra", verb: "slog det fælles login fra for enheden", object: "unit" },
  "setup.start-from-last-round": { label: "Startet fra sidste runde", verb: "startede kommunens opsætning fra sidste runde" },
  "weeks.round.set": { label: "Tælleuger i runde valgt", verb: "valgte tælleuger i en runde" },
  "weeks.round.leave": { label: "Runde fravalgt", verb: "meldte kommunen ud af en runde" },
  "weeks.local.create": { label: "Lokal tælleperiode oprettet", verb: "oprettede en lokal tælleperiode" },
  "weeks.local.delete": { label: "Lokal tælleperiode slettet", verb: "slettede en lokal tælleperiode" },
  "user.invite": { label: "Bruger inviteret", verb: "inviterede", object: "user" },
  "user.create": { label: "Bruger oprettet", verb: "oprettede", object: "user" },
  "user.access": { label: "Roller og enheder ændret", verb: "ændrede roller og enheder for", object: "user" },
  "user.link.activation": { label: "Nyt aktiveringslink", verb: "lavede et nyt aktiveringslink til", object: "user" },
  "user.link.reset": { label: "Link til ny adgangskode", verb: "lavede et link til ny adgangskode til", object: "user" },
  "user.links.download": { label: "Aktiveringslinks hentet som CSV", verb: "hentede aktiveringslinks som CSV" },
  "user.activate": { label: "Bruger aktiveret", verb: "aktiverede sin konto" },
  "user.password-reset": { label: "Adgangskode skiftet via link", verb: "skiftede adgangskode via link" },
  "user.deactivate": { label: "Bruger deaktiveret", verb: "deaktiverede", object: "user" },
  "user.reactivate": { label: "Bruger genaktiveret", verb: "genaktiverede", object: "user" },
  "user.password-change": { label: "Adgangskode skiftet af brugeren", verb: "skiftede sin adgangskode" },
  "user.password-change.failed": { label: "Skift af adgangskode afvist", verb: "fik afvist et skift af adgangskode" },
  "login.success": { label: "Logget ind", verb: "loggede ind" },
  "login.failure": { label: "Mislykket login", verb: "fik afvist et login" },
  logout: { label: "Logget ud", verb: "loggede ud" },
  "session.revoke": { label: "Sessioner afsluttet", verb: "afsluttede sessioner for", object: "user" },
  "session.expire": { label: "Session udløbet (maksimal varighed)", verb: "blev logget ud, fordi sessionen var for gammel" },
  "access.denied": { label: "Adgang nægtet", verb: "blev nægtet adgang" },
  "privacy.purge": {
    label: "Persondata slettet efter opbevaringsperioden",
    verb: "slettede udløbne sessioner, gamle loginforsøg og auditrækker og anonymiserede deaktiverede brugere",
  },
  "questionnaire.question.create": { label: "Spørgsmål til rundens spørgeskema", verb: "tilføjede et spørgsmål til rundens spørgeskema" },
  "questionnaire.question.update": { label: "Spørgeskemaets spørgsmål ændret", verb: "ændrede et spørgsmål i rundens spørgeskema" },
  "questionnaire.question.delete": { label: "Spørgeskemaets spørgsmål slettet", verb: "slettede et spørgsmål fra rundens spørgeskema" },
  "questionnaire.question.move": { label: "Spørgeskemaets rækkefølge ændret", verb: "flyttede et spørgsmål i rundens spørgeskema" },
  "questionnaire.copy": { label: "Spørgeskema kopieret", verb: "kopierede spørgeskemaet fra en tidligere runde" },
  "questionnaire.answer": { label: "Spørgeskema besvaret", verb: "besvarede KL's spørgeskema for runden" },
  "question.create": { label: "Ekstra spørgsmål oprettet", verb: "oprettede et ekstra spørgsmål" },
  "question.create.national": { label: "Ekstra spørgsmål fra KL", verb: "oprettede et ekstra spørgsmål for KL" },
  "question.update": { label: "Ekstra spørgsmål ændret", verb: "ændrede et ekstra spørgsmål" },
  "question.units": { label: "Enheder for KL-spørgsmål ændret", verb: "ændrede hvilke enheder der stiller KL's spørgsmål" },
  "question.archive": { label: "Ekstra spørgsmål arkiveret", verb: "arkiverede et ekstra spørgsmål" },
  "question.reactivate": { label: "Ekstra spørgsmål genaktiveret", verb: "genaktiverede et ekstra spørgsmål" },
  "api-token.create": { label: "API-nøgle oprettet", verb: "oprettede en API-nøgle" },
  "api-token.revoke": { label: "API-nøgle tilbagekaldt", verb: "tilbagekaldte en API-nøgle" },
  "registration.correct": { label: "Registrering rettet", verb: "rettede en registrering i enheden", object: "unit" },
  "registration.undo": { label: "Registrering fortrudt", verb: "fortrød en registrering i enheden", object: "unit" },
  "registration.delete": { label: "Registrering slettet", verb: "slettede en registrering i enheden", object: "unit" },
  "batch.create": { label: "Registreringer indlæst", verb: "indlæste registreringer" },
  "batch.undo": { label: "Indlæsning fortrudt", verb: "fortrød en indlæsning" },
  "reference.import": { label: "Referencetal indlæst", verb: "indlæste referencetal fra andre systemer" },
  "coverage.threshold": { label: "Dækningsgrænse ændret", verb: "ændrede grænsen for dækning" },
  "quality.thresholds": { label: "Grænser for Datakvalitet ændret", verb: "ændrede grænserne for fund i Datakvalitet" },
  "selfservice.vendor.import": { label: "Leverandørdata om selvbetjening indlæst", verb: "indlæste KL's leverandørdata om selvbetjening" },
  "selfservice.grid.save": { label: "Egne selvbetjeningstal gemt", verb: "gemte kommunens egne tal for selvbetjening" },
  "selfservice.choice": { label: "Kilde til selvbetjening valgt", verb: "valgte hvilken kilde til selvbetjening der tæller for en opgave" },
  "round.approve": { label: "Runde godkendt", verb: "godkendte kommunens data for en runde" },
  "round.reopen": { label: "Godkendelse genåbnet", verb: "genåbnede kommunens data for en runde" },
  "export.registrations": { label: "Registreringer hentet", verb: "hentede registreringer" },
  "municipality.create": { label: "Kommune tilføjet til Spor", verb: "tilføjede en kommune til Spor" },
  "round.create": { label: "National tællerunde oprettet", verb: "oprettede en national tællerunde" },
  "round.update": { label: "National tællerunde rettet", verb: "rettede en national tællerunde" },
  "round.delete": { label: "National tællerunde slettet", verb: "slettede en national tællerunde" },
  "package.create": { label: "Opgavepakke oprettet", verb: "oprettede en opgavepakke" },
  "package.update": { label: "Opgavepakke omdøbt", verb: "omdøbte en opgavepakke" },
  "package.tasks.add": { label: "Opgaver tilføjet til opgavepakke", verb: "tilføjede opgaver til en opgavepakke" },
  "package.item": { label: "Opgave i opgavepakke ændret", verb: "ændrede en opgave i en opgavepakke" },
  "package.delete": { label: "Opgavepakke slettet", verb: "slettede en opgavepakke" },
  "kle.import": { label: "KLE indlæst", verb: "indlæste KLE" },
  "channel_price.set_national": { label: "Landsdækkende kanalpris ændret", verb: "ændrede en landsdækkende kanalpris" },
  "channel_price.set_local": { label: "Kommunens kanalpris ændret", verb: "ændrede kommunens kanalpris" },
  "landkort.publish": {
    label: "Tal offentliggjort på Det Digitale Landkort",
    verb: "offentliggjorde kommunens tal på Det Digitale Landkort",
  },
  "landkort.unpublish": {
    label: "Tal trukket tilbage fra Det Digitale Landkort",
    verb: "trak kommunens tal tilbage fra Det Digitale Landkort",
  },
  "sso.settings.save": {
    label: "Kommunens login (single sign-on) sat op eller ændret",
    verb: "satte kommunens login (single sign-on) op eller ændrede det",
  },
  "sso.settings.remove": { label: "Kommunens login (single sign-on) fjernet", verb: "fjernede kommunens login (single sign-on)" },
  "municipality.cvr": { label: "Kommunens CVR-nummer ændret", verb: "ændrede kommunens CVR-nummer (login via KOMBIT)" },
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action]?.label ?? `Anden hændelse (${action})`;
}

/** Names the log knows, for ids in the values: units, users, tasks. Unknown ids are not shown. */
export interface AuditNames {
  unit?: (id: string) => string | undefined;
  user?: (id: string) => string | undefined;
  task?: (id: string) => string | undefined;
}

// Field names in Danish. Fields not listed here (internal ids) are left out of the log.
const FIELDS: Record<string, string> = {
  name: "Navn",
  kind: "Type",
  publishLandkort: "Offentliggjort på Det Digitale Landkort",
  parentId: "Placering",
  channels: "Kanaler",
  tasks: "Opgaver",
  added: "Tilføjet",
  removed: "Fjernet",
  order: "Rækkefølge",
  package: "Opgavepakke",
  from: "Fra",
  to: "Til",
  mode: "Måde",
  timeMeasurement: "Tidsmåling",
  testMode: "Prøvetælling",
  testRegistrations: "Testregistreringer",
  login: "Login",
  active: "Aktiv",
  archived: "Arkiveret",
  unitLoginsDeactivated: "Fælles logins slået fra",
  unitIds: "Enheder",
  legacyLogin: "Gammelt TraceTool-login",
  reason: "Årsag",
  email: "E-mail",
  role: "Rolle",
  memberships: "Roller",
  expiresAt: "Udløber",
  sessions: "Sessioner",
  method: "Måde",
  otherSessionsRevoked: "Andre sessioner afsluttet",
  createdAt: "Oprettet",
  text: "Spørgsmål",
  required: "Skal besvares",
  options: "Svarmuligheder",
  round: "Runde",
  weeks: "Uger",
  startsOn: "Fra",
  endsOn: "Til",
  year: "År",
  firstWeek: "Første uge",
  description: "Beskrivelse",
  copiedFrom: "Kopieret fra",
  obligatory: "Obligatorisk",
  needGroup: "Behovsgruppe",
  task: "Opgave",
  publishedOn: "KLE-udgave",
  created: "Nye",
  updated: "Ændrede",
  unchanged: "Uændrede",
  titlesHeld: "Titler holdt fast i runder i gang",
  prefix: "Nøglens begyndelse",
  number: "Kommunenr.",
  by: "Udført med",
  fileName: "Fil",
  rowCount: "Rækker",
  threshold: "Grænse for dækning (%)",
  fejlShare: "Grænse for fejlhenvendelser (%)",
  straksShare: "Grænse for straksafsluttet (%)",
  oneTaskShare: "Grænse for én opgave (%)",
  rareFormShare: "Grænse for blanket på SMS, chat og sociale medier (%)",
  approvedAt: "Godkendt",
  findings: "Fund i Datakvalitet",
  findingsSeen: "Fundene set",
  referenceCounts: "Referencetal",
  totalQuantity: "Henvendelser",
  confirmedDuplicate: "Samme fil igen, bekræftet",
  registrations: "Registreringer",
  removedQuestions: "Spørgsmål fjernet",
  removedOptions: "Svarmuligheder fjernet",
  format: "Format",
  municipalityIds: "Kommuner",
  taskIds: "Opgaver",
  channelCodes: "Kanaler",
  channelCode: "Kanal",
  taskId: "Opgave",
  contactTypeCode: "Henvendelsestype",
  closureCode: "Afslutning",
  form: "Blanket",
  occurredAt: "Tidspunkt",
  answers: "Svar på ekstra spørgsmål",
  priceOre: "Pris",
  validFrom: "Gælder fra",
  unitsCreated: "Enheder oprettet",
  unitsReactivated: "Enheder genaktiveret",
  unitsMoved: "Enheder flyttet",
  unitsChanged: "Enheder ændret",
  channelChanges: "Kanalændringer",
  taskChanges: "Opgaveændringer",
  obligatoryAdded: "Obligatoriske opgaver tilføjet",
  skipped: "Sprunget over",
  units: "Enheder",
  provider: "Kommunens login",
  cvr: "CVR-nummer",
  source: "Kilde",
  issuer: "Udsteder",
  clientId: "Klient-id",
  emailClaim: "Claim med e-mail",
  enabled: "Slået til",
  passwordDisabled: "Adgangskode slået fra",
  secretChanged: "Ny klienthemmelighed",
};

const ROLES: Record<string, string> = {
  REGISTRANT: "medarbejder",
  UNIT_LEAD: "enhedsleder",
  COORDINATOR: "koordinator",
  NATIONAL: "KL (national)",
};
const UNIT_KINDS: Record<string, string> = {
  CITIZEN_SERVICE: "Borgerservice",
  JOB_CENTRE: "Jobcenter",
  TECHNICAL: "Teknik og miljø",
  SOCIAL: "Social og sundhed",
  OTHER: "Anden",
};
const REASONS: Record<string, string> = {
  "max-age": "sessionen havde nået sin maksimale varighed",
  throttled: "for mange forsøg",
  policy: "adgangskoden opfyldte ikke kravene",
  deactivated: "brugeren blev deaktiveret",
  activation: "kontoen blev aktiveret",
  "password-reset": "adgangskoden blev skiftet via link",
  import: "indlæsning af en fil",
  "wrong-password": "forkert adgangskode",
  "unknown-user": "ukendt bruger",
  inactive: "brugeren er deaktiveret",
  ukendt: "ukendt i Spor",
  deaktiveret: "brugeren er deaktiveret",
  "anden-kommune": "brugeren hører til en anden kommune",
  "ingen-email": "kommunens login sendte ingen e-mail",
  "ukendt-kommune": "kommunens CVR-nummer er ikke registreret i Spor",
  "ingen-rolle": "ingen af Spors roller i KOMBITs svar",
  "ingen-enhed": "rollens enheder findes ikke i Spor",
  mislykket: "svaret kunne ikke godkendes (signatur, tid, modtager eller genbrug)",
};
const MODES: Record<string, string> = { add: "tilføjet til det, enheden havde", replace: "erstattede det, enheden havde" };
const FORMATS: Record<string, string> = { csv: "CSV", xlsx: "Excel (XLSX)", json: "JSON" };
const KINDS: Record<string, string> = {
  MASS: "masseregistrering",
  UPLOAD: "upload",
  API: "API",
  LEGACY_IMPORT: "gammel rådata-eksport",
  REFERENCE_UPLOAD: "referencetal (fil)",
  REFERENCE_API: "referencetal (API)",
};

const yesNo = (v: boolean) => (v ? "ja" : "nej");
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A list, at most `max` items shown: "a, b, c … (40 i alt)". */
function list(items: string[], max = 12): string {
  if (!items.length) return "ingen";
  return items.length > max ? `${items.slice(0, max).join(", ")} … (${items.length} i alt)` : items.join(", ");
}

/** One value in words, by its field. */
export function describeValue(key: string, value: unknown, names: AuditNames = {}): string | null {
  if (value === null || value === undefined) {
    if (key === "parentId") return "øverst i træet";
    if (key === "priceOre") return "ingen egen pris";
    if (key === "fejlShare" || key === "straksShare" || key === "oneTaskShare" || key === "rareFormShare") return "standard";
    return key === "package" || key === "copiedFrom" || key === "needGroup" || key === "cvr" ? "ingen" : null;
  }
  if (typeof value === "boolean") return yesNo(value);
  switch (key) {
    case "role":
      return ROLES[String(value)] ?? String(value);
    case "kind":
      return UNIT_KINDS[String(value)] ?? KINDS[String(value)] ?? String(value);
    case "reason":
      return REASONS[String(value)] ?? String(value);
    case "mode":
      return MODES[String(value)] ?? String(value);
    case "format":
      return FORMATS[String(value)] ?? String(value);
    case "method":
      return value === "password"
        ? "adgangskode"
        : value === "sso"
          ? "kommunens login (single sign-on)"
          : value === "saml"
            ? "fælleskommunalt login (KOMBIT)"
            : String(value);
    case "source":
      return value === "saml" ? "KOMBITs administrationsmodul" : String(value);
    case "by":
      return value === "cli" ? "kommandolinjen" : String(value);
    case "priceOre":
      return `${new Intl.NumberFormat("da-DK", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value) / 100)} kr.`;
    case "parentId":
      return names.unit?.(String(value)) ?? "en anden enhed";
    case "taskId":
      return names.task?.(String(value)) ?? "en opgave";
    case "unitIds":
      if (Array.isArray(value)) {
        const known = value.map((id) => names.unit?.(String(id))).filter((n): n is string => Boolean(n));
        return known.length === value.length ? list(known) : `${value.length} ${value.length === 1 ? "enhed" : "enheder"}`;
      }
      break;
    case "taskIds":
    case "municipalityIds":
      if (Array.isArray(value)) return value.length ? `${value.length} valgt` : "alle";
      break;
    case "channelCodes":
      if (Array.isArray(value)) return value.length ? list(value.map(String)) : "alle";
      break;
    case "memberships":
      if (Array.isArray(value)) {
        return list(
          value.map((m) => {
            const role = ROLES[String((m as { role?: unknown }).role)] ?? String((m as { role?: unknown }).role ?? "");
            const unit = (m as { unitId?: string | null }).unitId ? names.unit?.(String((m as { unitId: string }).unitId)) : undefined;
            return unit ? `${role} i ${unit}` : role;
          }),
        );
      }
      break;
    case "answers":
      if (Array.isArray(value)) return value.length ? `${value.length}` : "ingen";
      break;
    case "weeks":
      if (Array.isArray(value)) return value.length ? `uge ${value.join(", ")}` : "ingen";
      return String(value);
    case "options":
      if (Array.isArray(value))
        return list(value.map((o) => (typeof o === "object" && o !== null ? String((o as { label?: unknown }).label ?? "") : String(o))));
      break;
    case "from":
    case "to":
      if (typeof value === "object") return String((value as { name?: unknown }).name ?? "");
      break;
    case "units":
      if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? "enhed" : "enheder"}`;
      break;
  }
  if (typeof value === "string") {
    if (ISO_DATE.test(value)) return formatDate(new Date(`${value}T00:00:00Z`));
    if (ISO_TIME.test(value)) return formatDateTime(new Date(value));
    return value;
  }
  if (typeof value === "number") return new Intl.NumberFormat("da-DK").format(value);
  if (Array.isArray(value)) return list(value.map((v) => (typeof v === "object" ? "…" : String(v))));
  return null;
}

/** The values of a before or after in words: "Navn: Borgerservice; Aktiv: nej". Empty when nothing to show. */
export function describeValues(value: unknown, names: AuditNames = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object" || Array.isArray(value)) return describeValue("", value, names) ?? "";
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const label = FIELDS[key];
    if (!label) continue; // ids and internal details are not for the log's readers
    const text = describeValue(key, v, names);
    if (text !== null && text !== "") parts.push(`${label}: ${text}`);
  }
  const out = parts.join("; ");
  return out.length > 400 ? `${out.slice(0, 400)} …` : out;
}

/**
 * The whole event as one Danish sentence: who did what to which unit or person.
 * "Anna Jensen omdøbte eller ændrede type for enheden Borgerservice."
 */
export function describeAuditEvent(event: { action: string; actor: string; unit?: string | null; subject?: string | null }): string {
  const text = AUDIT_ACTIONS[event.action];
  if (!text) return `${event.actor}: ${auditActionLabel(event.action)}${event.unit ? ` (${event.unit})` : ""}.`;
  let object = "";
  if (text.object === "unit") object = ` ${event.unit ?? "(slettet enhed)"}`;
  else if (text.object === "user") object = ` ${event.subject ?? "en bruger"}`;
  else if (event.unit) object = ` (${event.unit})`;
  return `${event.actor} ${text.verb}${object}.`;
}
