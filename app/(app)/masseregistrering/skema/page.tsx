import type { Metadata } from "next";
import Link from "next/link";
import { PaperSheetGrid } from "@/components/registration/paper-sheet-grid";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { formatDanishDate, formatIsoWeekWithYear, isoWeekOf, localDateOnly, toIsoDateString } from "@/lib/counting/iso-week";
import { WITH_TYPES_PARAM } from "@/lib/exchange/paper-sheet";
import { deletePaperSheetAction } from "@/lib/exchange/paper-sheet-actions";
import { loadPaperSheetPage } from "@/lib/exchange/paper-sheet-queries";
import { formatDateTime, formatNumber } from "@/lib/format";
import { UndoBatchButton } from "../../data/undo-batch-button";

export const metadata: Metadata = { title: "Indtast skema" };

/** "Indtast skema": key a filled paper tally sheet in as one batch (coordinators and unit leads; KL reads the list). */
export default async function PaperSheetPage({ searchParams }: { searchParams: Promise<{ enhed?: string; typer?: string }> }) {
  const user = await requireSection("mass");
  const params = await searchParams;
  const withTypes = params[WITH_TYPES_PARAM] === "1";
  const now = new Date();
  const { form, list } = await loadPaperSheetPage(user.access, params.enhed, withTypes);
  const unit = form?.unit ?? null;
  const query = (types: boolean) => `?enhed=${unit?.id ?? ""}${types ? `&${WITH_TYPES_PARAM}=1` : ""}`;
  const anyDeletable = list.rows.some((r) => r.canDelete);

  return (
    <>
      <PageHeader title="Indtast skema">
        <p>
          Tast et udfyldt tælleskema ind på én gang: felterne står som på papiret. Det gemmes som én indlæsning, som kan fortrydes. Enkelte
          tal fra andre systemer registreres under <Link href="/masseregistrering">Masseregistrering</Link>.
        </p>
      </PageHeader>
      {form ? (
        <Section title="Skema">
          {form.units.length === 0 ? (
            <EmptyState>Der er ingen aktive enheder, du kan indtaste skemaer i.</EmptyState>
          ) : (
            <div className="space-y-5">
              <form method="get" action="/masseregistrering/skema" className="flex flex-wrap items-end gap-3" aria-label="Vælg skema">
                <div>
                  <Label htmlFor="sheet-unit">Enhed</Label>
                  <Select id="sheet-unit" name="enhed" defaultValue={unit?.id} className="sm:w-96">
                    {form.units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.label}
                      </option>
                    ))}
                  </Select>
                </div>
                <label className="inline-flex min-h-11 items-center gap-2">
                  <input type="checkbox" name={WITH_TYPES_PARAM} value="1" defaultChecked={withTypes} />
                  Med kontakttype og afslutning
                </label>
                <Button type="submit" variant="secondary">
                  Vis skema
                </Button>
                {unit ? (
                  <Link href={`/masseregistrering/skema/udskriv${query(withTypes)}`} className="inline-flex min-h-11 items-center">
                    Udskriv tomt skema
                  </Link>
                ) : null}
              </form>
              {unit && form.unit && "contactTypes" in form ? (
                unit.layout.channels.length && unit.layout.tasks.length ? (
                  <PaperSheetGrid
                    key={`${unit.id}-${withTypes}`}
                    unit={unit}
                    contactTypes={form.contactTypes}
                    closures={form.closures}
                    today={toIsoDateString(localDateOnly(now))}
                    thisWeek={isoWeekOf(now)}
                  />
                ) : (
                  <EmptyState>
                    Enheden har ingen kanaler, som medarbejdere betjener, eller ingen opgaver. Tovholderen sætter det op under
                    Administration.
                  </EmptyState>
                )
              ) : null}
            </div>
          )}
        </Section>
      ) : (
        <p className="mb-6">Som KL-medarbejder kan du se kommunernes indtastede skemaer, men ikke indtaste eller fortryde dem.</p>
      )}
      <h2 className="mb-3 mt-8 text-xl font-semibold">Indtastede skemaer</h2>
      {list.rows.length ? (
        <Table caption="Indtastede skemaer, nyeste først" captionHidden>
          <thead>
            <tr>
              <Th>Gemt</Th>
              <Th>Enhed</Th>
              <Th>Gælder</Th>
              <Th numeric>Registreringer</Th>
              <Th numeric>Henvendelser</Th>
              <Th>Af</Th>
              {anyDeletable ? <Th>Fortryd</Th> : null}
            </tr>
          </thead>
          <tbody>
            {list.rows.map(({ registration: r, ...batch }) => (
              <tr key={batch.id}>
                <Th scope="row" className="whitespace-nowrap">
                  {formatDateTime(batch.createdAt)}
                </Th>
                <Td>
                  {r.unit.name}
                  {r.isTest ? <Badge>Test</Badge> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  {r.timePrecision === "WEEK" ? formatIsoWeekWithYear(r) : formatDanishDate(r.occurredAt)}
                </Td>
                <Td numeric>{formatNumber(batch.rowCount)}</Td>
                <Td numeric>{formatNumber(batch.totalQuantity)}</Td>
                <Td>{batch.createdBy?.name ?? "–"}</Td>
                {anyDeletable ? (
                  <Td>
                    {batch.canDelete ? (
                      <UndoBatchButton
                        batchId={batch.id}
                        action={deletePaperSheetAction}
                        label={`skemaet: ${formatNumber(batch.totalQuantity)} henvendelser, ${r.unit.name}`}
                        confirmText="Alle skemaets registreringer slettes fra tallene. Det kan ikke gøres om."
                      />
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>Der er ikke indtastet nogen skemaer endnu.</EmptyState>
      )}
    </>
  );
}
