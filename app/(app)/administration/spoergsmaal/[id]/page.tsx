import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatNumber } from "@/lib/format";
import { Badge, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { archiveQuestionAction, setNationalQuestionUnitsAction, updateQuestionAction } from "@/lib/questions/actions";
import { loadQuestionPage } from "@/lib/questions/queries";
import { requireSection } from "@/lib/auth/guards";
import { ActionForm } from "@/components/forms/action-form";
import { Hidden } from "@/components/forms/fields";
import { resolveAdminMunicipality, type SearchParams } from "../../_lib/municipality";
import { QuestionFields, UnitChecks } from "../question-fields";
import { isId } from "@/lib/ids";

export const metadata: Metadata = { title: "Ekstra spørgsmål – Administration" };

export default async function QuestionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { id } = await params;
  if (!isId(id)) notFound();
  const { municipality, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  // The municipality's own question, or one of KL's asked in its units; anything else is "not found".
  const page = await loadQuestionPage(user.access, municipality.id, id);
  if (!page) notFound();
  const { question, counts, units, rounds } = page;
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const own = question.municipalityId !== null;
  const unitIds = question.units.map((u) => u.unitId);
  const ids = { municipalityId: municipality.id, questionId: question.id };

  return (
    <>
      <p className="mb-2">
        <Link href={`/administration/spoergsmaal${query}`}>← Alle ekstra spørgsmål</Link>
      </p>
      <PageHeader title={question.text}>
        <p>
          {own ? "Kommunens eget spørgsmål" : "Spørgsmål fra KL"} ·{" "}
          {question.round ? `Stilles i ${question.round.name}` : "Stilles i alle tælleuger"}
          {question.required ? <Badge>Skal besvares</Badge> : null}
          {question.archivedAt ? <Badge>Arkiveret</Badge> : null}
        </p>
      </PageHeader>

      <Section title="Svar">
        <Table caption={`Svar i ${municipality.name} (testregistreringer ikke medregnet)`}>
          <thead>
            <tr>
              <Th>Svarmulighed</Th>
              <Th numeric>Antal</Th>
              <Th numeric>Andel</Th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.optionId}>
                <Th scope="row">{c.label}</Th>
                <Td numeric>{formatNumber(c.count)}</Td>
                <Td numeric>{total ? `${Math.round((c.count / total) * 100)} %` : "–"}</Td>
              </tr>
            ))}
            <tr>
              <Th scope="row">I alt</Th>
              <Td numeric>{formatNumber(total)}</Td>
              <Td numeric>{total ? "100 %" : "–"}</Td>
            </tr>
          </tbody>
        </Table>
      </Section>

      {readOnly ? null : own ? (
        <>
          <Section title="Ret spørgsmålet">
            <ActionForm
              action={updateQuestionAction}
              submitLabel="Gem spørgsmålet"
              label="Ret spørgsmålet"
              className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
            >
              <Hidden values={ids} />
              <QuestionFields
                idPrefix="edit"
                rounds={rounds}
                text={question.text}
                options={question.options.map((o) => o.label)}
                required={question.required}
                roundId={question.roundId}
              />
              <p className="text-sm text-slate-700">Svarmuligheder, der allerede er svaret med, kan ikke fjernes eller omdøbes.</p>
              <UnitChecks units={units} checked={unitIds} />
            </ActionForm>
          </Section>
          <Section title={question.archivedAt ? "Stil spørgsmålet igen" : "Arkivér"}>
            <ActionForm
              action={archiveQuestionAction}
              submitLabel={question.archivedAt ? "Stil spørgsmålet igen" : "Arkivér spørgsmålet"}
              variant="secondary"
              label="Arkivér"
            >
              <Hidden values={{ ...ids, intent: question.archivedAt ? "reactivate" : "archive" }} />
              {question.archivedAt ? null : <p>Spørgsmålet stilles ikke længere. Svarene bevares.</p>}
            </ActionForm>
          </Section>
        </>
      ) : (
        <Section title="Enheder, der stiller spørgsmålet">
          <ActionForm
            action={setNationalQuestionUnitsAction}
            submitLabel="Gem enheder"
            label="Enheder for KL-spørgsmål"
            className="max-w-2xl space-y-4 rounded-md border border-slate-300 bg-white p-4"
          >
            <Hidden values={ids} />
            <UnitChecks units={units} checked={unitIds} />
          </ActionForm>
        </Section>
      )}
    </>
  );
}
