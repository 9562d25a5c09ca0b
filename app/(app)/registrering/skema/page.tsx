import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { TallySheet } from "@/components/registration/tally-sheet";
import { requireSection } from "@/lib/auth/guards";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { WITH_TYPES_PARAM } from "@/lib/exchange/paper-sheet";
import { loadRegistrantSheet } from "@/lib/exchange/paper-sheet-queries";
import { pickUnit, UNIT_CHOICE_COOKIE } from "@/lib/registrations/unit-choice";

export const metadata: Metadata = { title: "Tælleskema" };

/**
 * The paper fallback: the unit's tally sheet to print and count on when no PC is at hand. Which
 * unit: ?enhed=<id> if the user registers there, else the unit they last chose on the screen.
 * ?typer=1 adds a type and a closure column per row.
 */
export default async function TallySheetPage({ searchParams }: { searchParams: Promise<{ enhed?: string; typer?: string }> }) {
  const user = await requireSection("registration");
  const params = await searchParams;
  const requested = params.enhed;
  const withTypes = params[WITH_TYPES_PARAM] === "1";
  const remembered = (await cookies()).get(UNIT_CHOICE_COOKIE)?.value;
  const found = await loadRegistrantSheet(
    user.access,
    (ids) => pickUnit(ids, requested && ids.includes(requested) ? requested : remembered),
    withTypes,
  );
  if (!found) notFound();
  const { unit, layout, canKey } = found;
  const query = (types: boolean) => `?enhed=${unit.id}${types ? `&${WITH_TYPES_PARAM}=1` : ""}`;
  return (
    <TallySheet
      layout={layout}
      unitName={unit.name}
      municipalityName={unit.municipalityName}
      isoWeek={isoWeekOf(new Date()).isoWeek}
      back={{ href: "/registrering", label: "Tilbage til registrering" }}
      printOptionsHref={`/registrering/skema${query(!withTypes)}`}
      keyHref={canKey ? `/masseregistrering/skema${query(withTypes)}` : undefined}
    />
  );
}
