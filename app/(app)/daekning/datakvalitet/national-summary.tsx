import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatCount, formatNumber } from "@/lib/format";
import { RULE_LABELS } from "@/lib/quality/describe";
import type { loadQualitySummary } from "@/lib/quality/summary";

type Summary = Awaited<ReturnType<typeof loadQualitySummary>>;

/** KL's view: per municipality in the round, the findings per rule and whether it approved. */
export function NationalSummary({ summary }: { summary: Summary }) {
  const { round, rounds, municipalities, rules } = summary;
  if (!round) return <p>Der er ingen tællerunder endnu.</p>;
  const href = (code: string, kommune?: number) =>
    `/daekning/datakvalitet?${new URLSearchParams({ ...(kommune ? { kommune: String(kommune) } : {}), runde: code })}`;
  const approved = municipalities.filter((m) => m.approved).length;
  const clean = municipalities.filter((m) => m.total === 0).length;
  return (
    <>
      {rounds.length > 1 ? (
        <nav aria-label="Runder" className="mb-6">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {rounds.map((r) => (
              <li key={r.code}>
                <Link href={href(r.code)} aria-current={r.code === round.code ? "page" : undefined}>
                  {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <h2 className="mb-3 text-xl font-semibold">{round.name}: kommunernes datakvalitet</h2>
      <p className="mb-4" data-testid="quality-national-summary">
        {municipalities.length
          ? `${formatCount(municipalities.length, "kommune", "kommuner")} deltager i runden; ${formatNumber(approved)} har godkendt deres data (KL's minimum for landstal er ${formatNumber(round.minimum)}), og ${formatNumber(clean)} har ingen fund.`
          : "Ingen kommuner deltager i runden endnu."}{" "}
        Et fund er ikke nødvendigvis en fejl: åbn kommunen for at se, hvad fundene er.
      </p>
      {municipalities.length ? (
        <Table caption={`Fund i Datakvalitet pr. kommune og regel, ${round.name}`} sticky>
          <thead>
            <tr>
              <Th>Kommune</Th>
              <Th>Data godkendt</Th>
              {rules.map((rule) => (
                <Th key={rule} numeric className="min-w-24">
                  {RULE_LABELS[rule]}
                </Th>
              ))}
              <Th numeric>Fund i alt</Th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.number} data-kommune={m.number}>
                <Th scope="row" className="font-normal">
                  <Link href={href(round.code, m.number)}>
                    {m.name} ({m.number})<span className="sr-only">: se Datakvalitet</span>
                  </Link>
                </Th>
                <Td>{m.approved ? "Ja" : "Nej"}</Td>
                {rules.map((rule) => (
                  <Td key={rule} numeric>
                    {formatNumber(m.counts[rule])}
                  </Td>
                ))}
                <Td numeric className="font-semibold">
                  {formatNumber(m.total)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
