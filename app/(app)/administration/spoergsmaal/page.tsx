import type { Metadata } from "next";
import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { Badge, EmptyState, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { createNationalQuestionAction, createQuestionAction } from "@/lib/questions/actions";
import { loadQuestionsPage } from "@/lib/questions/queries";
import { isNational } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { ActionForm } from "@/components/forms/action-form";
import { AdminHeader } from "@/components/forms/admin-header";
import { Check, Fieldset, Hidden } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../_lib/municipality";
import { QuestionFields, UnitChecks } from "./question-fields";

export const metadata: Metadata = { title: "Ekstra spørgsmål – Administration" };

export default async function QuestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const { questions, units, rounds, allMunicipalities } = await loadQuestionsPage(user.access, municipality.id);

  return (
    <>
      <AdminHeader
        title="Ekstra spørgsmål"
        tab="questions"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration/spoergsmaal"
      >
        <p>
          Spørgsmål med én svarmulighed, som registranterne i de valgte enheder ser på registreringsskærmen, fx &quot;Er borgeren over eller
          under 65 år?&quot;. Svarene tælles her og kommer med i udtrækkene.
        </p>
      </AdminHeader>

      <Section title="Spørgsmål">
        {questions.length ? (
          <Table caption="Kommunens ekstra spørgsmål" captionHidden>
            <thead>
              <tr>
                <Th>Spørgsmål</Th>
                <Th>Svarmuligheder</Th>
                <Th>Hvornår</Th>
                <Th numeric>Enheder</Th>
                <Th numeric>Svar</Th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.id}>
                  <Th scope="row">
                    <Link href={`/administration/spoergsmaal/${q.id}${query}`}>{q.text}</Link>
                    {q.municipalityId === null ? <Badge>Fra KL</Badge> : null}
                    {q.required ? <Badge>Skal besvares</Badge> : null}
                    {q.archivedAt ? <Badge>Arkiveret</Badge> : null}
                  </Th>
                  <Td>{q.options.map((o) => o.label).join(" / ")}</Td>
                  <Td>{q.round?.name ?? "Alle tælleuger"}</Td>
                  <Td numeric>{formatNumber(q.units.length)}</Td>
                  <Td numeric>{formatNumber(q._count.answers)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Kommunen har ingen ekstra spørgsmål.</EmptyState>
        )}
      </Section>

      {readOnly ? null : (
        <Section title="Nyt spørgsmål">
          <ActionForm
            action={createQuestionAction}
            submitLabel="Opret spørgsmål"
            label="Nyt spørgsmål"
            className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={{ municipalityId: municipality.id }} />
            <QuestionFields idPrefix="new" rounds={rounds} />
            <UnitChecks units={units} />
          </ActionForm>
        </Section>
      )}

      {isNational(user.access) ? (
        <Section title="Spørgsmål fra KL til flere kommuner">
          <ActionForm
            action={createNationalQuestionAction}
            submitLabel="Stil spørgsmålet i de valgte kommuner"
            label="Spørgsmål fra KL"
            className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
          >
            <p className="text-sm text-slate-700">
              Spørgsmålet stilles i alle aktive enheder i de valgte kommuner. Kommunernes tovholdere kan vælge enkelte enheder fra.
            </p>
            <QuestionFields idPrefix="kl" rounds={rounds} />
            <Fieldset legend="Kommuner">
              <div className="max-h-72 overflow-y-auto">
                {allMunicipalities.map((m) => (
                  <Check key={m.id} name="municipalityIdList" value={m.id} label={`${m.number} ${m.name}`} />
                ))}
              </div>
            </Fieldset>
          </ActionForm>
        </Section>
      ) : null}
    </>
  );
}
