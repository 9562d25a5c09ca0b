import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Check } from "@/components/forms/fields";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader, Section } from "@/components/ui/page-header";
import { approveRoundAction } from "@/lib/approval/actions";
import { requireSection } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { formatCount, formatDateTime } from "@/lib/format";
import { loadQualityPage } from "@/lib/quality/queries";
import { ReportNotFoundError } from "@/lib/reports/context";
import { NationalSummary } from "./national-summary";
import { ThresholdsForm } from "./thresholds-form";

export const metadata: Metadata = { title: "Datakvalitet – Dækning" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QualityPage({ searchParams }: Props) {
  const user = await requireSection("reports");
  let page: Awaited<ReturnType<typeof loadQualityPage>>;
  try {
    page = await loadQualityPage(user.access, await searchParams);
  } catch (error) {
    if (error instanceof ReportNotFoundError) notFound();
    if (error instanceof UserFacingError)
      return (
        <>
          <BackLink href="/daekning">Tilbage til Dækning</BackLink>
          <PageHeader title="Datakvalitet" />
          <Alert tone="error">{error.message}</Alert>
        </>
      );
    throw error;
  }
  const header = (
    <>
      <BackLink href="/daekning">Tilbage til Dækning</BackLink>
      <PageHeader title="Datakvalitet">
        <p>
          Før rundens data godkendes: registreringer, der ser ud til at mangle eller være forkerte, pr. enhed. Hvert fund siger, hvorfor det
          betyder noget, og hvor registreringerne eller opsætningen kan ses. Et fund er ikke nødvendigvis en fejl. Reglerne står i
          metodebeskrivelsen under «Datakvalitet».
        </p>
      </PageHeader>
    </>
  );
  if (page.kind === "national")
    return (
      <>
        {header}
        <NationalSummary summary={page} />
      </>
    );
  if (page.kind === "choose-municipality")
    return (
      <>
        {header}
        <p>Datakvalitet vises for én kommune ad gangen. Åbn den fra kommunens rapporter med ?kommune= og kommunenummeret.</p>
      </>
    );
  const { municipality, round, rounds } = page;
  const roundHref = (code: string) =>
    `/daekning/datakvalitet?${new URLSearchParams({ kommune: String(municipality.number), runde: code })}`;
  return (
    <>
      {header}
      {rounds.length > 1 ? (
        <nav aria-label="Runder" className="mb-6">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {rounds.map((r) => (
              <li key={r.id}>
                <Link href={roundHref(r.code)} aria-current={r.id === round?.id ? "page" : undefined}>
                  {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {!round ? (
        <p>{municipality.name} deltager ikke i nogen runder endnu.</p>
      ) : (
        <>
          <h2 className="mb-3 text-xl font-semibold">
            {round.name}, {municipality.name}
          </h2>
          <p className="mb-6" data-testid="quality-summary">
            {round.joined.length
              ? `Kommunen tæller i ${round.joined.map((w) => `uge ${w}`).join(", ")} (${formatCount(round.countingDays, "tælledag", "tælledage")} indtil i går). `
              : "Kommunen har ikke valgt uger i runden. "}
            {page.findingCount
              ? `${formatCount(page.findingCount, "fund", "fund")} i ${formatCount(page.units.length, "enhed", "enheder")} af ${formatCount(page.unitsChecked, "enhed", "enheder")} tjekket.`
              : `Ingen fund i ${formatCount(page.unitsChecked, "enhed", "enheder")} tjekket.`}
            {round.hasPackage ? "" : " Runden har ingen opgavepakke, så opgaver uden for pakken tjekkes ikke."}
          </p>
          {page.units.map((unit) => (
            <Section key={unit.id} title={unit.name}>
              <ul className="space-y-4">
                {unit.findings.map((f, i) => (
                  <li key={`${f.rule}-${i}`} className="rounded-md border border-slate-300 bg-white p-4" data-rule={f.rule}>
                    <h3 className="font-semibold">{f.title}</h3>
                    <p>{f.detail}</p>
                    <p className="mt-1 text-slate-700">
                      <span className="font-medium text-slate-900">Hvorfor det betyder noget: </span>
                      {f.why}
                    </p>
                    {f.links.length ? (
                      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                        {f.links.map((l) =>
                          l.href.startsWith("/api/") ? (
                            <li key={l.href}>
                              <a href={l.href}>
                                {l.label}
                                <span className="sr-only"> for {unit.name}</span>
                              </a>
                            </li>
                          ) : (
                            <li key={l.href}>
                              <Link href={l.href}>
                                {l.label}
                                <span className="sr-only"> for {unit.name}</span>
                              </Link>
                            </li>
                          ),
                        )}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Section>
          ))}
          {page.ownShares ? (
            <Section title="Grænser for fund">
              <ThresholdsForm municipalityId={municipality.id} own={page.ownShares} />
            </Section>
          ) : null}
          {page.coordinator ? (
            <Section title="Godkend rundens data">
              {round.approvedAt ? (
                <p>
                  Godkendt {formatDateTime(round.approvedAt)}
                  {round.approvedBy ? ` af ${round.approvedBy}` : ""}. Data er låst; genåbn under <Link href="/daekning">Dækning</Link>.
                </p>
              ) : round.over ? (
                <ConfirmAction
                  action={approveRoundAction}
                  fields={{ municipalityId: municipality.id, roundId: round.id }}
                  triggerLabel="Godkend data"
                  triggerAriaLabel={`Godkend data for ${round.name}`}
                  title={`Godkend data for ${round.name}?`}
                  confirmLabel="Ja, godkend"
                  formContent={
                    page.findingCount ? (
                      <Check
                        name="findingsSeen"
                        label="Jeg har set fundene"
                        hint={`${formatCount(page.findingCount, "fund", "fund")} noteres som set, når data godkendes.`}
                      />
                    ) : null
                  }
                >
                  <p>Kommunens registreringer i rundens uger låses. Rettelser kræver, at runden genåbnes.</p>
                </ConfirmAction>
              ) : (
                <p>Runden er ikke slut endnu. Data kan godkendes, når rundens sidste uge er gået.</p>
              )}
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
