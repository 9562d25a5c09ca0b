import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/auth/guards";
import { loadCockpit } from "@/lib/cockpit/queries";
import { ReportNotFoundError } from "@/lib/reports/context";
import { MunicipalityView } from "./municipality-view";
import { NationalView } from "./national-view";

export const metadata: Metadata = { title: "Overblik" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where coordinators, unit leads and national staff land: the current round at a glance. */
export default async function OverviewPage({ searchParams }: Props) {
  const user = await requireSection("overview");
  const raw = (await searchParams).kommune;
  const kommune = Array.isArray(raw) ? raw[0] : raw;
  if (kommune !== undefined && !/^\d{1,4}$/.test(kommune)) notFound();
  let cockpit;
  try {
    cockpit = await loadCockpit(user.access, { municipalityNumber: kommune === undefined ? undefined : Number(kommune) });
  } catch (error) {
    if (error instanceof ReportNotFoundError) notFound();
    throw error;
  }
  if (!cockpit) notFound();
  return cockpit.kind === "national" ? <NationalView cockpit={cockpit} /> : <MunicipalityView cockpit={cockpit} />;
}
