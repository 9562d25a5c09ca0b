import { Table, Td, Th } from "@/components/ui/table";
import { formatCell } from "@/lib/reports/format";
import type { ReportRow, ReportTable as Data } from "@/lib/reports/types";

// Codes (KLE numbers, channel codes) are never broken across lines.
const CODE_KEYS = new Set(["code", "channelCode"]);

export function ReportTable({ table, downloadBase }: { table: Data; downloadBase: string }) {
  const [first, ...rest] = table.columns;
  const line = (row: ReportRow, key: string, total = false) => (
    <tr key={key} className={total ? "font-semibold" : undefined}>
      <Th scope="row" className={CODE_KEYS.has(first.key) ? "whitespace-nowrap" : undefined}>
        {formatCell(first.kind, row[first.key]) || (total ? "I alt" : "")}
      </Th>
      {rest.map((c) => (
        <Td key={c.key} numeric={c.kind !== "text"} className={CODE_KEYS.has(c.key) ? "whitespace-nowrap" : undefined}>
          {formatCell(c.kind, row[c.key], c.decimals)}
        </Td>
      ))}
    </tr>
  );
  const link = (format: string) => `${downloadBase}${downloadBase.includes("?") ? "&" : "?"}tabel=${table.id}&format=${format}`;
  return (
    <div className="space-y-2" data-report-table={table.id}>
      <Table caption={table.caption}>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <Th key={c.key} numeric={c.kind !== "text"}>
                {c.label}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <Td colSpan={table.columns.length}>Ingen henvendelser med de valgte filtre.</Td>
            </tr>
          ) : (
            table.rows.map((row, i) => line(row, String(i)))
          )}
          {table.total ? line(table.total, "total", true) : null}
        </tbody>
      </Table>
      {table.bases?.length ? (
        // What each share is computed over: also written under the table in the CSV and XLSX files.
        <div className="text-sm text-slate-700" data-report-bases={table.id}>
          <p className="font-medium">Grundlag</p>
          <ul className="list-disc pl-5">
            {table.bases.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="flex flex-wrap gap-4 text-sm print:hidden">
        <a href={link("csv")} download>
          Hent «{table.title}» som CSV
        </a>
        <a href={link("xlsx")} download>
          Hent «{table.title}» som Excel (XLSX)
        </a>
      </p>
    </div>
  );
}
