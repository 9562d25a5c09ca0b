import geometry from "./geo/map.json";
import { DANISH_MUNICIPALITIES } from "@/lib/reference/municipalities";

// Det Digitale Landkort's map and key figures, without the database: the projected SVG paths
// (built from DAGI by scripts/build-landkort-map.mjs), which key figures the map can be coloured by,
// and the classes of the legend. A class has a fill *and* a pattern and a number range, so the
// legend never relies on colour alone.

export interface MapShape {
  number: number;
  name: string;
  d: string;
}

export const LANDKORT_MAP: {
  width: number;
  height: number;
  inset: { x: number; y: number; width: number; height: number };
  municipalities: MapShape[];
} = geometry;

export const DAGI_ATTRIBUTION = "Indeholder data fra Styrelsen for Dataforsyning og Infrastruktur, DAGI";

export const KEY_FIGURES = [
  {
    key: "selvbetjening",
    label: "Selvbetjeningsgrad",
    description: "Andelen af indgående transaktioner (ny sag, ændring af status), der kom via digital selvbetjening.",
  },
  {
    key: "digital",
    label: "Andel digitale kanaler",
    description:
      "Andelen af indgående henvendelser (uden besøg på hjemmeside), der kom via en digital kanal: alt andet end personligt fremmøde, telefon og papirbrev.",
  },
  { key: "deltagelse", label: "Deltagelse", description: "Om kommunen har registreret henvendelser i rundens tælleuger." },
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number]["key"];

export function keyFigureOf(value: unknown): KeyFigure {
  return KEY_FIGURES.find((f) => f.key === value)?.key ?? "selvbetjening";
}

export const NOT_PUBLISHED = "ikke offentliggjort";

/** A legend class: the SVG pattern id that fills it, and its text. */
export interface LegendClass {
  id: string;
  label: string;
}

/** Shares in five classes of 20 percentage points (the last holds the 80 % target and above). */
export const SHARE_CLASSES: LegendClass[] = [
  { id: "lk-0", label: "0–19 %" },
  { id: "lk-1", label: "20–39 %" },
  { id: "lk-2", label: "40–59 %" },
  { id: "lk-3", label: "60–79 %" },
  { id: "lk-4", label: "80–100 %" },
];
export const PARTICIPATION_CLASSES: LegendClass[] = [
  { id: "lk-yes", label: "Deltog" },
  { id: "lk-no", label: "Deltog ikke" },
];
export const NO_FIGURE: LegendClass = { id: "lk-none", label: "Intet tal (ingen henvendelser at regne på)" };
export const UNPUBLISHED: LegendClass = { id: "lk-hidden", label: "Ikke offentliggjort" };

export function shareClass(value: number): LegendClass {
  return SHARE_CLASSES[Math.min(4, Math.max(0, Math.floor((value * 100 + 1e-9) / 20)))];
}

/** Every municipality on the map, in number order (the reference list and the map agree: a unit test checks). */
export const MAP_MUNICIPALITIES = DANISH_MUNICIPALITIES;
