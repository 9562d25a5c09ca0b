import { formatDateTime } from "@/lib/format";
import { Table, Td, Th } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";

/**
 * The one table of audit events, newest first: the coordinators' log and KL's log both render it.
 * Each row: when, who, the action in Danish with what it concerned (unit, user, municipality) below
 * it, and the values before and after.
 */
export function AuditTable({ rows, caption }: { rows: readonly AuditRow[]; caption: string }) {
  return (
    <Table caption={caption} captionHidden>
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
        {rows.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap">{formatDateTime(e.occurredAt)}</Td>
            <Td>{e.actor}</Td>
            <Th scope="row" className="font-normal">
              <span className="font-semibold">{e.action}</span>
              {e.details.map((detail, i) => (
                <span key={i} className="block text-sm">
                  {detail}
                </span>
              ))}
            </Th>
            <Td className="text-sm break-words">{describeChange(e.before)}</Td>
            <Td className="text-sm break-words">{describeChange(e.after)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A short, readable rendering of a before/after value for the log table. */
export function describeChange(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === "units" && Array.isArray(v)) {
      parts.push(`${v.length} enheder`);
      continue;
    }
    const text = Array.isArray(v) ? (v.length > 12 ? `${v.slice(0, 12).join(", ")} … (${v.length})` : v.join(", ")) : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
    parts.push(`${key}: ${text}`);
  }
  const out = parts.join("; ");
  return out.length > 400 ? `${out.slice(0, 400)} …` : out;
}
