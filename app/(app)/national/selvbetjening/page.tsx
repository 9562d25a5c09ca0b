import type { Metadata } from "next";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSection } from "@/lib/auth/guards";
import { formatDateTime, formatNumber } from "@/lib/format";
import { undoVendorUploadAction } from "@/lib/self-service/actions";
import { loadVendorUploads } from "@/lib/self-service/queries";
import { VendorUpload } from "./vendor-upload";

export const metadata: Metadata = { title: "Leverandørdata om selvbetjening" };

export default async function VendorDataPage() {
  const { access } = await requireSection("national");
  const uploads = await loadVendorUploads(access);
  return (
    <>
      <BackLink href="/national">Tilbage til National</BackLink>
      <PageHeader title="Leverandørdata om selvbetjening">
        <p>
          Indlæs leverandørernes tal for modtagne selvbetjeningsansøgninger (kvitteringer) for mange kommuner på én gang. Tallene gemmes pr.
          kommune med kilden «leverandørdata» og løsningens navn. Har en kommune også egne tal for samme opgave og uge, vælger kommunens
          tovholder, hvilke der tæller.
        </p>
      </PageHeader>
      <Section title="Indlæs fil">
        <VendorUpload />
      </Section>
      <Section title="Indlæsninger">
        {uploads.length ? (
          <Table caption="Indlæsninger af leverandørdata, nyeste først" captionHidden>
            <thead>
              <tr>
                <Th>Tidspunkt</Th>
                <Th>Fil</Th>
                <Th>Indlæst af</Th>
                <Th numeric>Kommuner</Th>
                <Th numeric>Tal</Th>
                <Th numeric>Ansøgninger</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u) => (
                <tr key={u.uploadId}>
                  <Th scope="row" className="whitespace-nowrap">
                    {formatDateTime(u.createdAt)}
                  </Th>
                  <Td>{u.fileName ?? "–"}</Td>
                  <Td>{u.by ?? "–"}</Td>
                  <Td numeric>{formatNumber(u.municipalities)}</Td>
                  <Td numeric>{formatNumber(u.rows)}</Td>
                  <Td numeric>{formatNumber(u.total)}</Td>
                  <Td>
                    {u.undone === u.municipalities ? (
                      "Fortrudt"
                    ) : (
                      <>
                        {u.undone ? <p>{formatNumber(u.undone)} kommuner har fortrudt deres del.</p> : null}
                        <ConfirmAction
                          action={undoVendorUploadAction}
                          fields={{ uploadId: u.uploadId }}
                          triggerLabel="Fortryd"
                          triggerAriaLabel={`Fortryd leverandørdata ${u.fileName ?? ""}`.trim()}
                          title={`Fortryd leverandørdata ${u.fileName ?? ""}?`.replace(" ?", "?")}
                          confirmLabel="Ja, fortryd"
                        >
                          <p>Alle kommuners tal fra denne indlæsning slettes og tæller ikke længere med. Det kan ikke gøres om.</p>
                        </ConfirmAction>
                      </>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState>Der er ikke indlæst leverandørdata endnu.</EmptyState>
        )}
      </Section>
    </>
  );
}
