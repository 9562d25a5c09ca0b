import type { Metadata } from "next";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { registrationUnitScope } from "../_lib/scopes";

export const metadata: Metadata = { title: "Registrering" };

export default async function RegistrationPage() {
  const user = await requireSection("registration");
  const units = await db().unit.findMany({
    where: { ...registrationUnitScope(user.access), archivedAt: null },
    select: {
      id: true,
      name: true,
      testMode: true,
      municipality: { select: { name: true } },
      _count: { select: { channels: true, tasks: true } },
    },
    orderBy: [{ municipality: { name: "asc" } }, { name: "asc" }],
  });

  return (
    <>
      <PageHeader title="Registrering">
        <p>Her registrerer du de henvendelser, du afslutter i tælleugerne.</p>
      </PageHeader>
      <Alert tone="info" title="Registreringsskærmen er under udvikling" className="mb-6">
        Når den er klar, vælger du enhed her og registrerer kanal, opgave, type og afslutning for hver henvendelse.
      </Alert>
      {units.length ? (
        <Table caption="Enheder, du kan registrere i">
          <thead>
            <tr>
              <Th>Enhed</Th>
              <Th>Kommune</Th>
              <Th numeric>Kanaler</Th>
              <Th numeric>Opgaver</Th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr key={unit.id}>
                <Th scope="row">
                  {unit.name}
                  {unit.testMode ? <Badge>Prøvetælling</Badge> : null}
                </Th>
                <Td>{unit.municipality.name}</Td>
                <Td numeric>{formatNumber(unit._count.channels)}</Td>
                <Td numeric>{formatNumber(unit._count.tasks)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>Du er ikke tilknyttet nogen aktive enheder. Kontakt din tovholder.</EmptyState>
      )}
    </>
  );
}
