import Link from "next/link";
import { EmptyState, PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import type { CockpitUnit, MunicipalityCockpit } from "@/lib/cockpit/queries";
import { localDateOnly, toIsoDateString } from "@/lib/counting/iso-week";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Compared, Figure, Figures, longDate, shortDate, weekLabel } from "./parts";

const HOUR = new Intl.DateTimeFormat("da-DK", { hour: "2-digit", timeZone: "Europe/Copenhagen" });

/** The latest registration, to the hour the rollups keep: "kl. 14" today, else the day. */
function latestText(latest: Date | null, today: string): string {
  if (!latest) return "–";
  const day = toIsoDateString(localDateOnly(latest));
  return day === today ? `kl. ${HOUR.format(latest)}` : shortDate(day);
}

function unitStatus(u: CockpitUnit): string[] {
  const notes: string[] = [];
  if (u.withoutSetup)
    notes.push(u.channels === 0 && u.tasks === 0 ? "Mangler kanaler og opgaver" : u.channels === 0 ? "Mangler kanaler" : "Mangler opgaver");
  if (u.testMode) notes.push("Prøvetælling slået til");
  if (u.silentWeek) notes.push("Intet i denne uge");
  else if (u.silentToday) notes.push("Intet i dag");
  return notes;
}

/** A coordinator's municipality, or a unit lead's units: today, this week, last round, what needs attention. */
export function MunicipalityView({ cockpit: c }: { cockpit: MunicipalityCockpit }) {
  const roundText = c.round
    ? `${c.round.name} (${c.round.weekKeys.map(weekLabel).join(", ")})${c.roundWeeks.length ? `; kommunen tæller ${c.roundWeeks.map(weekLabel).join(", ")}` : "; kommunen har ikke valgt uger i runden"}`
    : "Der er ingen national tællerunde";
  const silent = c.units.filter((u) => u.silentToday || u.silentWeek);
  const withoutSetup = c.units.filter((u) => u.withoutSetup);
  const openSteps = c.checklist?.filter((s) => !s.done) ?? [];
  const comparisonNote = c.comparison
    ? `«Sidste runde» er samme dag i ${c.comparison.roundName}: ${longDate(c.comparison.day)} (ugen fra ${shortDate(c.comparison.weekFrom)}).`
    : c.noComparison;
  const adminLinks = !c.unitLead;

  return (
    <>
      <PageHeader title={c.unitLead ? "Dine enheders dag" : `Overblik: ${c.municipality.name}`}>
        <p>
          {longDate(c.clock.today)}. {roundText}.{" "}
          {c.countingToday
            ? "I dag er en tælledag."
            : c.countingThisWeek
              ? "Denne uge er en tælleuge."
              : "I dag ligger uden for kommunens tælleuger."}
        </p>
      </PageHeader>

      {c.checklist && openSteps.length ? <Checklist steps={c.checklist} /> : null}

      <h2 className="sr-only">Nøgletal</h2>
      <Figures>
        <Figure label="Henvendelser i dag" value={formatNumber(c.total.today)}>
          Sidste runde: <Compared value={c.total.previousDay} reason={c.noComparison} />
        </Figure>
        <Figure label="Henvendelser denne uge" value={formatNumber(c.total.week)}>
          Sidste runde: <Compared value={c.total.previousWeek} reason={c.noComparison} />
        </Figure>
        <Figure label="Tavse enheder" value={formatNumber(silent.length)}>
          {withoutSetup.length
            ? `${formatNumber(withoutSetup.length)} uden opsætning`
            : c.units.length
              ? "Alle enheder er sat op"
              : "Ingen enheder endnu"}
        </Figure>
        <Figure label="Testregistreringer" value={formatNumber(c.testRegistrations)}>
          {c.testRegistrations ? "Slet dem under enhedens indstillinger" : "Ingen tilbage"}
        </Figure>
      </Figures>

      <Section title={c.unitLead ? "Enhederne i dag" : "Enhederne"}>
        {c.units.length ? (
          <>
            <Table caption="Henvendelser pr. enhed i dag og denne uge mod samme dag i sidste runde">
              <thead>
                <tr>
                  <Th>Enhed</Th>
                  <Th numeric>I dag</Th>
                  <Th numeric>Sidste runde</Th>
                  <Th numeric>Denne uge</Th>
                  <Th numeric>Sidste runde, ugen</Th>
                  <Th>Seneste</Th>
                  <Th>Bemærkning</Th>
                </tr>
              </thead>
              <tbody>
                {c.units.map((u) => (
                  <tr key={u.id}>
                    <Th scope="row">
                      {adminLinks ? <Link href={`/administration/enheder/${u.id}`}>{u.name}</Link> : u.name}
                      {u.parentName ? <span className="block text-sm font-normal text-slate-700">under {u.parentName}</span> : null}
                    </Th>
                    <Td numeric>{formatNumber(u.today)}</Td>
                    <Td numeric>
                      <Compared value={u.previousDay} reason={c.noComparison} />
                    </Td>
                    <Td numeric>{formatNumber(u.week)}</Td>
                    <Td numeric>
                      <Compared value={u.previousWeek} reason={c.noComparison} />
                    </Td>
                    <Td className="whitespace-nowrap">{latestText(u.latest, c.clock.today)}</Td>
                    <Td>{unitStatus(u).join(". ") || "OK"}</Td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <Th scope="row">I alt</Th>
                  <Td numeric className="font-semibold">
                    {formatNumber(c.total.today)}
                  </Td>
                  <Td numeric className="font-semibold">
                    <Compared value={c.total.previousDay} reason={c.noComparison} />
                  </Td>
                  <Td numeric className="font-semibold">
                    {formatNumber(c.total.week)}
                  </Td>
                  <Td numeric className="font-semibold">
                    <Compared value={c.total.previousWeek} reason={c.noComparison} />
                  </Td>
                  <Td />
                  <Td />
                </tr>
              </tfoot>
            </Table>
            <p className="text-sm text-slate-700">
              Henvendelser i kommunens tælleuger; en masseregistrering af 40 breve tæller 40. Prøvetællinger tæller aldrig med. Seneste
              registrering er angivet til timen. {comparisonNote}
            </p>
          </>
        ) : (
          <EmptyState>
            Kommunen har ingen enheder endnu.
            {adminLinks ? (
              <>
                {" "}
                <Link href={`/administration?kommune=${c.municipality.number}`}>Opret den første enhed</Link>.
              </>
            ) : null}
          </EmptyState>
        )}
      </Section>

      {c.unitLead ? <Hours hours={c.hours} /> : null}

      {!c.unitLead ? (
        <Section title="Seneste upload">
          {c.lastUpload ? (
            <p>
              {c.lastUpload.fileName ?? "Fil uden navn"}: {formatNumber(c.lastUpload.rowCount)} rækker,{" "}
              {formatNumber(c.lastUpload.totalQuantity)} henvendelser, indlæst {formatDateTime(c.lastUpload.createdAt)}
              {c.lastUpload.createdBy ? ` af ${c.lastUpload.createdBy}` : ""}. <Link href="/data">Se alle indlæsninger</Link>
            </p>
          ) : (
            <p>
              Kommunen har ikke indlæst nogen fil. <Link href="/data">Indlæs tal fra andre systemer</Link>
            </p>
          )}
        </Section>
      ) : null}

      {c.checklist && !openSteps.length ? (
        <details className="mb-8">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium">Kom i gang: alle trin er klaret</summary>
          <Checklist steps={c.checklist} bare />
        </details>
      ) : null}

      <p>
        <Link href="/rapporter/enheder">Enhedernes deltagelse</Link> viser hele runden pr. enhed.{" "}
        <Link href="/rapporter">Alle rapporter</Link>
      </p>
    </>
  );
}

function Checklist({ steps, bare = false }: { steps: NonNullable<MunicipalityCockpit["checklist"]>; bare?: boolean }) {
  const list = (
    <ol className="space-y-2">
      {steps.map((s, i) => (
        <li key={s.key} className="flex flex-wrap items-baseline gap-x-3 rounded-md border border-slate-300 bg-white px-3 py-2">
          <span className={s.done ? "font-semibold text-green-800" : "font-semibold text-amber-900"}>
            <span aria-hidden="true">{s.done ? "✓" : "○"}</span> {s.done ? "Klaret" : "Mangler"}
          </span>
          <Link href={s.href} className="font-medium">
            {i + 1}. {s.label}
          </Link>
          <span className="text-slate-700">{s.detail}</span>
        </li>
      ))}
    </ol>
  );
  if (bare) return list;
  return (
    <Section title="Kom i gang">
      <p>Det her mangler, før kommunen kan tælle. Hvert trin er klaret, når data viser det.</p>
      {list}
    </Section>
  );
}

function Hours({ hours }: { hours: MunicipalityCockpit["hours"] }) {
  return (
    <Section title="I dag time for time">
      {hours.length ? (
        <Table caption="Henvendelser i dag pr. time, alle dine enheder" captionHidden>
          <thead>
            <tr>
              <Th>Time</Th>
              <Th numeric>Henvendelser</Th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.hour}>
                <Th scope="row">
                  kl. {String(h.hour).padStart(2, "0")}–{String(h.hour + 1).padStart(2, "0")}
                </Th>
                <Td numeric>{formatNumber(h.contacts)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <EmptyState>Ingen henvendelser i dag endnu.</EmptyState>
      )}
    </Section>
  );
}
