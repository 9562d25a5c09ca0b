import type { Metadata } from "next";
import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { EmptyState, Section } from "@/components/ui/page-header";
import { AuditTable } from "@/components/audit-table";
import { loadAuditLog } from "@/lib/audit/queries";
import { requireSection } from "@/lib/auth/guards";
import { AdminHeader } from "@/components/forms/admin-header";
import { first, resolveAdminMunicipality, type SearchParams } from "../_lib/municipality";
import { isId } from "@/lib/ids";

export const metadata: Metadata = { title: "Log – Administration" };

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const params = await searchParams;
  const { municipality, municipalities, readOnly, query } = await resolveAdminMunicipality(user, params);
  const unitId = first(params.enhed);
  const actor = first(params.bruger);
  const page = Number(first(params.side) ?? "1");
  const log = await loadAuditLog(user.access, {
    municipalityId: municipality.id,
    unitId: unitId && isId(unitId) ? unitId : null,
    actorUserId: actor && actor.length <= 100 ? actor : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  });
  const pageLink = (p: number) => {
    const sp = new URLSearchParams();
    if (query) sp.set("kommune", String(municipality.number));
    if (unitId) sp.set("enhed", unitId);
    if (actor) sp.set("bruger", actor);
    sp.set("side", String(p));
    return `/administration/log?${sp.toString()}`;
  };

  return (
    <>
      <AdminHeader
        title="Log"
        tab="log"
        municipality={municipality}
        municipalities={municipalities}
        readOnly={readOnly}
        query={query}
        path="/administration/log"
      >
        <p>Alle ændringer af kommunens opsætning: hvem, hvornår, hvad, og værdierne før og efter. Loggen kan ikke ændres.</p>
      </AdminHeader>
      <form
        method="get"
        action="/administration/log"
        role="search"
        aria-label="Filtrér loggen"
        className="mb-6 flex flex-wrap items-end gap-3"
      >
        {query ? <input type="hidden" name="kommune" value={municipality.number} /> : null}
        <div className="min-w-48">
          <Label htmlFor="log-unit">Enhed</Label>
          <Select id="log-unit" name="enhed" defaultValue={unitId ?? ""} className="mt-1">
            <option value="">Alle enheder</option>
            {log.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-48">
          <Label htmlFor="log-user">Udført af</Label>
          <Select id="log-user" name="bruger" defaultValue={actor ?? ""} className="mt-1">
            <option value="">Alle</option>
            {log.actors.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Vis
        </Button>
      </form>
      <Section title={`Hændelser (${formatNumber(log.total)})`}>
        {log.events.length ? (
          <AuditTable rows={log.events} caption="Ændringer, nyeste først" />
        ) : (
          <EmptyState>Ingen hændelser{unitId || actor ? " med det filter" : ""}.</EmptyState>
        )}
        {log.pages > 1 ? (
          <nav aria-label="Sider i loggen" className="flex flex-wrap items-center gap-4">
            {log.page > 1 ? <Link href={pageLink(log.page - 1)}>← Nyere</Link> : null}
            <span>
              Side {log.page} af {log.pages}
            </span>
            {log.page < log.pages ? <Link href={pageLink(log.page + 1)}>Ældre →</Link> : null}
          </nav>
        ) : null}
      </Section>
    </>
  );
}
