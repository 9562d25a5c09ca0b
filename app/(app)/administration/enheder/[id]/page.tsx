import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { UNIT_KIND_LABELS } from "@/lib/units/default-channels";
import { loadUnitPage } from "@/lib/units/queries";
import { canAdministerMunicipality } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { first, type SearchParams } from "../../_lib/municipality";
import { UnitChannels } from "./unit-channels";
import { UnitGeneral } from "./unit-general";
import { UnitLifecycle } from "./unit-lifecycle";
import { UnitLogin } from "./unit-login";
import { UnitOptions } from "./unit-options";
import { UnitOrder } from "./unit-order";
import { UnitTasks } from "./unit-tasks";
import { isId } from "@/lib/ids";

export const metadata: Metadata = { title: "Enhed – Administration" };

export default async function UnitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const { id } = await params;
  if (!isId(id)) notFound();
  const sp = await searchParams;
  const q = (first(sp.q) ?? "").slice(0, 100);
  // Another municipality's unit is "not found", like one that does not exist.
  const page = await loadUnitPage(user.access, id, q);
  if (!page) notFound();
  const { municipalityId, municipality, unit, channels, packages, tree, target, results, lastRound, titles } = page;
  const readOnly = !canAdministerMunicipality(user.access, municipalityId);
  const path = tree.find((u) => u.id === unit.id)?.path ?? unit.name;
  const requestedPackage = first(sp.pakke);
  const packageId = packages.some((p) => p.id === requestedPackage)
    ? requestedPackage!
    : (target?.packageId ?? packages.at(-1)?.id ?? null);
  const back = `/administration?kommune=${municipality.number}`;
  const ids = { municipalityId, unitId: unit.id };

  return (
    <>
      <p className="mb-2">
        <Link href={back}>← Alle enheder i {municipality.name}</Link>
      </p>
      <PageHeader title={unit.name}>
        <p>
          {path !== unit.name ? `${path} · ` : ""}
          {UNIT_KIND_LABELS[unit.kind]}
          {unit.archivedAt ? <Badge>Arkiveret</Badge> : null}
          {unit.testMode ? <Badge>Prøvetælling</Badge> : null}
          {unit.timeMeasurement ? <Badge>Tidsmåling</Badge> : null}
        </p>
      </PageHeader>
      {first(sp.oprettet) === "1" ? (
        <Alert tone="success" className="mb-6">
          Enheden er oprettet med standardkanalerne for typen og opgaven Fejlhenvendelse. Vælg nu kanaler og opgaver herunder.
        </Alert>
      ) : null}
      {readOnly ? (
        <Alert tone="info" className="mb-6">
          Du ser enhedens opsætning som læser. Kun kommunens tovholder kan ændre den.
        </Alert>
      ) : null}
      {unit.archivedAt ? (
        <Alert tone="info" className="mb-6">
          Enheden er arkiveret: ingen kan registrere i den, men dens registreringer er bevaret og tæller med i rapporterne.
        </Alert>
      ) : null}

      <UnitGeneral unit={unit} ids={ids} readOnly={readOnly} tree={tree} />
      <UnitChannels unit={unit} ids={ids} readOnly={readOnly} channels={channels} />
      <UnitTasks
        unit={unit}
        ids={ids}
        readOnly={readOnly}
        packages={packages}
        packageId={packageId}
        targetName={target?.name ?? null}
        query={q}
        results={results}
        otherUnits={tree.filter((u) => u.id !== unit.id)}
      />
      {readOnly ? null : (
        <UnitOrder
          ids={ids}
          tasks={unit.tasks.map((t) => ({ ...t, title: titles.get(t.id) ?? t.title }))}
          channels={unit.orderedChannels}
          roundName={lastRound?.name ?? null}
        />
      )}
      <UnitOptions unit={unit} ids={ids} readOnly={readOnly} />
      <UnitLogin unit={unit} ids={ids} readOnly={readOnly} municipalityNumber={municipality.number} />
      <UnitLifecycle unit={unit} ids={ids} readOnly={readOnly} municipalityNumber={municipality.number} />
    </>
  );
}
