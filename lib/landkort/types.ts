import type { MunicipalityFigures, NationalFigures } from "@/lib/reports/public-figures";

export interface LandkortRound {
  id: string;
  code: string;
  name: string;
  weekKeys: number[];
}

/** One round of Det Digitale Landkort: what /landkort and its downloads show. */
export interface LandkortData {
  round: LandkortRound;
  national: NationalFigures;
  /** All 98 municipalities in number order; `figures` only for the published. */
  municipalities: MunicipalityFigures[];
}
