import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Check } from "@/components/forms/fields";
import { Input, Label } from "@/components/ui/field";
import { PageHeader, Section } from "@/components/ui/page-header";
import { approveRoundAction, reopenRoundAction } from "@/lib/approval/actions";
import { loadApprovalPage } from "@/lib/approval/queries";
import { requireSection } from "@/lib/auth/guards";
import { setCoverageThresholdAction } from "@/lib/coverage/actions";
import { formatDateTime, formatNumber } from "@/lib/format";
import { ReferenceUpload } from "./reference-upload";

export const metadata: Metadata = { title: "Dækning" };

export default async function CoveragePage() {
  const user = await requireSection("reports");
  const municipalities = await loadApprovalPage(user.access);
  return (
    <>
      <PageHeader title="Dækning">
        <p>
          Sammenlign registreringerne med det, andre systemer talte: besvarede opkald, betjente besøg og modtagne selvbetjeningsansøgninger.{" "}
          <Link href="/rapporter/daekning">Se dækningen pr. enhed, dag og kanal</Link>.
        </p>
        <p>
          Før runden godkendes: <Link href="/daekning/datakvalitet">se Datakvalitet</Link>, der finder dage uden registreringer, usædvanlige
          andele, testregistreringer og andet, der bør tjekkes pr. enhed.
        </p>
        {municipalities.length ? (
          <p>
            <Link href="/daekning/spoergeskema">Besvar KL&apos;s spørgeskema for runden</Link> (Øvrige data): svarene låses, når runden
            godkendes.
          </p>
        ) : null}
      </PageHeader>
      {municipalities.map((m) => (
        <div key={m.id}>
          {municipalities.length > 1 ? <h2 className="mb-3 mt-8 text-xl font-semibold">{m.name}</h2> : null}
          <Section title="Indlæs referencetal">
            <ReferenceUpload number={m.number} />
          </Section>
          <Section title="Grænse for dækning">
            <ActionForm action={setCoverageThresholdAction} submitLabel="Gem grænse" label={`Grænse for dækning, ${m.name}`}>
              <input type="hidden" name="municipalityId" value={m.id} />
              <Label htmlFor={`threshold-${m.id}`}>Grænse i procent</Label>
              <p id={`threshold-help-${m.id}`} className="text-slate-700">
                Enheder under grænsen står først i Dækning og får en påmindelse på registreringsskærmen dagen efter.
              </p>
              <Input
                id={`threshold-${m.id}`}
                name="threshold"
                type="number"
                min={1}
                max={100}
                defaultValue={m.coverageThreshold}
                aria-describedby={`threshold-help-${m.id}`}
                className="w-32"
              />
            </ActionForm>
          </Section>
          <Section title="Godkend rundens data">
            <p className="mb-3 text-slate-700">
              Når rundens uger er gået, godkender tovholderen kommunens data. Godkendte data er låst, og kun godkendte kommuner tæller med i
              landstal.
            </p>
            {m.rounds.length ? (
              <ul className="space-y-4">
                {m.rounds.map((r) => (
                  <li key={r.id} className="rounded-md border border-slate-300 p-4" data-round={r.name}>
                    <p className="font-semibold">{r.name}</p>
                    <p>
                      {formatNumber(r.tally.registrations)} registreringer med {formatNumber(r.tally.contacts)} henvendelser fra{" "}
                      {formatNumber(r.tally.units)} enheder.
                    </p>
                    <p>
                      <Link href={`/daekning/datakvalitet?${new URLSearchParams({ kommune: String(m.number), runde: r.code })}`}>
                        Datakvalitet for {r.name}
                      </Link>
                    </p>
                    {r.approvedAt ? (
                      <>
                        <p>
                          Godkendt {formatDateTime(r.approvedAt)}
                          {r.approvedBy ? ` af ${r.approvedBy}` : ""}. Data er låst.
                        </p>
                        <ConfirmAction
                          action={reopenRoundAction}
                          fields={{ municipalityId: m.id, roundId: r.id }}
                          triggerLabel="Genåbn"
                          triggerAriaLabel={`Genåbn ${r.name}`}
                          title={`Genåbn ${r.name}?`}
                          confirmLabel="Ja, genåbn"
                        >
                          <p>Registreringerne kan rettes igen, og kommunen tæller ikke med i landstal, før runden er godkendt igen.</p>
                        </ConfirmAction>
                      </>
                    ) : r.over ? (
                      <ConfirmAction
                        action={approveRoundAction}
                        fields={{ municipalityId: m.id, roundId: r.id }}
                        triggerLabel="Godkend data"
                        triggerAriaLabel={`Godkend data for ${r.name}`}
                        title={`Godkend data for ${r.name}?`}
                        confirmLabel="Ja, godkend"
                        formContent={
                          <Check
                            name="findingsSeen"
                            label="Jeg har set fundene"
                            hint="Kræves, når Datakvalitet har fund for runden: de noteres som set, når data godkendes."
                          />
                        }
                      >
                        <p>
                          {formatNumber(r.tally.contacts)} henvendelser fra {formatNumber(r.tally.units)} enheder låses. Tjek dækningen og
                          datakvaliteten først. Rettelser kræver, at runden genåbnes.
                        </p>
                      </ConfirmAction>
                    ) : (
                      <p>Runden er ikke slut endnu.</p>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Kommunen deltager ikke i nogen runder.</p>
            )}
          </Section>
        </div>
      ))}
      {municipalities.length === 0 ? (
        <p>
          Dækningen pr. enhed står under <Link href="/rapporter/daekning">Rapporter</Link>. Tovholderen indlæser referencetal og godkender.
        </p>
      ) : null}
    </>
  );
}
