import type { Metadata } from "next";
import { formatDate, formatNumber, formatWeekRange } from "@/components/format";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { loadCountingRounds, loadMunicipalityOverview } from "./queries";

export const metadata: Metadata = { title: "National" };

export default async function NationalPage() {
  await requireSection("national");
  const [municipalities, rounds] = await Promise.all([loadMunicipalityOverview(), loadCountingRounds()]);
  const participating = municipalities.filter((m) => m.registrations > 0).length;

  return (
    <>
      <PageHeader title="National">
        <p>
          Overblik over alle kommuner og de nationale tællerunder. {formatNumber(participating)} af{" "}
          {formatNumber(municipalities.length)} kommuner har registreringer (prøvetællinger ikke medregnet).
        </p>
      </PageHeader>

      <Section title="Tællerunder">
        {rounds.length ? (
          <Table caption="Nationale tællerunder, nyeste først" captionHidden>
            <thead>
              <tr>
                <Th>Runde</Th>
                <Th>Uger</Th>
                <Th>Første dag</Th>
                <Th>Opgavepakke</Th>
                <Th numeric>Valgte kommuneuger</Th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id}>
                  <Th scope="row">{round.name}</Th>
                  <Td className="whitespace-nowrap">
                    {formatWeekRange(round.isoYear, round.firstWeek, round.weekCount)} {round.isoYear}
                  </Td>
                  <Td>{formatDate(round.startsOn)}</Td>
                  <Td>{round.package?.name ?? "Ingen opgavepakke"}</Td>
                  <Td numeric>{formatNumber(round._count.countingWeeks)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ingen nationale tællerunder endnu.</EmptyState>
        )}
      </Section>

      <Section title="Kommuner">
        {municipalities.length ? (
          <Table caption="Kommuner med enheder, brugere og registreringer" captionHidden>
            <thead>
              <tr>
                <Th numeric>Nr.</Th>
                <Th>Kommune</Th>
                <Th numeric>Enheder</Th>
                <Th numeric>Brugere</Th>
                <Th numeric>Registreringer</Th>
                <Th numeric>Henvendelser</Th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id}>
                  <Td numeric>{m.number}</Td>
                  <Th scope="row">{m.name}</Th>
                  <Td numeric>{formatNumber(m.units)}</Td>
                  <Td numeric>{formatNumber(m.users)}</Td>
                  <Td numeric>{formatNumber(m.registrations)}</Td>
                  <Td numeric>{formatNumber(m.quantity)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ingen kommuner endnu.</EmptyState>
        )}
      </Section>
    </>
  );
}
