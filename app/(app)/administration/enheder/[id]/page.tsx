import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { UNIT_KIND_LABELS } from "@/lib/units/default-channels";
import { previousRound, targetRound } from "@/lib/units/setup-snapshot";
import { roundTaskTitles } from "@/lib/tasks/round-titles";
import { listChannels, listPackages, loadUnitDetail, searchTasks, treeOrder } from "@/lib/units/page-queries";
import { canAdministerMunicipality } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { municipalityDataScope } from "@/lib/auth/scopes";
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
  // The unit is looked up within the municipalities the user may see: another municipality's unit is "not found".
  const scoped = await db().unit.findFirst({
    where: { id, municipality: municipalityDataScope(user.access) },
    select: { municipalityId: true, municipality: { select: { number: true, name: true } } },
  });
  if (!scoped) notFound();
  const municipalityId = scoped.municipalityId;
  const readOnly = !canAdministerMunicipality(user.access, municipalityId);
  const sp = await searchParams;
  const q = (first(sp.q) ?? "").slice(0, 100);
  const [unit, channels, packages, units, target, results, lastRound] = await Promise.all([
    loadUnitDetail(db(), municipalityId, id),
    listChannels(db()),
    listPackages(db()),
    db().unit.findMany({ where: { municipalityId }, select: { id: true, name: true, parentId: true, archivedAt: true }, orderBy: { name: "asc" } }),
    targetRound(db(), municipalityId, new Date()),
    q ? searchTasks(db(), q) : Promise.resolve(null),
    previousRound(db(), municipalityId, new Date()),
  ]);
  if (!unit) notFound();
  // The names the registration screen's tiles show: KL's names in the round's package.
  const titles = await roundTaskTitles(db(), municipalityId, target ? { packageId: target.packageId } : null, unit.tasks.map((t) => t.id));
  const tree = treeOrder(units);
  const path = tree.find((u) => u.id === unit.id)?.path ?? unit.name;
  const requestedPackage = first(sp.pakke);
  const packageId = packages.some((p) => p.id === requestedPackage) ? requestedPackage! : (target?.packageId ?? packages.at(-1)?.id ?? null);
  const back = `/administration?kommune=${scoped.municipality.number}`;
  const ids = { municipalityId, unitId: unit.id };

  return (
    <>
      <p className="mb-2">
        <Link href={back}>← Alle enheder i {scoped.municipality.name}</Link>
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
      <UnitLogin unit={unit} ids={ids} readOnly={readOnly} municipalityNumber={scoped.municipality.number} />
      <UnitLifecycle unit={unit} ids={ids} readOnly={readOnly} municipalityNumber={scoped.municipality.number} />
    </>
  );
}
