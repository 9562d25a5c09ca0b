import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { isNational } from "@/lib/auth/access";
import { requireSection } from "@/lib/auth/guards";
import { reportsFor } from "@/lib/reports/registry";

export const metadata: Metadata = { title: "Rapporter" };

export default async function ReportsPage() {
  const user = await requireSection("reports");
  const reports = reportsFor(user.access);
  return (
    <>
      <PageHeader title="Rapporter">
        <p>
          Tællingens nøgletal for de enheder og kommuner, du har adgang til. Prøvetællinger tæller aldrig med, og registreringer uden for
          kommunens tælleuger er udeladt, medmindre du beder om dem. Alle tal tæller antal henvendelser.
        </p>
      </PageHeader>
      <section aria-labelledby="afrapportering" className="mb-6 rounded-md border-2 border-blue-800 bg-white p-4">
        <h2 id="afrapportering" className="text-lg">
          <Link href="/rapporter/afrapportering">Afrapportering</Link>
        </h2>
        <p className="text-slate-700">
          Rundens rapport til ledelsen i ét klik: resumé, et kapitel pr. nøgletal med figur, tabel og grundlag, opgavepakken mod landsplan,
          et bilag pr. enhed og metoden. Klar til udskrift på A4 og til at gemme som PDF.
        </p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-2">
        {reports.map((r) => (
          <li key={r.slug} className="rounded-md border border-slate-300 bg-white p-4">
            <h2 className="text-lg">
              <Link href={`/rapporter/${r.slug}`}>{r.title}</Link>
            </h2>
            <p className="text-slate-700">{r.description}</p>
          </li>
        ))}
      </ul>
      {isNational(user.access) || user.access.memberships.some((m) => m.role === "COORDINATOR") ? (
        <p className="mt-6">
          <Link href="/rapporter/kanalpriser">Kanalpriser</Link>: se og ret de priser, omkostningsrapporten bruger.
        </p>
      ) : null}
    </>
  );
}
