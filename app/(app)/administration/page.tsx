import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDate, formatIsoWeek, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { canAdministerMunicipality, ROLE_LABELS } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { findAdministeredMunicipality, listAdministeredMunicipalities, loadMunicipalitySetup } from "./queries";
import { UnitTree } from "./unit-tree";

export const metadata: Metadata = { title: "Administration" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdministrationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSection("administration");
  const raw = (await searchParams).kommune;
  const requested = Array.isArray(raw) ? raw[0] : raw;

  const municipalities = await listAdministeredMunicipalities(user.access);
  let municipality: (typeof municipalities)[number] | null;
  if (requested === undefined || requested === "") {
    municipality = municipalities[0] ?? null;
  } else {
    if (!/^\d{1,4}$/.test(requested)) notFound();
    // Scoped lookup: another municipality's number gives "not found", the same as a number that does not exist.
    municipality = await findAdministeredMunicipality(user.access, Number(requested));
  }
  if (!municipality) notFound();

  const setup = await loadMunicipalitySetup(municipality.id);
  const readOnly = !canAdministerMunicipality(user.access, municipality.id);

  return (
    <>
      <PageHeader title={`Administration – ${municipality.name}`}>
        <p>Kommunens enheder, tælleuger og brugere.</p>
      </PageHeader>

      {municipalities.length > 1 ? (
        <form method="get" className="mb-6 flex max-w-xl flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <Label htmlFor="kommune">Kommune</Label>
            <Select id="kommune" name="kommune" defaultValue={String(municipality.number)} className="mt-1">
              {municipalities.map((m) => (
                <option key={m.id} value={m.number}>
                  {m.number} {m.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Vis kommune
          </Button>
        </form>
      ) : null}

      {readOnly ? (
        <Alert tone="info" className="mb-6">
          Du ser kommunens opsætning som læser. Kun kommunens tovholder kan ændre den.
        </Alert>
      ) : null}

      <Section title="Enheder">
        {setup.units.length ? <UnitTree units={setup.units} /> : <EmptyState>Kommunen har ingen enheder endnu.</EmptyState>}
      </Section>

      <Section title="Tælleuger">
        {setup.weeks.length ? (
          <ul className="flex flex-wrap gap-2">
            {setup.weeks.map((week) => (
              <li key={week.id} className="rounded-md border border-slate-300 bg-white px-3 py-2">
                <span className="font-medium">{formatIsoWeek(week.isoYear, week.isoWeek)}</span>
                {week.round ? <span className="block text-sm text-slate-700">{week.round.name}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>Kommunen har ikke valgt nogen tælleuger endnu.</EmptyState>
        )}
        {setup.periods.length ? (
          <Table caption="Lokale tælleperioder">
            <thead>
              <tr>
                <Th>Navn</Th>
                <Th>Fra</Th>
                <Th>Til</Th>
              </tr>
            </thead>
            <tbody>
              {setup.periods.map((period) => (
                <tr key={period.id}>
                  <Th scope="row">{period.name}</Th>
                  <Td>{formatDate(period.startsOn)}</Td>
                  <Td>{formatDate(period.endsOn)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </Section>

      <Section title={`Brugere (${formatNumber(setup.users.length)})`}>
        {setup.users.length ? (
          <Table caption="Brugere og roller i kommunen" captionHidden>
            <thead>
              <tr>
                <Th>Navn</Th>
                <Th>E-mail</Th>
                <Th>Roller</Th>
              </tr>
            </thead>
            <tbody>
              {setup.users.map((u) => (
                <tr key={u.id}>
                  <Th scope="row">
                    {u.name}
                    {u.kind === "UNIT_LOGIN" ? <Badge>Fælles enhedslogin</Badge> : null}
                    {u.active ? null : <Badge>Deaktiveret</Badge>}
                  </Th>
                  <Td>{u.email}</Td>
                  <Td>
                    <ul>
                      {u.roles.map((r, i) => (
                        <li key={i}>
                          {ROLE_LABELS[r.role]}
                          {r.unitName ? ` – ${r.unitName}` : null}
                        </li>
                      ))}
                    </ul>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Kommunen har ingen brugere endnu.</EmptyState>
        )}
      </Section>
    </>
  );
}
