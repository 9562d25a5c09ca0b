import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LandkortView } from "@/components/landkort/landkort-view";
import { AnswerTable } from "@/components/questionnaire/answer-table";
import { PublicPage } from "@/components/shell/public-page";
import { keyFigureOf } from "@/lib/landkort/map";
import { loadLandkort } from "@/lib/landkort/queries";
import { loadPublicAnswers } from "@/lib/questionnaire/public";
import { ReportNotFoundError } from "@/lib/reports/context";

export const metadata: Metadata = { title: "Det Digitale Landkort" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: KL's national figures per round and the municipalities that have published theirs. No session is read. */
export default async function LandkortPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // An unknown round (a typed or old link) is the ordinary 404 page, not an error.
  const loaded = await loadLandkort(one(params.runde) || undefined).catch((error: unknown) => {
    if (error instanceof ReportNotFoundError) notFound();
    throw error;
  });
  const { rounds, data } = loaded;
  const answers = data ? await loadPublicAnswers(data.round.id) : null;
  return (
    <PublicPage wide>
      <div className="space-y-6">
        <h1 className="text-2xl sm:text-3xl">Det Digitale Landkort</h1>
        <p className="max-w-3xl">
          Hvordan henvender borgere og virksomheder sig til kommunerne? Her er landstallene fra kommunernes tælleuger og tallene for de
          kommuner, der har valgt at offentliggøre deres egne.
        </p>
        {data ? (
          <>
            <LandkortView data={data} rounds={rounds} figure={keyFigureOf(one(params.noegletal))} />
            {answers?.questions.length ? (
              <section aria-labelledby="landkort-answers" className="space-y-3">
                <h2 id="landkort-answers" className="text-xl font-semibold">
                  Kommunernes svar til KL
                </h2>
                <p className="max-w-3xl">
                  KL&apos;s spørgsmål om kommunernes kanalstrategi, organisering og arbejdsform. Her vises svarene fra kommuner, der har
                  godkendt runden og offentliggør deres tal.
                </p>
                {answers.rows.length ? (
                  <AnswerTable
                    caption={`Kommunernes svar, ${data.round.name}`}
                    questions={answers.questions.map((q) => q.text)}
                    rows={answers.rows.map((r) => ({ key: String(r.number), name: r.name, cells: r.cells }))}
                  />
                ) : (
                  <p>Ingen kommuner har offentliggjort svar for runden endnu.</p>
                )}
              </section>
            ) : null}
          </>
        ) : (
          <p>Der er endnu ingen tællerunder med tal.</p>
        )}
      </div>
    </PublicPage>
  );
}
