import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeader, Section } from "@/components/ui/page-header";
import { isNational } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { ReportNotFoundError } from "@/lib/reports/context";
import { describeContext } from "@/lib/reports/describe";
import { filtersToSearchParams } from "@/lib/reports/filters";
import { loadReport, loadReportFilterOptions, loadReportMunicipalities } from "@/lib/reports/queries";
import { reportBySlug } from "@/lib/reports/registry";
import type { RunReport } from "@/lib/reports/run";
import { BarChart } from "../_components/bar-chart";
import { FilterForm } from "../_components/filter-form";
import { MunicipalityPicker } from "../_components/municipality-picker";
import { ReportTable } from "../_components/report-table";

type Props = { params: Promise<{ rapport: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = reportBySlug((await params).rapport);
  return { title: report ? `${report.title} – Rapporter` : "Rapporter" };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const user = await requireSection("reports");
  const { rapport } = await params;
  const query = await searchParams;
  let run: RunReport;
  try {
    run = await loadReport(user.access, rapport, query);
  } catch (error) {
    if (error instanceof ReportNotFoundError) notFound();
    if (error instanceof UserFacingError && reportBySlug(rapport)) {
      const report = reportBySlug(rapport)!;
      // National staff see every municipality, so a report that needs one asks which (benchmark, units).
      const choose = isNational(user.access) && !query.kommune;
      const municipalities = choose ? await loadReportMunicipalities(user.access) : [];
      return (
        <>
          <p className="mb-2 print:hidden">
            <Link href="/rapporter">Alle rapporter</Link>
          </p>
          <PageHeader title={report.title}>
            <p>{report.description}</p>
          </PageHeader>
          {choose ? (
            <MunicipalityPicker municipalities={municipalities} query={query} message={error.message} />
          ) : (
            <>
              <Alert tone="error">{error.message}</Alert>
              <p className="mt-4">
                <Link href={`/rapporter/${rapport}`}>Vis rapporten uden filtre</Link>
              </p>
            </>
          )}
        </>
      );
    }
    throw error;
  }
  const { report, ctx, result } = run;
  const options = await loadReportFilterOptions(user.access, ctx);
  const search = filtersToSearchParams({ ...ctx.filters, kommune: ctx.municipality?.number }).toString();
  const downloadBase = `/api/reports/${report.slug}${search ? `?${search}` : ""}`;
  const tableTitle = (id: string) => result.tables.find((t) => t.id === id)?.caption ?? "";

  return (
    <>
      <p className="mb-2 print:hidden">
        <Link href="/rapporter">Alle rapporter</Link>
      </p>
      <PageHeader title={report.title}>
        <p>{report.description}</p>
        <p className="font-medium" data-testid="report-scope">
          {describeContext(ctx)}
        </p>
      </PageHeader>
      <FilterForm report={report} ctx={ctx} options={options} national={isNational(user.access)} />
      {result.tables.map((table) => (
        <Section key={table.id} title={table.title}>
          <div className="space-y-8">
            {result.charts
              .filter((c) => c.tableId === table.id && c.bars.length)
              .map((chart, i) => (
                <BarChart key={chart.title} chart={chart} tableTitle={tableTitle(table.id)} id={`figur-${table.id}-${i}`} />
              ))}
            <ReportTable table={table} downloadBase={downloadBase} />
          </div>
        </Section>
      ))}
      {result.notes.length ? (
        <Section title="Sådan er tallene regnet">
          <ul className="list-disc space-y-1 pl-6">
            {result.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
            <li>Alle tal tæller antal henvendelser (en masseregistrering af 40 breve tæller 40). Prøvetællinger tæller aldrig med.</li>
          </ul>
        </Section>
      ) : null}
    </>
  );
}
