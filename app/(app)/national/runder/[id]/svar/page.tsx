import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnswerTable } from "@/components/questionnaire/answer-table";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader, Section } from "@/components/ui/page-header";
import { requireSection } from "@/lib/auth/guards";
import { loadAnswerMatrix } from "@/lib/questionnaire/queries";

export const metadata: Metadata = { title: "Kommunernes svar" };

/** KL reads the round questionnaire's answers side by side: municipalities as rows, questions as columns. */
export default async function AnswerMatrixPage({ params }: { params: Promise<{ id: string }> }) {
  const { access } = await requireSection("national");
  const { id } = await params;
  const matrix = await loadAnswerMatrix(access, id);
  if (!matrix) notFound();
  const choice = matrix.questions.find((q) => q.kind === "CHOICE" && q.options.length);
  return (
    <>
      <BackLink href={`/national/runder/${matrix.round.id}/spoergeskema`}>Tilbage til spørgeskemaet</BackLink>
      <PageHeader title={`Kommunernes svar: ${matrix.round.name}`}>
        <p>Kommuner, der tæller i runden eller har svaret. En tom celle er ikke besvaret.</p>
        <p>
          <a href={`/api/exports/questionnaire?${new URLSearchParams({ runde: matrix.round.code })}`} download>
            Hent svarene som CSV
          </a>
        </p>
        {choice ? (
          <p>
            Brug et enkeltvalg som filter i landstallene, fx{" "}
            <Link href={`/rapporter/selvbetjening?${new URLSearchParams({ runde: matrix.round.code, svar: choice.options[0].id })}`}>
              selvbetjeningsgraden for kommuner, der har svaret «{choice.options[0].label}» på «{choice.text}»
            </Link>
            , eller{" "}
            <Link href={`/rapporter/selvbetjening?${new URLSearchParams({ runde: matrix.round.code, gruppering: choice.id })}`}>
              selvbetjeningsgraden pr. svar på «{choice.text}»
            </Link>
            .
          </p>
        ) : null}
      </PageHeader>
      <Section title="Svar side om side">
        {matrix.questions.length ? (
          <AnswerTable
            caption={`Svar pr. kommune, ${matrix.round.name}`}
            questions={matrix.questions.map((q) => q.text)}
            rows={matrix.rows.map((r) => ({
              key: String(r.number),
              name: `${r.name} (${r.number})`,
              note: r.approved ? "Godkendt" : "Ikke godkendt",
              cells: r.cells,
            }))}
            noteHeading="Runden"
          />
        ) : (
          <p>Runden har intet spørgeskema.</p>
        )}
      </Section>
    </>
  );
}
