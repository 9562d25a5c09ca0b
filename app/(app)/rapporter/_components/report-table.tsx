import { Table, Td, Th } from "@/components/ui/table";
import { formatCell, MISSING, missingNotes } from "@/lib/reports/format";
import type { ReportColumn, ReportRow, ReportTable as Data } from "@/lib/reports/types";

// Codes (KLE numbers, channel codes) are never broken across lines.
const CODE_KEYS = new Set(["code", "channelCode"]);

/** The id of a table's section on the page: charts link to it. */
export const tableAnchor = (id: string) => `tabel-${id}`;

/** A report's table with its footnotes and bases; with `downloadBase`, links to the table as CSV and XLSX. */
export function ReportTable({ table, downloadBase }: { table: Data; downloadBase?: string }) {
  const matrix = table.layout === "matrix";
  // A matrix has the task's number and name in one sticky row header; other tables show each column.
  const combined = matrix && table.columns[1]?.key === "label";
  const [first, ...rest] = combined ? [table.columns[0], ...table.columns.slice(2)] : table.columns;
  // Every column whose "–" has a reason gets a footnote number, in column order; then each reason a
  // row gives for its own cell (the task was not in that round's package).
  const { notes, of } = missingNotes(table);
  const cell = (c: ReportColumn, row: ReportRow) => {
    const text = formatCell(c.kind, row[c.key], c.decimals);
    const note = of(row, c);
    if (text !== MISSING || !note) return text;
    return (
      <span title={note.text}>
        {MISSING}
        <sup>
          <a href={`#${tableAnchor(table.id)}-note-${note.n}`} aria-label={`${MISSING}: ${note.text}`} className="ml-0.5">
            {note.n}
          </a>
        </sup>
      </span>
    );
  };
  const rowHeader = (row: ReportRow, total: boolean) => {
    const code = formatCell(first.kind, row[first.key]);
    if (!code) return total ? "I alt" : "";
    if (!combined) return code;
    const label = formatCell("text", row.label);
    return (
      <>
        <span className="whitespace-nowrap">{code}</span> {label}
      </>
    );
  };
  const line = (row: ReportRow, key: string, total = false) => (
    <tr key={key} className={total ? "font-semibold" : undefined}>
      <Th scope="row" className={matrix ? "min-w-56 font-normal" : CODE_KEYS.has(first.key) ? "whitespace-nowrap" : undefined}>
        {rowHeader(row, total)}
      </Th>
      {rest.map((c) => (
        <Td key={c.key} numeric={c.kind !== "text"} className={CODE_KEYS.has(c.key) || matrix ? "whitespace-nowrap" : undefined}>
          {cell(c, row)}
        </Td>
      ))}
    </tr>
  );
  const link = (format: string) => `${downloadBase}${downloadBase?.includes("?") ? "&" : "?"}tabel=${table.id}&format=${format}`;
  return (
    <div className="space-y-2" data-report-table={table.id} id={tableAnchor(table.id)}>
      <Table caption={table.caption} sticky={matrix}>
        <thead>
          <tr>
            {[first, ...rest].map((c) => (
              <Th key={c.key} numeric={c.kind !== "text"} className={matrix && c !== first ? "min-w-24" : undefined}>
                {combined && c === first ? table.columns[1].label : c.label}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <Td colSpan={rest.length + 1}>Ingen henvendelser med de valgte filtre.</Td>
            </tr>
          ) : (
            table.rows.map((row, i) => line(row, String(i)))
          )}
          {table.total ? line(table.total, "total", true) : null}
        </tbody>
      </Table>
      {notes.length ? (
        <ol className="text-sm text-slate-700" aria-label="Hvorfor der står «–»">
          {notes.map((note) => (
            <li key={note.n} id={`${tableAnchor(table.id)}-note-${note.n}`}>
              <sup>{note.n}</sup> «{MISSING}»{note.column ? ` i kolonnen «${note.column.label}»` : ""}: {note.text}.
            </li>
          ))}
        </ol>
      ) : null}
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
      {downloadBase ? (
        <p className="flex flex-wrap gap-4 text-sm print:hidden">
          <a href={link("csv")} download>
            Hent «{table.title}» som CSV
          </a>
          <a href={link("xlsx")} download>
            Hent «{table.title}» som Excel (XLSX)
          </a>
        </p>
      ) : null}
    </div>
  );
}
