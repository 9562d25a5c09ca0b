import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/registration/print-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { isNational } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { ReportNotFoundError } from "@/lib/reports/context";
import { formatCell } from "@/lib/reports/format";
import type { ManagementReport, SummaryFigure } from "@/lib/reports/management";
import { changeOf } from "@/lib/reports/narrative";
import { managementPath } from "@/lib/reports/management";
import { chromiumPath } from "@/lib/reports/pdf";
import { managementPrintCss } from "@/lib/reports/print-css";
import { loadManagementReport, loadReportFilterOptions } from "@/lib/reports/queries";
import { BarChart } from "../_components/bar-chart";
import { ReportTable, tableAnchor } from "../_components/report-table";

export const metadata: Metadata = { title: "Afrapportering – Rapporter" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EDITION: Record<ManagementReport["edition"], string> = {
  municipality: "Kommunens udgave",
  units: "Enhedernes udgave",
  national: "Landsudgave",
};

function change(f: SummaryFigure): string | null {
  if (f.now === null || f.previous === null) return null;
  if (f.kind === "share") return `${formatCell("points", changeOf({ kind: "share", now: f.now, previous: f.previous }))} procentpoint`;
  const diff = f.kind === "kr" ? Math.round((f.now - f.previous) * 100) / 100 : Math.round(f.now) - Math.round(f.previous);
  return `${diff > 0 ? "+" : diff < 0 ? "−" : "±"}${formatCell(f.kind, Math.abs(diff))}${f.kind === "kr" ? " kr." : ""}`;
}

export default async function ManagementReportPage({ searchParams }: Props) {
  const user = await requireSection("reports");
  const query = await searchParams;
  let report: ManagementReport;
  try {
    report = await loadManagementReport(user.access, query);
  } catch (error) {
    if (error instanceof ReportNotFoundError) notFound();
    if (error instanceof UserFacingError) {
      return (
        <>
          <h1 className="mb-4 text-2xl sm:text-3xl">Afrapportering</h1>
          <Alert tone="error">{error.message}</Alert>
          <p className="mt-4">
            <Link href="/rapporter/afrapportering">Vis den seneste runde</Link>
          </p>
        </>
      );
    }
    throw error;
  }
  const { ctx } = report;
  const options = await loadReportFilterOptions(user.access, ctx);
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const header = `${report.scope} · ${report.round}`;
  const national = isNational(user.access);
  const value = (f: SummaryFigure, v: number | null) => `${formatCell(f.kind, v)}${f.kind === "kr" && v !== null ? " kr." : ""}`;
  const selfService = report.summary.find((f) => f.key === "selfService")!;

  return (
    <article className="management-report" aria-labelledby="afrapportering-titel">
      <style nonce={nonce} suppressHydrationWarning>
        {managementPrintCss(header, "Spor · Afrapportering")}
      </style>
      <div className="mb-6 space-y-4 print:hidden">
        <p>
          <Link href="/rapporter">Alle rapporter</Link>
        </p>
        <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Vælg runde">
          {options.municipalities.length > 1 || national ? (
            <div className="space-y-1">
              <Label htmlFor="afr-kommune">Kommune</Label>
              <Select id="afr-kommune" name="kommune" defaultValue={ctx.municipality ? String(ctx.municipality.number) : ""}>
                {national ? <option value="">Landsplan (godkendte kommuner)</option> : null}
                {options.municipalities.map((m) => (
                  <option key={m.number} value={m.number}>
                    {m.name} ({m.number})
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
          <div className="space-y-1">
            <Label htmlFor="afr-runde">Runde</Label>
            <Select id="afr-runde" name="runde" defaultValue={ctx.round?.code}>
              {options.rounds.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            Vis rapport
          </Button>
          <PrintButton label="Udskriv eller gem som PDF" />
        </form>
        {chromiumPath() ? (
          <p>
            <a href={`/api/reports/afrapportering/pdf?${managementPath(ctx).split("?")[1]}`} download>
              Hent rapporten som PDF
            </a>
          </p>
        ) : null}
        <p className="text-sm text-slate-700">
          Rapporten er sat op til A4 med sideskift før hvert kapitel, sidehoved og sidetal.{" "}
          {chromiumPath() ? "PDF'en laves af serveren ud fra denne side." : "Gem den som PDF med browserens udskrift («Gem som PDF»)."}
        </p>
      </div>

      <header className="mb-8 space-y-2 border-b border-slate-300 pb-6">
        <p className="text-sm font-medium uppercase tracking-wide text-slate-700">Afrapportering · {EDITION[report.edition]}</p>
        <h1 id="afrapportering-titel" className="text-2xl sm:text-3xl">
          Sådan henvendte borgerne sig: {report.scope}
        </h1>
        <p className="text-lg" data-testid="afrapportering-runde">
          {report.round}
          {report.previousRound ? ` sammenlignet med ${report.previousRound}` : " (ingen tidligere runde at sammenligne med)"}
        </p>
      </header>

      <section aria-labelledby="resume" className="mb-10 space-y-4" data-chapter="resume">
        <h2 id="resume" className="text-xl">
          Resumé
        </h2>
        <dl id={tableAnchor("resume")} className="grid grid-cols-2 gap-3 sm:grid-cols-3 print:grid-cols-3" data-testid="summary">
          {report.summary.map((f) => (
            <div key={f.key} className="rounded-md border border-slate-300 bg-white p-3 break-inside-avoid" data-figure={f.key}>
              <dt className="text-sm text-slate-700">{f.label}</dt>
              <dd className="text-2xl font-semibold">{value(f, f.now)}</dd>
              {report.previousRound ? (
                <dd className="text-sm">
                  {report.previousRound}: {value(f, f.previous)}
                  {change(f) ? ` (${change(f)})` : ""}
                </dd>
              ) : null}
              {f.n !== undefined ? <dd className="text-xs text-slate-700">n = {formatNumber(f.n)}</dd> : null}
            </div>
          ))}
        </dl>
        {!report.pricesSet ? <p className="text-sm">Ingen kanalpriser er sat, så omkostningen er ikke med.</p> : null}
        <p data-testid="target-sentence">{report.targetSentence}</p>
        <BarChart
          id="resume-maal"
          tableTitle="nøgletallene i resuméet"
          chart={{
            title: "Selvbetjeningsgrad mod målet på 80 %",
            caption: "Selvbetjeningsgraden i runden og i den tidligere runde; den stiplede linje er målet.",
            unit: "share",
            tableId: "resume",
            target: { value: 0.8, label: "Mål 80 %" },
            bars: [
              { label: report.round, value: selfService.now, series: report.round },
              ...(report.previousRound ? [{ label: report.previousRound, value: selfService.previous, series: report.previousRound }] : []),
            ],
          }}
        />
        <h3 className="text-lg">De største ændringer siden {report.previousRound ?? "sidste runde"}</h3>
        {report.largest.length ? (
          <ol className="list-decimal space-y-1 pl-6" data-testid="largest-changes">
            {report.largest.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        ) : (
          <p>Der er ingen tidligere runde at sammenligne med, eller intet nøgletal har ændret sig.</p>
        )}
      </section>

      {report.chapters.map((chapter) => (
        <section
          key={chapter.id}
          aria-labelledby={`kapitel-${chapter.id}`}
          className="report-chapter mb-10 space-y-4"
          data-chapter={chapter.id}
        >
          <h2 id={`kapitel-${chapter.id}`} className="text-xl">
            {chapter.title}
          </h2>
          <div className="space-y-1" data-testid={`sentences-${chapter.id}`}>
            {chapter.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
          </div>
          {chapter.charts
            .filter((c) => c.bars.length)
            .map((chart, i) => (
              <BarChart
                key={chart.title}
                chart={chart}
                id={`${chapter.id}-figur-${i}`}
                tableTitle={chapter.tables.find((t) => t.id === chart.tableId)?.caption ?? chapter.title}
              />
            ))}
          {chapter.tables.map((table) => (
            <ReportTable key={table.id} table={table} />
          ))}
          {chapter.notes.length ? (
            <ul className="list-disc space-y-1 pl-6 text-sm text-slate-700">
              {chapter.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}

      <section aria-labelledby="bilag" className="report-chapter mb-10 space-y-4" data-chapter="bilag">
        <h2 id="bilag" className="text-xl">
          {report.annexTitle}
        </h2>
        <ReportTable table={report.overview} />
        {report.annexes.map((a) => (
          <section key={a.id} aria-labelledby={`${a.id}-titel`} className="annex space-y-2 break-inside-avoid" data-annex={a.name}>
            <h3 id={`${a.id}-titel`} className="text-lg">
              {a.name}
            </h3>
            {a.sentences.map((s) => (
              <p key={s}>{s}</p>
            ))}
            <ReportTable table={a.table} />
          </section>
        ))}
      </section>

      <section aria-labelledby="metode" className="report-chapter mb-10 space-y-4" data-chapter="metode">
        <h2 id="metode" className="text-xl">
          Metode og grundlag
        </h2>
        {report.method.sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
        {report.method.tables.map((t) => (
          <ReportTable key={t.id} table={t} />
        ))}
        <ul className="list-disc space-y-1 pl-6 text-sm text-slate-700">
          {report.method.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
