import { formatDateTime } from "@/lib/format";
import { Table, Td, Th } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";

/**
 * The one table of audit events, newest first: the coordinators' log and KL's log both render it.
 * Each row: when (Danish time), who, the action in Danish with a sentence saying who did what to
 * which unit or person, and the values before and after in words (lib/audit/describe.ts).
 */
export function AuditTable({ rows, caption }: { rows: readonly AuditRow[]; caption: string }) {
  return (
    <Table caption={caption} captionHidden>
      <thead>
        <tr>
          <Th className="whitespace-nowrap">Tidspunkt</Th>
          <Th>Udført af</Th>
          <Th>Hændelse</Th>
          <Th>Før</Th>
          <Th>Efter</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time>
            </Td>
            <Td className="min-w-32">{e.actor}</Td>
            <Th scope="row" className="min-w-56 font-normal">
              <span className="font-semibold">{e.action}</span>
              <span className="block text-sm">{e.summary}</span>
            </Th>
            <Td className="min-w-48 text-sm">{e.beforeText}</Td>
            <Td className="min-w-48 text-sm">{e.afterText}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
