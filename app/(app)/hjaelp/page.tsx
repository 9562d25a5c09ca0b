import type { Metadata } from "next";
import Link from "next/link";
import { FORM_OPTIONS, KEY_ADD_TASK, KEY_CLEAR, KEY_FEJL, KEY_MORE, KEY_SAVE, KEY_UNDO, keyCap } from "@/components/registration/keys";
import { Kbd } from "@/components/ui/kbd";
import { PageHeader, Section } from "@/components/ui/page-header";
import { sectionsFor } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/guards";
import type { ContactTypeGroup } from "@/lib/generated/prisma/enums";
import { CONTACT_TYPE_GROUP_LABELS, CONTACT_TYPES, HANDOFF_CLOSURE, REGISTRATION_CLOSURES } from "@/lib/reference/codes";
import { ShortcutTable } from "./shortcut-table";

export const metadata: Metadata = { title: "Sådan tæller du" };

// The contact types and closures come from the same code tables the registration screen shows
// (lib/reference/codes.ts), and the keys from components/registration/keys.ts, so the help
// cannot drift from the screen. Only the short explanations below are written here.

const GROUP_HINTS: Record<ContactTypeGroup, string> = {
  TRANSACTION: "Borgeren sætter noget i gang eller ændrer noget på en sag.",
  CASE_INFORMATION: "Borgeren spørger til en bestemt sag uden at ændre den.",
  GENERAL_INFORMATION: "Henvendelsen handler ikke om en bestemt sag.",
};

const CLOSURE_HINTS: Record<string, string> = {
  STRAKS: "Henvendelsen er klaret, når du afslutter kontakten.",
  HOLD: "Der skal arbejdes videre med sagen bagefter, af dig eller en kollega.",
  VIDERE: "Du har sendt borgeren eller sagen videre til en anden enhed, som afslutter henvendelsen. Den tæller hos dem, ikke hos jer.",
};

const GROUPS = Object.keys(CONTACT_TYPE_GROUP_LABELS) as ContactTypeGroup[];

