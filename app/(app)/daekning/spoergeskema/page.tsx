import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { Hidden } from "@/components/forms/fields";
import { PageHeader, Section } from "@/components/ui/page-header";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { requirePageAccess } from "@/lib/auth/guards";
import { saveAnswersAction } from "@/lib/questionnaire/actions";
import { TEXT_ANSWER_MAX } from "@/lib/questionnaire/kinds";
import { loadAnswerPage } from "@/lib/questionnaire/queries";
import { AnswerField } from "./answer-fields";

export const metadata: Metadata = { title: "Spørgeskema" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The coordinator answers KL's questionnaire for the round ("Øvrige data"), until the round is approved. */
export default async function AnswerQuestionnairePage({ searchParams }: { searchParams: SearchParams }) {
  const { access } = await requirePageAccess((a) => coordinatorMunicipalityIds(a).length > 0);
  const runde = (await searchParams).runde;
  const municipalities = await loadAnswerPage(access, typeof runde === "string" ? runde : undefined);
  return (
    <>
      <PageHeader title="Spørgeskema fra KL">
        <p>
          KL stiller hver runde nogle spørgsmål om kommunen – fx kanalstrategi, dokumentationsmetode og organisering. Svarene handler om
          kommunen, aldrig om borgere, og et tekstsvar er højst {TEXT_ANSWER_MAX} tegn.
        </p>
        <p>
          Svarene kan rettes, indtil kommunen godkender rundens data under <Link href="/daekning">Dækning</Link>; så låses de med
          registreringerne.
        </p>
      </PageHeader>
      {municipalities.map((m) => (
        <div key={m.id}>
          {municipalities.length > 1 ? <h2 className="mb-3 mt-8 text-xl font-semibold">{m.name}</h2> : null}
          {m.round ? (
            <Section title={m.round.name}>
              {m.rounds.length > 1 ? (
                <nav aria-label={`Runder, ${m.name}`} className="mb-4 flex flex-wrap gap-3">
                  {m.rounds.map((r) => (
                    <Link
                      key={r.id}
                      href={`/daekning/spoergeskema?${new URLSearchParams({ runde: r.code })}`}
                      aria-current={r.id === m.round!.id ? "page" : undefined}
                    >
                      {r.name}
                    </Link>
                  ))}
                </nav>
              ) : null}
              {m.round.approved ? (
                <>
                  <p className="mb-3 font-medium">
                    Rundens data er godkendt, så svarene er låst. Genåbn runden under Dækning for at rette dem.
                  </p>
                  <div className="space-y-4">
                    {m.round.questions.map((q, i) => (
                      <AnswerField key={q.id} question={q} number={i + 1} locked />
                    ))}
                  </div>
                </>
              ) : (
                <ActionForm
                  action={saveAnswersAction}
                  submitLabel="Gem svarene"
                  label={`Spørgeskema, ${m.name}, ${m.round.name}`}
                  className="space-y-4"
                >
                  <Hidden values={{ municipalityId: m.id, roundId: m.round.id }} />
                  {m.round.questions.map((q, i) => (
                    <AnswerField key={q.id} question={q} number={i + 1} locked={false} />
                  ))}
                </ActionForm>
              )}
            </Section>
          ) : (
            <p>KL har ikke stillet spørgsmål i de runder, {m.name} tæller i.</p>
          )}
        </div>
      ))}
    </>
  );
}
