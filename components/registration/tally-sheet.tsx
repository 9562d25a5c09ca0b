import Link from "next/link";
import type { unitSetup } from "@/lib/units/queries";
import { PrintButton } from "./print-button";

type Setup = NonNullable<Awaited<ReturnType<typeof unitSetup>>>;

// The app shell (header, menu, footer) is not printed; only the sheet is, landscape (more channels
// fit). The print rules are in app/globals.css, not in a <style> tag: the Content-Security-Policy
// allows no inline styles (docs/security.md).

/**
 * A tally sheet: the unit's tasks as rows, its channels (ind, then ud) as columns, and empty cells
 * for tally marks. Contact type, closure and form are left out on purpose: a paper sheet with every
 * combination is unusable, and the counts are entered per task and channel afterwards.
 */
export function TallySheet({ setup, municipalityName, isoWeek }: { setup: Setup; municipalityName: string; isoWeek: number }) {
  const inbound = setup.channels.filter((c) => c.direction === "IN");
  const outbound = setup.channels.filter((c) => c.direction === "OUT");
  const columns = [...inbound, ...outbound];
  const tasks = [...setup.tasks.filter((t) => t.number !== "FEJL"), ...setup.tasks.filter((t) => t.number === "FEJL")];
  return (
    <div className="tally-sheet space-y-4">
      <div className="tally-noprint flex flex-wrap items-center gap-3">
        <Link href="/registrering" className="inline-flex min-h-11 items-center">
          Tilbage til registrering
        </Link>
        <PrintButton />
        <p className="text-slate-700">Skemaet udskrives liggende på A4.</p>
      </div>
      <h1 className="text-2xl">Tælleskema: {setup.unit.name}</h1>
      <dl className="grid gap-x-8 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-sm text-slate-700">Kommune</dt>
          <dd className="font-medium">{municipalityName}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Uge</dt>
          <dd className="font-medium">{isoWeek}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Dato</dt>
          <dd className="mt-5 border-b border-slate-900"><span className="sr-only">Udfyldes i hånden</span></dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Navn</dt>
          <dd className="mt-5 border-b border-slate-900"><span className="sr-only">Udfyldes i hånden</span></dd>
        </div>
      </dl>
      <p className="text-sm">Sæt en streg for hver henvendelse i feltet for opgave og kanal. Én henvendelse om to opgaver giver to streger.</p>
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Tælleskema: opgaver i rækker, kanaler i kolonner</caption>
        <thead>
          <tr>
            <td className="border border-slate-500" />
            {inbound.length ? (
              <th scope="colgroup" colSpan={inbound.length} className="border border-slate-500 bg-slate-100 px-2 py-1">
                Ind
              </th>
            ) : null}
            {outbound.length ? (
              <th scope="colgroup" colSpan={outbound.length} className="border border-slate-500 bg-slate-100 px-2 py-1">
                Ud
              </th>
            ) : null}
          </tr>
          <tr>
            <th scope="col" className="border border-slate-500 px-2 py-1 text-left">
              Opgave
            </th>
            {columns.map((c) => (
              <th key={c.code} scope="col" className="border border-slate-500 px-2 py-1 align-bottom font-semibold">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="border border-slate-500 px-2 py-1 text-left font-normal">
                {t.number === "FEJL" ? null : <span className="mr-2 font-mono">{t.number}</span>}{" "}
                {t.title}
              </th>
              {columns.map((c) => (
                <td key={c.code} className="h-12 min-w-20 border border-slate-500" />
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row" className="border border-slate-500 px-2 py-1 text-left">
              I alt
            </th>
            {columns.map((c) => (
              <td key={c.code} className="h-12 border border-slate-500" />
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
