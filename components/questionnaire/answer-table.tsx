import { Table, Td, Th } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";

// The questionnaire's answers side by side: one row per municipality, one column per question (KL's
// page and the public Det Digitale Landkort). An empty cell has no answer.

export function AnswerTable({
  caption,
  questions,
  rows,
  noteHeading,
}: {
  caption: string;
  questions: string[];
  rows: { key: string; name: string; note?: string; cells: (string | number | null)[] }[];
  /** A column after the municipality (KL: whether it approved the round). */
  noteHeading?: string;
}) {
  return (
    <Table caption={caption} sticky>
      <thead>
        <tr>
          <Th>Kommune</Th>
          {noteHeading ? <Th>{noteHeading}</Th> : null}
          {questions.map((q, i) => (
            <Th key={i}>{`${i + 1}. ${q}`}</Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-kommune={r.key}>
            <Th scope="row">{r.name}</Th>
            {noteHeading ? <Td>{r.note}</Td> : null}
            {r.cells.map((c, i) => (
              <Td key={i} numeric={typeof c === "number"}>
                {c === null ? <span className="sr-only">Ikke besvaret</span> : typeof c === "number" ? formatNumber(c) : c}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
