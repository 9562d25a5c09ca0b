import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatNumber } from "@/lib/format";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import type { BatchKind } from "@/lib/generated/prisma/enums";
import { ExportForm } from "./export-form";
import { loadDataPage } from "@/lib/exchange/queries";
import { UndoBatchButton } from "./undo-batch-button";
import { UploadForm } from "./upload-form";
import { ValidCodes } from "./valid-codes";

export const metadata: Metadata = { title: "Data" };

const KIND_LABELS: Record<BatchKind, string> = {
  MASS: "Masseregistrering",
  PAPER_SHEET: "Indtastet papirskema",
  UPLOAD: "Upload af fil",
  API: "Via API",
  LEGACY_IMPORT: "Import fra TraceTool",
  REFERENCE_UPLOAD: "Referencetal (fil)",
  REFERENCE_API: "Referencetal via API",
  VENDOR_FILE: "Leverandørdata fra KL",
  SELF_SERVICE_GRID: "Selvbetjening (skema)",
};

export default async function DataPage() {
  const user = await requireSection("data");
  // Coordinators upload and undo; national staff export across municipalities and follow the uploads.
  const uploads = coordinatorMunicipalityIds(user.access).length > 0;
  const { municipalities, batches, total, filters } = await loadDataPage(user.access);
  const severalMunicipalities = new Set(batches.map((b) => b.municipality.name)).size > 1;

  return (
    <>
      <PageHeader title="Data">
        {uploads ? (
          <p>
            Indlæs tal fra andre systemer og gamle TraceTool-eksporter, fortryd indlæsninger, og hent data ud. Et enkelt tal (fx 40
            breve) registreres under <Link href="/masseregistrering">Masseregistrering</Link>. Referencetal fra telefon- og køsystemer
            indlæses under <Link href="/daekning">Dækning</Link>, hvor rundens data også godkendes. Selvbetjeningstal fra statistikmodul
            eller tællerscript og KL&apos;s leverandørdata står under{" "}
            <Link href="/data/selvbetjening">Selvbetjening fra fagsystemerne</Link>.
          </p>
        ) : (
          <p>Hent registreringer for én kommune eller alle, og følg kommunernes indlæsninger. Kommunernes tovholdere indlæser og fortryder.</p>
        )}
      </PageHeader>
      {uploads ? (
        <Section title="Indlæs fil">
          <UploadForm municipalities={municipalities} />
          <div className="mt-6">
            <ValidCodes />
          </div>
        </Section>
      ) : null}
      <Section title="Eksportér registreringer">
        <ExportForm municipalities={municipalities} national={municipalities.length > 1} {...filters} />
      </Section>
      <h2 className="mb-3 mt-8 text-xl font-semibold">Indlæsninger</h2>
      {batches.length ? (
        <>
          <Table caption="Indlæsninger, nyeste først">
            <thead>
              <tr>
                <Th>Tidspunkt</Th>
                <Th>Type</Th>
                <Th>Fil</Th>
                {severalMunicipalities ? <Th>Kommune</Th> : null}
                <Th>Oprettet af</Th>
                <Th numeric>Rækker</Th>
                <Th numeric>Henvendelser</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.id}>
                  <Th scope="row" className="whitespace-nowrap">
                    {formatDateTime(batch.createdAt)}
                  </Th>
                  <Td>{KIND_LABELS[batch.kind]}</Td>
                  <Td>{batch.fileName ?? "–"}</Td>
                  {severalMunicipalities ? <Td>{batch.municipality.name}</Td> : null}
                  <Td>{batch.createdBy?.name ?? "–"}</Td>
                  <Td numeric>{formatNumber(batch.rowCount)}</Td>
                  <Td numeric>{formatNumber(batch.totalQuantity)}</Td>
                  <Td>
                    {batch.undoneAt ? (
                      `Fortrudt ${formatDateTime(batch.undoneAt)}`
                    ) : !uploads ? (
                      "Indlæst"
                    ) : (
                      <UndoBatchButton batchId={batch.id} label={`${KIND_LABELS[batch.kind].toLowerCase()} ${batch.fileName ?? ""}`.trim()} />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {total > batches.length ? (
            <p className="mt-3 text-sm text-slate-700">
              Viser de {formatNumber(batches.length)} nyeste af {formatNumber(total)} indlæsninger.
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState>Der er ingen indlæsninger endnu.</EmptyState>
      )}
    </>
  );
}
