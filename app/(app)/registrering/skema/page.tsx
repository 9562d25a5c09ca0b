import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { TallySheet } from "@/components/registration/tally-sheet";
import { requireSection } from "@/lib/auth/guards";
import { isoWeekOf } from "@/lib/counting/iso-week";
import { pickUnit, UNIT_CHOICE_COOKIE } from "@/lib/registrations/unit-choice";
import { loadTallySheetUnit } from "@/lib/units/queries";

export const metadata: Metadata = { title: "Tælleskema" };

/**
 * The paper fallback: the unit's tally sheet to print and count on when no PC is at hand. Which
 * unit: ?enhed=<id> if the user registers there, else the unit they last chose on the screen.
 */
export default async function TallySheetPage({ searchParams }: { searchParams: Promise<{ enhed?: string }> }) {
  const user = await requireSection("registration");
  const requested = (await searchParams).enhed;
  const remembered = (await cookies()).get(UNIT_CHOICE_COOKIE)?.value;
  const found = await loadTallySheetUnit(user.access, (ids) => pickUnit(ids, requested && ids.includes(requested) ? requested : remembered));
  if (!found) notFound();
  const { setup, unit } = found;
  return <TallySheet setup={setup} municipalityName={unit.municipality.name} isoWeek={isoWeekOf(new Date()).isoWeek} />;
}
