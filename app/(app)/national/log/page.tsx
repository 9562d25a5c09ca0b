import type { Metadata } from "next";
import { formatDateTime } from "@/lib/format";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { auditActionLabel, describeChange } from "@/lib/audit/queries";
import { requireSection } from "@/lib/auth/guards";
import { loadNationalLog } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "KL's log" };

export default async function NationalLogPage() {
  const { access } = await requireSection("national");
  const events = await loadNationalLog(access);
  return (
    <>
      <BackLink href="/national">Tilbage til National</BackLink>
      <PageHeader title="KL's log">
        <p>KL&apos;s ændringer af tællerunder, opgavepakker, KLE, landsdækkende kanalpriser og nye kommuner, nyeste først (de seneste 200).</p>
      </PageHeader>
      {events.length ? (
        <Table caption="KL's ændringer, nyeste først" captionHidden>
          <thead>
            <tr>
              <Th>Tidspunkt</Th>
              <Th>Udført af</Th>
              <Th>Hændelse</Th>
              <Th>Før</Th>
              <Th>Efter</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <Th scope="row" className="whitespace-nowrap">
                  {formatDateTime(e.occurredAt)}
                </Th>
                <Td>{e.actor}</Td>
                <Td>
                  {auditActionLabel(e.action)}
                  {e.municipality ? ` (${e.municipality})` : ""}
                </Td>
                <Td className="break-words text-sm">{describeChange(e.before)}</Td>
                <Td className="break-words text-sm">{describeChange(e.after)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>KL har ikke ændret noget endnu.</EmptyState>
      )}
    </>
  );
}
