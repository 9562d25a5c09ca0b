import type { Metadata } from "next";
import { formatNumber } from "@/components/format";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { loadReportSummary, type ReportRow } from "./queries";

export const metadata: Metadata = { title: "Rapporter" };

function CountTable({ caption, rowHeader, detailHeader, rows }: {
  caption: string;
  rowHeader: string;
  detailHeader: string;
  rows: ReportRow[];
}) {
  return (
    <Table caption={caption} captionHidden>
      <thead>
        <tr>
          <Th>{rowHeader}</Th>
          <Th>{detailHeader}</Th>
          <Th numeric>Registreringer</Th>
          <Th numeric>Henvendelser</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <Th scope="row">{row.label}</Th>
            <Td>{row.detail}</Td>
            <Td numeric>{formatNumber(row.count)}</Td>
            <Td numeric>{formatNumber(row.quantity)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export default async function ReportsPage() {
  const user = await requireSection("reports");
  const summary = await loadReportSummary(user.access);
  const place = summary.placeKind === "municipality";

  return (
    <>
      <PageHeader title="Rapporter">
        <p>
          Overblik over de registreringer, du har adgang til. Prøvetællinger og registreringer uden for kommunens
          tælleuger er ikke medregnet. En registrering kan dække flere henvendelser (fx masseregistreringer).
        </p>
      </PageHeader>

      <dl className="mb-8 grid max-w-xl grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="rounded-md border border-slate-300 bg-white p-4">
          <dt className="text-slate-700">Registreringer</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatNumber(summary.count)}</dd>
        </div>
        <div className="rounded-md border border-slate-300 bg-white p-4">
          <dt className="text-slate-700">Henvendelser i alt</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatNumber(summary.quantity)}</dd>
        </div>
      </dl>

      {summary.count === 0 ? (
        <EmptyState>Der er endnu ingen registreringer i tælleugerne, som du har adgang til.</EmptyState>
      ) : (
        <>
          <Section title="Fordelt på kanal">
            <CountTable caption="Registreringer fordelt på kanal" rowHeader="Kanal" detailHeader="Retning og kode" rows={summary.byChannel} />
          </Section>
          <Section title={place ? "Fordelt på kommune" : "Fordelt på enhed"}>
            <CountTable
              caption={place ? "Registreringer fordelt på kommune" : "Registreringer fordelt på enhed"}
              rowHeader={place ? "Kommune" : "Enhed"}
              detailHeader={place ? "Kommunenummer" : "Kommune"}
              rows={summary.byPlace}
            />
          </Section>
        </>
      )}
    </>
  );
}
