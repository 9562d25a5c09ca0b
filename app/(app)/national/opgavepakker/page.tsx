import type { Metadata } from "next";
import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { Input, Label, Select } from "@/components/ui/field";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { createPackageAction } from "@/lib/tasks/package-actions";
import { ActionForm } from "@/components/forms/action-form";
import { Hint } from "@/components/forms/fields";
import { loadPackageOverview } from "@/lib/tasks/queries";

export const metadata: Metadata = { title: "Opgavepakker" };

export default async function PackagesPage() {
  const { access } = await requireSection("national");
  const packages = await loadPackageOverview(access);
  return (
    <>
      <BackLink href="/national">Tilbage til National</BackLink>
      <PageHeader title="Opgavepakker">
        <p>
          En tællerunde peger på én opgavepakke: dens obligatoriske opgaver kan kommunerne lægge i enhederne, og rapporterne grupperer på
          dens behovsgrupper. En pakke, som en begyndt runde bruger, ligger fast – lav en kopi for at ændre den.
        </p>
      </PageHeader>
      <Section title="Pakker">
        {packages.length ? (
          <Table caption="Opgavepakker, nyeste først" captionHidden>
            <thead>
              <tr>
                <Th>Pakke</Th>
                <Th numeric>Opgaver</Th>
                <Th numeric>Obligatoriske</Th>
                <Th>Bruges af</Th>
              </tr>
            </thead>
            <tbody>
              {packages.map((p) => (
                <tr key={p.id}>
                  <Th scope="row">
                    <Link href={`/national/opgavepakker/${p.id}`} className="underline">
                      {p.name}
                    </Link>
                  </Th>
                  <Td numeric>{formatNumber(p.tasks)}</Td>
                  <Td numeric>{formatNumber(p.obligatory)}</Td>
                  <Td>{p.rounds.length ? p.rounds.join(", ") : "Ingen runde"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ingen opgavepakker endnu.</EmptyState>
        )}
      </Section>
      <Section title="Ny opgavepakke">
        <ActionForm
          action={createPackageAction}
          submitLabel="Opret opgavepakke"
          pendingLabel="Opretter …"
          label="Ny opgavepakke"
          className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
        >
          <div>
            <Label htmlFor="package-name">Navn</Label>
            <Input id="package-name" name="name" required maxLength={100} autoComplete="off" className="mt-1" />
          </div>
          <div>
            <Label htmlFor="package-description">Beskrivelse (valgfri)</Label>
            <Input id="package-description" name="description" maxLength={500} autoComplete="off" className="mt-1" />
          </div>
          <div>
            <Label htmlFor="package-copy">Kopiér opgaverne fra</Label>
            <Select
              id="package-copy"
              name="copyFromId"
              defaultValue={packages[0]?.id ?? ""}
              className="mt-1"
              aria-describedby="package-copy-hint"
            >
              <option value="">Ingen – start tom</option>
              {packages.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
            <div id="package-copy-hint" className="mt-1">
              <Hint>
                Kopien får alle opgaverne med obligatorisk/frivillig, behovsgruppe og blanketnummer. Den kan ændres, til en begyndt runde
                bruger den.
              </Hint>
            </div>
          </div>
        </ActionForm>
      </Section>
    </>
  );
}
