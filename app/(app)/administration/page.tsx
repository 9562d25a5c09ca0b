import type { Metadata } from "next";
import { EmptyState, Section } from "@/components/ui/page-header";
import { loadStartFromLastRound } from "@/lib/units/queries";
import { treeOrder } from "@/lib/units/page-queries";
import { requireSection } from "@/lib/auth/guards";
import { AdminHeader } from "@/components/forms/admin-header";
import { resolveAdminMunicipality, type SearchParams } from "./_lib/municipality";
import { CreateUnitForm } from "./create-unit-form";
import { loadMunicipalitySetup } from "@/lib/municipalities/queries";
import { StartFromLastRound } from "./start-from-last-round";
import { loadLandkortSetting } from "@/lib/landkort/queries";
import { LandkortPublication } from "./landkort-publication";
import { UnitTree } from "./unit-tree";

export const metadata: Metadata = { title: "Administration" };

export default async function AdministrationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, await searchParams);
  const [setup, { plan, last }, landkort] = await Promise.all([
    loadMunicipalitySetup(municipality.id),
    loadStartFromLastRound(user.access, municipality.id),
    loadLandkortSetting(user.access, municipality.id),
  ]);
  const active = treeOrder(setup.units.filter((u) => !u.archivedAt));

  return (
    <>
      <AdminHeader
        title="Administration"
        tab="units"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration"
      >
        <p>Kommunens enheder og hvad hver enhed tæller. Vælg en enhed for at sætte kanaler, opgaver og indstillinger.</p>
      </AdminHeader>

      <StartFromLastRound plan={plan} municipalityId={municipality.id} readOnly={readOnly} savedAt={last?.snapshotTakenAt ?? null} />

      <Section title="Enheder">
        {setup.units.length ? <UnitTree units={setup.units} /> : <EmptyState>Kommunen har ingen enheder endnu.</EmptyState>}
      </Section>

      {readOnly ? null : (
        <Section title="Ny enhed">
          <CreateUnitForm municipalityId={municipality.id} parents={active.map((u) => ({ id: u.id, path: u.path }))} />
        </Section>
      )}

      <LandkortPublication municipalityId={municipality.id} published={landkort.published} canChange={landkort.canChange && !readOnly} />
    </>
  );
}
