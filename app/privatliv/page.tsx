import type { Metadata } from "next";
import { PublicPage } from "@/components/shell/public-page";
import { LOGIN_ATTEMPT_DAYS, privacyContact, retentionSettings } from "@/lib/privacy/settings";

export const metadata: Metadata = { title: "Privatliv" };

/** Years and days as staff read them: "1900 dage (ca. 5 år)". */
function period(days: number): string {
  const years = Math.round(days / 365);
  return years >= 1 ? `${days} dage (ca. ${years} år)` : `${days} dage`;
}

/**
 * The privacy notice for staff: what Spor stores about them, why and for how long, and whom to ask.
 * The periods are the installation's own settings (docs/deployment.md, "Personal data and retention").
 */
export default function PrivacyPage() {
  const { auditDays, deactivatedDays } = retentionSettings();
  const contact = privacyContact();
  return (
    <PublicPage>
      <article className="space-y-4">
        <h1 className="text-2xl sm:text-3xl">Privatliv: det gemmer Spor om dig som medarbejder</h1>
        <p>
          Spor gemmer ingen oplysninger om de borgere og virksomheder, der henvender sig. En registrering siger kun, hvilken kanal, opgave
          og afslutning henvendelsen havde. Om dig, der bruger Spor, gemmes det, der skal til, for at du kan logge ind, og for at kommunen
          kan se, hvem der har ændret hvad.
        </p>

        <h2 className="text-xl">Hvad gemmes, og hvorfor</h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            <strong>Navn og arbejdsmail</strong>, din rolle og dine enheder: så du kan logge ind og se de enheder, du registrerer for. Din
            adgangskode gemmes kun som en envejskrypteret værdi.
          </li>
          <li>
            <strong>Dine registreringer</strong> er knyttet til din bruger, så du kan rette og fortryde dine egne, og så kommunen kan se,
            hvilken enhed tallene kommer fra.
          </li>
          <li>
            <strong>Sessioner</strong> (mens du er logget ind): tidspunkt, din browsers navn og den IP-adresse, du loggede ind fra.
          </li>
          <li>
            <strong>Loginforsøg</strong>: tidspunkt og IP-adresse, så gentagne forsøg på at gætte en adgangskode kan bremses.
          </li>
          <li>
            <strong>Auditloggen</strong>: hvem der oprettede, ændrede eller slettede noget, hvornår og fra hvilken IP-adresse, så kommunen
            og KL kan forklare et tal og opdage misbrug.
          </li>
        </ul>

        <h2 className="text-xl">Hvor længe</h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>Sessioner slettes, når de udløber (senest et døgn efter, de er udløbet).</li>
          <li>Loginforsøg slettes efter {LOGIN_ATTEMPT_DAYS} dage.</li>
          <li>
            Auditloggen{" "}
            {auditDays > 0 ? (
              <>slettes efter {period(auditDays)}, så et tal kan forklares, også når en tælling sammenlignes med tællingen nogle år før.</>
            ) : (
              <>gemmes, så længe installationen kører.</>
            )}
          </li>
          <li>
            Når din bruger er deaktiveret,{" "}
            {deactivatedDays > 0 ? (
              <>
                erstattes dit navn og din mail efter {period(deactivatedDays)} med &quot;Anonymiseret bruger&quot;, og din adgangskode
                slettes.
              </>
            ) : (
              <>gemmes dit navn og din mail, til kommunen sletter dem.</>
            )}{" "}
            Registreringerne bliver, så kommunens tal ikke ændrer sig; de kan så ikke længere føres tilbage til dig.
          </li>
        </ul>

        <h2 className="text-xl">Hvem du kan spørge</h2>
        <p>
          Den kommune eller organisation, der driver denne installation af Spor, er dataansvarlig. Du har ret til at få indsigt i de
          oplysninger, der er om dig, og til at få forkerte oplysninger rettet.
        </p>
        <p>
          {contact ? (
            <>Kontakt: {contact}.</>
          ) : (
            <>Kontakt din kommunes tovholder for Spor eller kommunens databeskyttelsesrådgiver (DPO).</>
          )}
        </p>
      </article>
    </PublicPage>
  );
}
