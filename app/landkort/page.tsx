import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LandkortView } from "@/components/landkort/landkort-view";
import { PublicPage } from "@/components/shell/public-page";
import { keyFigureOf } from "@/lib/landkort/map";
import { loadLandkort } from "@/lib/landkort/queries";
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
  return (
    <PublicPage wide>
      <div className="space-y-6">
        <h1 className="text-2xl sm:text-3xl">Det Digitale Landkort</h1>
        <p className="max-w-3xl">
          Hvordan henvender borgere og virksomheder sig til kommunerne? Her er landstallene fra kommunernes tælleuger og tallene for de
          kommuner, der har valgt at offentliggøre deres egne.
        </p>
        {data ? (
          <LandkortView data={data} rounds={rounds} figure={keyFigureOf(one(params.noegletal))} />
        ) : (
          <p>Der er endnu ingen tællerunder med tal.</p>
        )}
      </div>
    </PublicPage>
  );
}
