import { toCsv } from "@/lib/exchange/csv";
import { DAGI_ATTRIBUTION, NOT_PUBLISHED } from "./map";
import type { LandkortData } from "./types";

// The open data of Det Digitale Landkort: the public figures of a round as JSON and CSV
// (docs/formats.md, "Det Digitale Landkort"). Only what the page shows: KL's national totals and the
// published municipalities' own figures; an unpublished municipality is its number, name and status.

export const LICENCE =
  "Tallene må frit genbruges, også kommercielt, med kildeangivelsen «Kilde: Spor, kommunernes tælleuger». DAGI-kortdata: " +
  DAGI_ATTRIBUTION +
  ".";

const round4 = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 10000);

export function landkortJson(data: LandkortData) {
  const { round, national, municipalities } = data;
  return {
    schema: "spor-landkort/1",
    licence: LICENCE,
    round: {
      code: round.code,
      name: round.name,
      weeks: round.weekKeys.map((k) => `${Math.floor(k / 100)}-W${String(k % 100).padStart(2, "0")}`),
    },
    national: {
      municipalities: national.municipalities,
      withheld: national.withheld,
      contacts: national.withheld ? null : national.contacts,
      selfService: round4(national.selfService),
      selfServiceN: national.withheld ? null : national.selfServiceN,
      digital: round4(national.digital),
      digitalN: national.withheld ? null : national.digitalN,
    },
    municipalities: municipalities.map((m) =>
      m.figures
        ? {
            number: m.number,
            name: m.name,
            status: "offentliggjort",
            participated: m.figures.participated,
            contacts: m.figures.contacts,
            selfService: round4(m.figures.selfService),
            selfServiceN: m.figures.selfServiceN,
            digital: round4(m.figures.digital),
            digitalN: m.figures.digitalN,
          }
        : {
            number: m.number,
            name: m.name,
            status: NOT_PUBLISHED,
            participated: null,
            contacts: null,
            selfService: null,
            selfServiceN: null,
            digital: null,
            digitalN: null,
          },
    ),
  };
}

export const CSV_HEADER = [
  "kommunenr",
  "kommune",
  "status",
  "deltog",
  "henvendelser",
  "selvbetjeningsgrad",
  "n_selvbetjeningsgrad",
  "andel_digital",
  "n_andel_digital",
];

/**
 * One line per municipality, then «Landsplan» (number 0, status "landsplan", or "for få kommuner" with empty figures when they are withheld; `deltog` the number of
 * municipalities counted) with KL's totals; shares as fractions 0–1 with a decimal comma.
 */
export function landkortCsv(data: LandkortData): string {
  const json = landkortJson(data);
  const n = json.national;
  return toCsv([
    CSV_HEADER,
    ...json.municipalities.map((m) => [
      m.number,
      m.name,
      m.status,
      m.participated,
      m.contacts,
      m.selfService,
      m.selfServiceN,
      m.digital,
      m.digitalN,
    ]),
    [
      0,
      "Landsplan",
      n.withheld ? "for få kommuner" : "landsplan",
      n.municipalities,
      n.contacts,
      n.selfService,
      n.selfServiceN,
      n.digital,
      n.digitalN,
    ],
  ]);
}
