import Link from "next/link";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import type { NationalCockpit, NationalMunicipality } from "@/lib/cockpit/queries";
import { formatNumber } from "@/lib/format";
import { Figure, Figures, longDate, shortDate, weekLabel } from "./parts";

function statusText(m: NationalMunicipality): string {
  switch (m.status) {
    case "started":
      return "I gang";
    case "not-started":
      return "Ikke startet";
    case "waiting":
      return `Starter ${weekLabel(m.weeks[0])}`;
    default:
      return "Deltager ikke";
  }
}

/** National staff: which municipalities take part in which weeks, contacts per day, who has not started. */
export function NationalView({ cockpit: c }: { cockpit: NationalCockpit }) {
  const round = c.round;
  const joined = c.municipalities.filter((m) => m.status !== "not-joined");
  const notStarted = c.municipalities.filter((m) => m.status === "not-started");
  const started = c.municipalities.filter((m) => m.status === "started");
  const notJoined = c.municipalities.filter((m) => m.status === "not-joined");
  const total = c.days.reduce((s, d) => s + d.contacts, 0);
  const today = c.days.find((d) => d.day === c.clock.today)?.contacts ?? 0;
  const max = Math.max(1, ...c.days.map((d) => d.contacts));

  return (
    <>
      <PageHeader title="Overblik: hele landet">
        <p>
          {longDate(c.clock.today)}.{" "}
          {round
            ? `${round.name}: ${round.weekKeys.map(weekLabel).join(", ")}${round.current ? `, dag ${round.dayIndex + 1} af ${round.weekKeys.length * 7}` : ""}.`
            : "Der er ingen national tællerunde."}
        </p>
      </PageHeader>
      {round ? (
        <>
          <h2 className="sr-only">Nøgletal</h2>
          <Figures>
            <Figure label="Deltagende kommuner" value={formatNumber(joined.length)}>
              af {formatNumber(c.municipalities.length)} kommuner i Spor
            </Figure>
            <Figure label="I gang" value={formatNumber(started.length)}>
              kommuner med registreringer i runden
            </Figure>
            <Figure label="Ikke startet" value={formatNumber(notStarted.length)}>
              deres første uge er begyndt
            </Figure>
            <Figure label="Henvendelser i runden" value={formatNumber(total)}>
              heraf {formatNumber(today)} i dag
            </Figure>
          </Figures>

          <Section title="Kommuner, der ikke er startet">
            {notStarted.length ? (
              <ul className="list-disc pl-5">
                {notStarted.map((m) => (
                  <li key={m.id}>
                    <Link href={`/overblik?kommune=${m.number}`}>{m.name}</Link> ({m.number}) tæller {m.weeks.map(weekLabel).join(", ")} og
                    har ingen registreringer.
                  </li>
                ))}
              </ul>
            ) : (
              <p>Alle kommuner, hvis tælleuger er begyndt, har registreringer.</p>
            )}
          </Section>

          <Section title="Henvendelser pr. dag">
            {c.days.length ? (
              <Table caption={`Henvendelser pr. dag i ${round.name}, alle kommuner`} captionHidden>
                <thead>
                  <tr>
                    <Th>Dag</Th>
                    <Th numeric>Henvendelser</Th>
                    <Th numeric>Registreringer</Th>
                    <Th numeric>Kommuner</Th>
                    <Th>
                      <span className="sr-only">Søjle</span>
                    </Th>
                  </tr>
                </thead>
                <tbody>
                  {c.days.map((d) => (
                    <tr key={d.day}>
                      <Th scope="row" className="whitespace-nowrap">
                        {shortDate(d.day)}
                      </Th>
                      <Td numeric>{formatNumber(d.contacts)}</Td>
                      <Td numeric>{formatNumber(d.registrations)}</Td>
                      <Td numeric>{formatNumber(d.municipalities)}</Td>
                      <Td className="w-1/3 min-w-24">
                        {/* An SVG bar: its width is an attribute, not an inline style (the CSP allows none). */}
                        <svg aria-hidden="true" className="block h-3 w-full" viewBox="0 0 100 1" preserveAspectRatio="none">
                          <rect width={(d.contacts / max) * 100} height="1" className="fill-brand-700" />
                        </svg>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <EmptyState>Runden er ikke begyndt endnu.</EmptyState>
            )}
          </Section>

          <Section title="Kommunernes uger">
            <Table caption={`Hvilke kommuner tæller hvilke uger i ${round.name}`} captionHidden>
              <thead>
                <tr>
                  <Th numeric>Nr.</Th>
                  <Th>Kommune</Th>
                  {round.weekKeys.map((k) => (
                    <Th key={k} className="whitespace-nowrap">
                      {weekLabel(k)}
                    </Th>
                  ))}
                  <Th numeric>Henvendelser</Th>
                  <Th numeric>I dag</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {[...joined, ...notJoined].map((m) => (
                  <tr key={m.id}>
                    <Td numeric>{m.number}</Td>
                    <Th scope="row">
                      <Link href={`/overblik?kommune=${m.number}`}>{m.name}</Link>
                    </Th>
                    {round.weekKeys.map((k) => (
                      <Td key={k}>
                        {m.weeks.includes(k) ? (
                          "Tæller"
                        ) : (
                          <>
                            <span aria-hidden="true">–</span>
                            <span className="sr-only">Tæller ikke</span>
                          </>
                        )}
                      </Td>
                    ))}
                    <Td numeric>{formatNumber(m.contacts)}</Td>
                    <Td numeric>{formatNumber(m.today)}</Td>
                    <Td>{statusText(m)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <p className="text-sm text-slate-700">
              Henvendelser i kommunernes tælleuger i runden; prøvetællinger tæller aldrig med.{" "}
              <Link href="/rapporter/deltagelse">Deltagelse</Link> viser runden med enheder. <Link href="/national">National</Link> har
              runderne og nye kommuner.
            </p>
          </Section>
        </>
      ) : (
        <EmptyState>
          Der er ingen national tællerunde endnu. <Link href="/national">Opret en tællerunde</Link>.
        </EmptyState>
      )}
    </>
  );
}
