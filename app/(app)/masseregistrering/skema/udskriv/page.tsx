import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TallySheet } from "@/components/registration/tally-sheet";
import { requireSection } from "@/lib/auth/guards";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { WITH_TYPES_PARAM } from "@/lib/exchange/paper-sheet";
import { loadSheetToPrint } from "@/lib/exchange/paper-sheet-queries";

export const metadata: Metadata = { title: "Tælleskema" };

/**
 * A unit's tally sheet for the coordinator or unit lead to print and hand out: the same sheet as
 * the registration screen's, for any unit they may key sheets into. ?typer=1 adds type and closure.
 */
export default async function PrintSheetPage({ searchParams }: { searchParams: Promise<{ enhed?: string; typer?: string }> }) {
  const user = await requireSection("mass");
  const params = await searchParams;
  const withTypes = params[WITH_TYPES_PARAM] === "1";
  const found = params.enhed ? await loadSheetToPrint(user.access, params.enhed, withTypes) : null;
  if (!found) notFound();
  const query = (types: boolean) => `?enhed=${found.unit.id}${types ? `&${WITH_TYPES_PARAM}=1` : ""}`;
  return (
    <TallySheet
      layout={found.layout}
      unitName={found.unit.name}
      municipalityName={found.unit.municipalityName}
      isoWeek={isoWeekOf(new Date()).isoWeek}
      back={{ href: `/masseregistrering/skema${query(withTypes)}`, label: "Tilbage til Indtast skema" }}
      printOptionsHref={`/masseregistrering/skema/udskriv${query(!withTypes)}`}
    />
  );
}
