import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SECTION_LINKS } from "@/components/shell/sections";
import { PageHeader } from "@/components/ui/page-header";
import { sectionsFor } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Forside" };

/** Sends the user to the first section their roles give them. */
export default async function HomePage() {
  const user = await requireUser();
  const [first] = sectionsFor(user.access);
  if (first) redirect(SECTION_LINKS[first].href);

  return (
    <PageHeader title="Du har ingen roller endnu">
      <p>Din bruger er oprettet, men du er ikke tilknyttet en enhed eller kommune endnu. Kontakt din tovholder, så du kan komme i gang.</p>
    </PageHeader>
  );
}
