import { Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import { DAGI_ATTRIBUTION, KEY_FIGURES, type KeyFigure, NOT_PUBLISHED } from "@/lib/landkort/map";
import type { LandkortData, LandkortRound } from "@/lib/landkort/types";
import { MIN_OTHER_MUNICIPALITIES, TOO_FEW_MUNICIPALITIES } from "@/lib/reports/benchmark";
import { formatShare } from "@/lib/reports/format";
import { LandkortMap } from "./landkort-map";

// Det Digitale Landkort for one round: the GET form (round, key figure), KL's national figures, the
// map, the table alternative and the open-data downloads. Server-rendered; works without JavaScript.

const n = (value: number) => `n = ${formatNumber(value)}`;

function Chooser({ rounds, round, figure }: { rounds: LandkortRound[]; round: string; figure: KeyFigure }) {
  return (
    <form
      method="get"
      action="/landkort"
      className="flex flex-wrap items-end gap-4 rounded-md border border-slate-300 bg-white p-4"
      aria-label="Vælg runde og nøgletal"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="runde" className="font-semibold">
          Runde
        </label>
        <select id="runde" name="runde" defaultValue={round} className="min-h-11 rounded-md border border-slate-500 bg-white px-3">
          {rounds.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="noegletal" className="font-semibold">
          Kortet viser
        </label>
        <select id="noegletal" name="noegletal" defaultValue={figure} className="min-h-11 rounded-md border border-slate-500 bg-white px-3">
          {KEY_FIGURES.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="min-h-11 rounded-md bg-blue-700 px-4 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        Vis
      </button>
    </form>
  );
}

export function LandkortView({ data, rounds, figure }: { data: LandkortData; rounds: LandkortRound[]; figure: KeyFigure }) {
  const { round, national, municipalities } = data;
  const chosen = KEY_FIGURES.find((f) => f.key === figure)!;
  const published = municipalities.filter((m) => m.figures).length;
  const download = (format: "csv" | "json") => `/api/landkort?runde=${encodeURIComponent(round.code)}&format=${format}`;
  return (
    <div className="space-y-8">
      <Chooser rounds={rounds} round={round.code} figure={figure} />

      <Section title={`Landstal, ${round.name}`}>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div className="rounded-md border border-slate-300 bg-white p-4">
            <dt className="text-sm text-slate-700">Kommuner, der har talt</dt>
            <dd className="text-2xl font-bold">{formatNumber(national.municipalities)}</dd>
          </div>
          {national.withheld ? null : (
            <>
              <div className="rounded-md border border-slate-300 bg-white p-4">
                <dt className="text-sm text-slate-700">Henvendelser</dt>
                <dd className="text-2xl font-bold">{formatNumber(national.contacts)}</dd>
              </div>
              <div className="rounded-md border border-slate-300 bg-white p-4">
                <dt className="text-sm text-slate-700">Selvbetjeningsgrad (mål 80 %)</dt>
                <dd className="text-2xl font-bold">{formatShare(national.selfService)}</dd>
                <dd className="text-sm text-slate-700">{n(national.selfServiceN)} indgående transaktioner</dd>
              </div>
              <div className="rounded-md border border-slate-300 bg-white p-4">
                <dt className="text-sm text-slate-700">Andel digitale kanaler</dt>
                <dd className="text-2xl font-bold">{formatShare(national.digital)}</dd>
                <dd className="text-sm text-slate-700">{n(national.digitalN)} indgående henvendelser</dd>
              </div>
            </>
          )}
        </dl>
        {national.withheld ? (
          <p>
            Landstallene vises ikke for denne runde ({TOO_FEW_MUNICIPALITIES}): færre end {MIN_OTHER_MUNICIPALITIES} af de kommuner, der har
            talt, har valgt ikke at offentliggøre deres tal, og deres egne tal kunne ellers regnes ud ved at trække de offentliggjorte
            kommuners tal fra landstallene.
          </p>
        ) : null}
        <p className="text-sm text-slate-700">
          Landstallene er alle deltagende kommuners henvendelser lagt sammen (ikke et gennemsnit af kommunernes andele) og vises altid.{" "}
          {formatNumber(published)} af 98 kommuner har valgt at offentliggøre deres egne tal.
        </p>
      </Section>

      <Section title={chosen.label}>
        <p>{chosen.description}</p>
        <LandkortMap municipalities={municipalities} figure={figure} figureLabel={`${chosen.label}, ${round.name}`} />
      </Section>

      <Section title="Tabel">
        <Table caption={`Kommunernes tal, ${round.name}`}>
          <thead>
            <tr>
              <Th>Nr.</Th>
              <Th>Kommune</Th>
              <Th>Deltog</Th>
              <Th numeric>Henvendelser</Th>
              <Th numeric>Selvbetjeningsgrad</Th>
              <Th numeric>n</Th>
              <Th numeric>Andel digitale kanaler</Th>
              <Th numeric>n</Th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.number} id={`kommune-${m.number}`} className="border-t border-slate-200 target:bg-yellow-100">
                <Td>{m.number}</Td>
                <Th scope="row">{m.name}</Th>
                {m.figures ? (
                  <>
                    <Td>{m.figures.participated ? "Ja" : "Nej"}</Td>
                    <Td numeric>{formatNumber(m.figures.contacts)}</Td>
                    <Td numeric>{formatShare(m.figures.selfService)}</Td>
                    <Td numeric>{formatNumber(m.figures.selfServiceN)}</Td>
                    <Td numeric>{formatShare(m.figures.digital)}</Td>
                    <Td numeric>{formatNumber(m.figures.digitalN)}</Td>
                  </>
                ) : (
                  <Td colSpan={6}>{NOT_PUBLISHED}</Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>

      <Section title="Åbne data">
        <p>
          Tallene kan hentes som{" "}
          <a href={download("csv")} download>
            CSV
          </a>{" "}
          og{" "}
          <a href={download("json")} download>
            JSON
          </a>
          . De må frit genbruges med kildeangivelsen «Kilde: Spor, kommunernes tælleuger». Filernes indhold er beskrevet i dokumentationen
          (docs/formats.md, «Det Digitale Landkort»).
        </p>
        <p className="text-sm text-slate-700">Kortet: {DAGI_ATTRIBUTION}.</p>
      </Section>
    </div>
  );
}
