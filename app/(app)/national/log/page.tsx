import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { AuditTable } from "@/components/audit-table";
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
        <p>
          KL&apos;s ændringer af tællerunder, opgavepakker, KLE, landsdækkende kanalpriser og nye kommuner, nyeste først (de seneste 200).
        </p>
      </PageHeader>
      {events.length ? (
        <AuditTable rows={events} caption="KL's ændringer, nyeste først" />
      ) : (
        <EmptyState>KL har ikke ændret noget endnu.</EmptyState>
      )}
    </>
  );
}