/** The counting rules in plain Danish for everyone who is signed in: registrants first of all. */
export default async function HelpPage() {
  const user = await requireUser();
  const registers = sectionsFor(user.access).includes("registration");
  return (
    <div className="max-w-3xl">
      <PageHeader title="Sådan tæller du">
        <p>
          Reglerne for, hvad du registrerer i tælleugerne, og hvordan registreringen virker. Er du i tvivl om en henvendelse, så spørg
          kommunens tovholder.
        </p>
      </PageHeader>

      <Section title="Én registrering pr. opgave">
        <ul className="list-disc space-y-2 pl-6">
          <li>
            <strong>Registrér hver henvendelse, du afslutter.</strong> Det er den, der afslutter henvendelsen, som registrerer den – ikke
            den, der tog imod den.
          </li>
          <li>
            <strong>Én registrering pr. opgave.</strong> Spørger en borger om to opgaver, fx pas og flytning, er det to registreringer.
          </li>
          <li>
            <strong>En telefonbesked, du ringer tilbage på senere,</strong> er to registreringer: én indgående og én udgående.
          </li>
          <li>
            <strong>En udgående e-mail til flere modtagere</strong> tæller én gang for hver modtager.
          </li>
          <li>
            <strong>En blanket er aldrig en henvendelse i sig selv.</strong> Du angiver blot i trinnet Blanket, om der fulgte en blanket med
            henvendelsen.
          </li>
        </ul>
      </Section>

      <Section title="Én henvendelse om flere opgaver">
        <p>
          Gælder henvendelsen flere opgaver, registrerer du den i ét hug: vælg kanal og den første opgave, og tryk{" "}
          <Kbd announce>{keyCap(KEY_ADD_TASK)}</Kbd> (eller knappen »Tilføj opgave«). Vælg så den næste opgave, og tryk{" "}
          <Kbd announce>{keyCap(KEY_ADD_TASK)}</Kbd> igen for hver ekstra opgave. Gem gemmer én registrering pr. opgave, alle på én gang.
        </p>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            <strong>Samme type og afslutning til alle:</strong> vælg opgaverne først og type og afslutning til sidst. Opgaver, du tilføjede
            uden type og afslutning, får de valg, du træffer til sidst.
          </li>
          <li>
            <strong>Forskellig type eller afslutning:</strong> vælg type og afslutning for opgaven, før du trykker {keyCap(KEY_ADD_TASK)}.
            Den næste opgave starter med de samme valg, og du kan ændre dem.
          </li>
          <li>Kanal, blanket og ekstra spørgsmål gælder hele henvendelsen. Måler enheden tid, tæller tiden med på den første opgave.</li>
          <li>Er du uden forbindelse, venter hele henvendelsen på computeren og sendes samlet, når forbindelsen er tilbage.</li>
          <li>
            Trykker du Gentag eller en favorit, mens der står opgaver på henvendelsen, gemmer Spor først henvendelsen for sig (med den
            opgave, du er ved at vælge, hvis den er færdig) og så Gentag eller favoritten som en ny henvendelse. Mangler henvendelsen stadig
            et valg, bliver den stående, og Spor siger, hvad der mangler.
          </li>
          <li>
            {keyCap(KEY_CLEAR)} eller Ryd fjerner opgaverne på henvendelsen uden at gemme dem, og Spor siger det. Skifter du enhed,
            genindlæser eller forlader siden, før du har gemt, husker Spor henvendelsen i browserfanen resten af dagen: den står klar igen,
            når du kommer tilbage til enheden. Den tæller først med, når du gemmer den.
          </li>
        </ul>
      </Section>

      <Section title="Stillet videre til en anden enhed">
        <p>
          En henvendelse tælles <strong>én gang, af den enhed, der afslutter den</strong>. Sender du borgeren eller sagen videre til en
          anden enhed i kommunen, som så klarer henvendelsen, vælger du afslutningen <strong>{HANDOFF_CLOSURE.label}</strong>. Den anden
          enhed registrerer henvendelsen, når de afslutter den.
        </p>
        <p>
          En henvendelse, der er stillet videre, gemmes og står i din liste, men den tæller ikke med i jeres tal eller i kommunens rapporter
          – ellers ville den tælle to gange. Sender du borgeren videre til en anden myndighed uden for kommunen, er det en fejlhenvendelse.
        </p>
      </Section>

      <Section title="Det tæller ikke med">
        <ul className="list-disc space-y-2 pl-6">
          <li>interne henvendelser fra kolleger og andre afdelinger i kommunen</li>
          <li>private henvendelser</li>
          <li>spam og nyhedsbreve</li>
        </ul>
        <p>Dem skal du ikke registrere.</p>
      </Section>

      <Section title="Fejlhenvendelse">
        <p>
          Vælg <strong>Fejlhenvendelse</strong>, når henvendelsen handler om noget, kommunen ikke har ansvaret for, fx et spørgsmål, der
          hører til en anden myndighed. Fejlhenvendelse er både en opgave og en type: vælger du den ene, vælger Spor også den anden. I
          trinnet Opgave har den tasten <Kbd announce>{keyCap(KEY_FEJL)}</Kbd>.
        </p>
        <p>
          <strong>Udbetaling Danmarks opgaver er ikke fejlhenvendelser.</strong> Opgaver som folkepension, boligstøtte og børneydelse har
          Udbetaling Danmark overtaget, men de er med i tællingen, så kommunen kan se, hvor mange der stadig henvender sig her om dem.
          Registrér henvendelsen på opgaven, fx med typen Generelle råd og vejledning. Vælger du Fejlhenvendelse i en enhed, der tæller
          sådanne opgaver, minder registreringssiden dig om det – det er kun et råd, du kan altid gemme.
        </p>
      </Section>

      <Section title="Kanal, type, afslutning og blanket">
        <h3 className="text-lg">Kanal</h3>
        <p>
          Vælg den kanal, henvendelsen kom ad. <strong>Ind</strong> er, når borgeren eller virksomheden henvender sig til kommunen;{" "}
          <strong>Ud</strong> er, når kommunen tager kontakten. Du ser kun de kanaler, din enhed tæller.
        </p>
        <h3 className="text-lg">Type</h3>
        <dl className="space-y-3" data-help-types="">
          {GROUPS.map((group) => (
            <div key={group}>
              <dt className="font-semibold">{CONTACT_TYPE_GROUP_LABELS[group]}</dt>
              <dd className="text-slate-700">{GROUP_HINTS[group]}</dd>
              <dd>
                <ul className="list-disc pl-6">
                  {CONTACT_TYPES.filter((t) => t.group === group).map((t) => (
                    <li key={t.code}>{t.label}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
        <h3 className="text-lg">Afslutning</h3>
        <ul className="list-disc space-y-1 pl-6" data-help-closures="">
          {REGISTRATION_CLOSURES.map((c) => (
            <li key={c.code}>
              <strong>{c.label}</strong>
              {CLOSURE_HINTS[c.code] ? `: ${CLOSURE_HINTS[c.code]}` : null}
            </li>
          ))}
        </ul>
        <h3 className="text-lg">Blanket</h3>
        <p>
          Angiv, om en papirblanket eller digital blanket fulgte med henvendelsen: {FORM_OPTIONS.map((o) => `»${o.label}«`).join(" eller ")}
          . Spørgsmålet stilles kun ved de kanaler, hvor en blanket kan følge med – aldrig ved telefon.
        </p>
      </Section>

      <Section title="Genvejstaster">
        <p>
          Tasterne med ét tegn virker overalt på registreringssiden, undtagen når du skriver i et tekstfelt (fx søgefeltet eller navnet på
          en favorit). Feltet »Aktivt trin« viser, hvad en tast gør lige nu. Du kan slå tasterne fra under »Genvejstaster med én tast« på
          registreringssiden. {keyCap(KEY_SAVE)} og {keyCap(KEY_CLEAR)} virker altid.
        </p>
        <p>
          Hvert valg har sin tast, og tasten står på feltet: de første ni har tallene 1–9, de næste bogstaverne, og er der endnu flere,
          trykker du {keyCap(KEY_MORE)} og derefter tasten for valget. Tasterne følger den rækkefølge, tovholderen har sat for enheden, så
          de er de samme hele runden. Trykker du en tast, før siden er helt indlæst, bliver den husket og brugt.
        </p>
        <ShortcutTable />
      </Section>

      <Section title="Fortryd og ret">
        <p>
          Har du gemt noget forkert, så tryk <Kbd announce>{keyCap(KEY_UNDO)}</Kbd> eller Fortryd lige efter. Senere kan du rette eller
          slette dine registreringer fra i dag i listen »Dine registreringer i dag«.
        </p>
      </Section>

      <Section title="Prøvetælling">
        <p>
          Når din enhed øver sig før tælleugerne, står der <strong>Prøvetælling</strong> øverst på registreringssiden. Registreringerne
          markeres som test: de kommer aldrig med i rapporter eller udtræk, og tovholderen kan slette dem alle på én gang. Øv dig bare løs.
        </p>
      </Section>

      <Section title="Uden for tælleugerne">
        <p>
          Registrerer du i en uge, der ikke er en af kommunens tælleuger, gemmes registreringen stadig, men den markeres som uden for
          tælleugerne. Rapporterne tager dem kun med, hvis man beder om det. Registreringssiden viser altid, om den aktuelle uge tæller.
        </p>
      </Section>

      <Section title="Uden forbindelse">
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Mister du forbindelsen, kan du registrere videre. Registreringerne gemmes i browseren på denne computer og sendes automatisk,
            når forbindelsen er tilbage.
          </li>
          <li>
            Indtil da står de som »Afventer afsendelse« i listen over dagens registreringer. De bliver kun sendt, mens du er logget ind i
            den samme browser, så log ind igen, hvis Spor beder om det.
          </li>
          <li>Ryd ikke browserens data, og luk ikke et privat vindue, før alt er sendt.</li>
        </ul>
      </Section>

      {registers ? (
        <p>
          <Link href="/registrering" className="inline-flex min-h-11 items-center">
            Til registreringen
          </Link>
        </p>
      ) : null}
    </div>
  );
}
