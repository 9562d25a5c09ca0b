import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { sectionsFor } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { formatDanishDate, formatIsoWeekWithYear, isoWeekOf, localDateOnly, toIsoDateString } from "@/lib/counting/iso-week";
import { MAX_QUANTITY } from "@/lib/exchange/upload-rows";
import { loadMassRegistrationPage } from "@/lib/exchange/mass-queries";
import { deleteMassRegistrationAction } from "@/lib/exchange/mass-actions";
import { UndoBatchButton } from "../data/undo-batch-button";
import { MassRegistrationForm } from "./mass-registration-form";

export const metadata: Metadata = { title: "Masseregistrering" };

const DIRECTION = { IN: "ind", OUT: "ud" } as const;

export default async function MassRegistrationPage() {
  const user = await requireSection("mass");
  const now = new Date();
  const { form, last, list } = await loadMassRegistrationPage(user.access);
  const severalMunicipalities = new Set(list.rows.map((r) => r.municipality.name)).size > 1;
  const anyDeletable = list.rows.some((r) => r.canDelete);

  return (
    <>
      <PageHeader title="Masseregistrering">
        <p>
          Registrér mange ens henvendelser på én gang, fx 40 breve eller tal fra et andet system: vælg enhed, kanal og opgave, og skriv
          antallet. Det gemmes som én registrering med det antal. Et udfyldt tælleskema på papir tastes ind under{" "}
          <Link href="/masseregistrering/skema">Indtast skema</Link>.
          {sectionsFor(user.access).includes("data") ? (
            <>
              {" "}
              Hele filer indlæses under <Link href="/data">Data</Link>.
            </>
          ) : null}
        </p>
      </PageHeader>
      {form ? (
        <Section title="Ny masseregistrering">
          {form.units.length ? (
            <MassRegistrationForm
              form={form}
              last={last}
              today={toIsoDateString(localDateOnly(now))}
              thisWeek={isoWeekOf(now)}
              maxQuantity={MAX_QUANTITY}
            />
          ) : (
            <EmptyState>Der er ingen aktive enheder, du kan masseregistrere i.</EmptyState>
          )}
        </Section>
      ) : (
        <p className="mb-6">Som KL-medarbejder kan du se kommunernes masseregistreringer, men ikke oprette eller slette dem.</p>
      )}
      <h2 className="mb-3 mt-8 text-xl font-semibold">Tidligere masseregistreringer</h2>
      {list.rows.length ? (
        <>
          <Table caption="Masseregistreringer, nyeste først" captionHidden>
            <thead>
              <tr>
                <Th>Gemt</Th>
                {severalMunicipalities ? <Th>Kommune</Th> : null}
                <Th>Enhed</Th>
                <Th>Kanal</Th>
                <Th>Opgave</Th>
                <Th>Type</Th>
                <Th>Afslutning</Th>
                <Th>Blanket</Th>
                <Th>Dato</Th>
                <Th numeric>Antal</Th>
                <Th>Af</Th>
                {anyDeletable ? <Th>Slet</Th> : null}
              </tr>
            </thead>
            <tbody>
              {list.rows.map(({ registration: r, ...batch }) => (
                <tr key={batch.id}>
                  <Th scope="row" className="whitespace-nowrap">
                    {formatDateTime(batch.createdAt)}
                  </Th>
                  {severalMunicipalities ? <Td>{batch.municipality.name}</Td> : null}
                  <Td>
                    {r.unit.name}
                    {r.isTest ? <Badge>Test</Badge> : null}
                  </Td>
                  <Td>
                    {r.channel.name} ({DIRECTION[r.channel.direction]})
                  </Td>
                  <Td>
                    {r.task.number} {r.task.title}
                  </Td>
                  <Td>{r.contactType?.label ?? "–"}</Td>
                  <Td>{r.closure?.label ?? "–"}</Td>
                  <Td>{r.form === null ? "–" : r.form ? "Ja" : "Nej"}</Td>
                  <Td className="whitespace-nowrap">
                    {formatDanishDate(r.occurredAt)}
                    <br />
                    {formatIsoWeekWithYear(r)}
                  </Td>
                  <Td numeric>{formatNumber(batch.totalQuantity)}</Td>
                  <Td>{batch.createdBy?.name ?? "–"}</Td>
                  {anyDeletable ? (
                    <Td>
                      {batch.canDelete ? (
                        <UndoBatchButton
                          batchId={batch.id}
                          action={deleteMassRegistrationAction}
                          verb="Slet"
                          label={`masseregistreringen: ${formatNumber(batch.totalQuantity)} henvendelser, ${r.unit.name}, ${formatDanishDate(r.occurredAt)}`}
                          confirmText="Dens henvendelser fjernes fra alle tal."
                        />
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
          {list.total > list.rows.length ? (
            <p className="mt-3 text-sm text-slate-700">
              Viser de {formatNumber(list.rows.length)} nyeste af {formatNumber(list.total)} masseregistreringer.
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState>Der er ingen masseregistreringer endnu.</EmptyState>
      )}
    </>
  );
}
