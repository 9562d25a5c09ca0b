import { formatCount, formatNumber } from "@/lib/format";
import { Table, Td, Th } from "@/components/ui/table";
import type { RoundTally } from "@/lib/counting/round-tally";
import { SOURCE_LABELS } from "@/lib/reference/sources";

function weekList(weeks: number[]): string {
  const names = weeks.map(String);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} og ${names.at(-1)}` : (names[0] ?? "");
}

/** An ended round: the weeks the municipality joined and what it actually registered in the round's weeks. */
export function RoundCounted({
  roundName,
  joined,
  weekCount,
  tally,
}: {
  roundName: string;
  joined: number[];
  weekCount: number;
  tally: RoundTally;
}) {
  return (
    <div className="mb-3 space-y-2" data-testid="round-counted">
      <p className="font-medium">
        {joined.length
          ? `Kommunen talte i uge ${weekList(joined)} (${formatNumber(joined.length)} af ${formatCount(weekCount, "uge", "uger")}).`
          : "Kommunen deltog ikke i runden."}
      </p>
      {tally.contacts > 0 ? (
        <>
          <p>
            {formatCount(tally.units, "enhed", "enheder")} registrerede {formatCount(tally.contacts, "henvendelse", "henvendelser")} i
            rundens uger
            {tally.contactsOutsideJoinedWeeks > 0
              ? `, heraf ${formatNumber(tally.contactsOutsideJoinedWeeks)} i uger, kommunen ikke deltog med (de tæller ikke med i runden).`
              : "."}{" "}
            Prøveregistreringer er ikke med.
          </p>
          <Table caption={`Henvendelser i ${roundName} efter datakilde`}>
            <thead>
              <tr>
                <Th>Datakilde</Th>
                <Th numeric>Registreringer</Th>
                <Th numeric>Henvendelser</Th>
              </tr>
            </thead>
            <tbody>
              {tally.bySource.map((s) => (
                <tr key={s.source}>
                  <Th scope="row">{SOURCE_LABELS[s.source]}</Th>
                  <Td numeric>{formatNumber(s.registrations)}</Td>
                  <Td numeric>{formatNumber(s.contacts)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : joined.length ? (
        <p>Der er ingen registreringer fra rundens uger.</p>
      ) : null}
    </div>
  );
}
