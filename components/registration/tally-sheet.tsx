import Link from "next/link";
import { CLOSURES, CONTACT_TYPES } from "@/lib/reference/codes";
import type { SheetLayout } from "@/lib/exchange/paper-sheet";
import { PrintButton } from "./print-button";

// The app shell (header, menu, footer) is not printed; only the sheet is, on one A4 page: portrait
// for a narrow sheet, landscape for a wide one. The print rules are in app/globals.css, not in a
// <style> tag: the Content-Security-Policy allows no inline styles (docs/security.md).

/** Columns (channels, plus type and closure) from which a sheet prints landscape. */
export const LANDSCAPE_FROM_COLUMNS = 7;

/**
 * A tally sheet: the unit's tasks as rows in the coordinator's order, the channels staff handle (ind,
 * then ud) as columns, and empty cells for tally marks; with `layout.withTypes`, a Type and an
 * Afslutning cell per row for the code the row's contacts get. "Indtast skema" has exactly this
 * layout (components/registration/paper-sheet-grid.tsx).
 */
export function TallySheet({
  layout,
  unitName,
  municipalityName,
  isoWeek,
  back,
  printOptionsHref,
  keyHref,
}: {
  layout: SheetLayout;
  unitName: string;
  municipalityName: string;
  isoWeek: number;
  back: { href: string; label: string };
  /** The same sheet with the other choice of type and closure columns. */
  printOptionsHref: string;
  /** "Indtast skema" for this unit, when the user may key sheets in. */
  keyHref?: string;
}) {
  const inbound = layout.channels.filter((c) => c.direction === "IN");
  const outbound = layout.channels.filter((c) => c.direction === "OUT");
  const columns = [...inbound, ...outbound];
  const landscape = columns.length + (layout.withTypes ? 2 : 0) >= LANDSCAPE_FROM_COLUMNS;
  const cell = "border border-slate-500 px-1 py-0.5";
  return (
    <div className="tally-sheet space-y-3" data-orientation={landscape ? "landscape" : "portrait"}>
      <div className="tally-noprint flex flex-wrap items-center gap-3">
        <Link href={back.href} className="inline-flex min-h-11 items-center">
          {back.label}
        </Link>
        <PrintButton />
        <Link href={printOptionsHref} className="inline-flex min-h-11 items-center">
          {layout.withTypes ? "Skema uden kontakttype og afslutning" : "Skema med kontakttype og afslutning"}
        </Link>
        {keyHref ? (
          <Link href={keyHref} className="inline-flex min-h-11 items-center">
            Indtast et udfyldt skema
          </Link>
        ) : null}
        <p className="basis-full text-slate-700">
          Skemaet udskrives på én A4-side, {landscape ? "liggende" : "stående"}. Selvbetjening, besøg på hjemmesiden og systemkanaler er
          ikke med: dem sætter ingen medarbejder streger for.
        </p>
      </div>
      <h1 className="text-2xl">Tælleskema: {unitName}</h1>
      <dl className="tally-head grid gap-x-8 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
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
          <dd className="mt-5 border-b border-slate-900">
            <span className="sr-only">Udfyldes i hånden</span>
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-700">Navn</dt>
          <dd className="mt-5 border-b border-slate-900">
            <span className="sr-only">Udfyldes i hånden</span>
          </dd>
        </div>
      </dl>
      <p className="text-sm">
        Sæt en streg for hver henvendelse i feltet for opgave og kanal. Én henvendelse om to opgaver giver to streger.
        {layout.withTypes ? " Skriv rækkens type og afslutning med koderne nederst; en tom kode får enhedens standard." : null}
      </p>
      <table className="tally-table w-full border-collapse text-sm">
        <caption className="sr-only">Tælleskema: opgaver i rækker, kanaler i kolonner</caption>
        <thead>
          <tr>
            <td className={cell} />
            {inbound.length ? (
              <th scope="colgroup" colSpan={inbound.length} className={`${cell} bg-slate-100`}>
                Ind
              </th>
            ) : null}
            {outbound.length ? (
              <th scope="colgroup" colSpan={outbound.length} className={`${cell} bg-slate-100`}>
                Ud
              </th>
            ) : null}
            {layout.withTypes ? <td className={cell} colSpan={2} /> : null}
          </tr>
          <tr>
            <th scope="col" className={`${cell} text-left`}>
              Opgave
            </th>
            {columns.map((c) => (
              <th key={c.code} scope="col" className={`${cell} tally-channel align-bottom font-semibold`}>
                {c.name}
              </th>
            ))}
            {layout.withTypes ? (
              <>
                <th scope="col" className={`${cell} tally-channel align-bottom font-semibold`}>
                  Type
                </th>
                <th scope="col" className={`${cell} tally-channel align-bottom font-semibold`}>
                  Afslutning
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {layout.tasks.map((t) => (
            <tr key={t.id}>
              <th scope="row" className={`${cell} tally-task text-left font-normal`}>
                {t.number === "FEJL" ? null : <span className="mr-1 font-mono">{t.number}</span>} {t.title}
              </th>
              {columns.map((c) => (
                <td key={c.code} className={`${cell} tally-cell h-10 min-w-16`} />
              ))}
              {layout.withTypes ? (
                <>
                  <td className={`${cell} tally-cell h-10 min-w-16 text-center text-slate-700`}>{t.number === "FEJL" ? "FEJL" : null}</td>
                  <td className={`${cell} tally-cell h-10 min-w-16`} />
                </>
              ) : null}
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${cell} text-left`}>
              I alt
            </th>
            {columns.map((c) => (
              <td key={c.code} className={`${cell} tally-cell h-10`} />
            ))}
            {layout.withTypes ? <td className={cell} colSpan={2} /> : null}
          </tr>
        </tbody>
      </table>
      {layout.withTypes ? (
        <p className="tally-legend text-xs">
          <strong>Type:</strong>{" "}
          {CONTACT_TYPES.filter((t) => t.code !== "FEJL")
            .map((t) => `${t.code} = ${t.label}`)
            .join(" · ")}
          . <strong>Afslutning:</strong> {CLOSURES.map((c) => `${c.code} = ${c.label}`).join(" · ")}.
        </p>
      ) : null}
    </div>
  );
}
