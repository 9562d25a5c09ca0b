import { formatShare } from "@/lib/reports/format";
import {
  type KeyFigure,
  LANDKORT_MAP,
  type LegendClass,
  NO_FIGURE,
  PARTICIPATION_CLASSES,
  SHARE_CLASSES,
  shareClass,
  UNPUBLISHED,
} from "@/lib/landkort/map";
import type { MunicipalityFigures } from "@/lib/reports/public-figures";

// The map of Det Digitale Landkort as a static, server-rendered SVG: no JavaScript, no inline styles
// (the CSP forbids them; fills are SVG attributes pointing at patterns). Each municipality is a link
// to its row in the table below, so it takes keyboard focus and has an accessible name with its figure.

/** The value a municipality shows for a key figure, in words and its legend class. */
export function mapValue(m: MunicipalityFigures, figure: KeyFigure): { text: string; cls: LegendClass } {
  if (!m.figures) return { text: "ikke offentliggjort", cls: UNPUBLISHED };
  if (figure === "deltagelse")
    return m.figures.participated
      ? { text: "deltog", cls: PARTICIPATION_CLASSES[0] }
      : { text: "deltog ikke", cls: PARTICIPATION_CLASSES[1] };
  const value = figure === "selvbetjening" ? m.figures.selfService : m.figures.digital;
  return value === null ? { text: "intet tal", cls: NO_FIGURE } : { text: formatShare(value), cls: shareClass(value) };
}

/**
 * Fills: a light-to-dark blue ramp that stays ordered in greyscale, each class with its own pattern
 * on top (none, dots, lines, cross-hatch, dense), so no class is told apart by colour alone.
 */
const FILLS: Record<string, { fill: string; mark?: "dots" | "lines" | "cross" | "dense" | "grey" }> = {
  "lk-0": { fill: "#eff6ff" },
  "lk-1": { fill: "#bfdbfe", mark: "dots" },
  "lk-2": { fill: "#60a5fa", mark: "lines" },
  "lk-3": { fill: "#2563eb", mark: "cross" },
  "lk-4": { fill: "#1e3a8a", mark: "dense" },
  "lk-yes": { fill: "#2563eb", mark: "lines" },
  "lk-no": { fill: "#ffffff" },
  "lk-none": { fill: "#ffffff", mark: "dots" },
  "lk-hidden": { fill: "#e2e8f0", mark: "grey" },
};

function Pattern({ id }: { id: string }) {
  const { fill, mark } = FILLS[id];
  const ink = mark === "grey" ? "#64748b" : id === "lk-1" || id === "lk-none" ? "#1e3a8a" : "#ffffff";
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill={fill} />
      {mark === "dots" ? <circle cx="3" cy="3" r="1" fill={ink} /> : null}
      {mark === "lines" || mark === "cross" || mark === "dense" ? <path d="M0 6L6 0" stroke={ink} strokeWidth="1" /> : null}
      {mark === "cross" ? <path d="M0 0L6 6" stroke={ink} strokeWidth="1" /> : null}
      {mark === "dense" ? <path d="M0 3L3 0M3 6L6 3" stroke={ink} strokeWidth="1" /> : null}
      {mark === "grey" ? <path d="M0 1.5H6M0 4.5H6" stroke={ink} strokeWidth="0.8" /> : null}
    </pattern>
  );
}

export function legendClasses(figure: KeyFigure): LegendClass[] {
  return [...(figure === "deltagelse" ? PARTICIPATION_CLASSES : [...SHARE_CLASSES, NO_FIGURE]), UNPUBLISHED];
}

export function LandkortMap({
  municipalities,
  figure,
  figureLabel,
}: {
  municipalities: MunicipalityFigures[];
  figure: KeyFigure;
  figureLabel: string;
}) {
  const byNumber = new Map(municipalities.map((m) => [m.number, m]));
  const classes = legendClasses(figure);
  const { width, height, inset } = LANDKORT_MAP;
  return (
    <figure className="landkort space-y-3">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-2xl" role="group" aria-labelledby="landkort-title">
        <title id="landkort-title">{`Danmarkskort: ${figureLabel} pr. kommune`}</title>
        <defs>
          {classes.map((c) => (
            <Pattern key={c.id} id={c.id} />
          ))}
        </defs>
        <rect
          x={inset.x}
          y={inset.y}
          width={inset.width}
          height={inset.height}
          fill="none"
          stroke="#64748b"
          strokeWidth="1"
          aria-hidden="true"
        />
        {LANDKORT_MAP.municipalities.map((shape) => {
          const m = byNumber.get(shape.number);
          const { text, cls } = m ? mapValue(m, figure) : { text: "ikke offentliggjort", cls: UNPUBLISHED };
          return (
            <a key={shape.number} href={`#kommune-${shape.number}`} data-kommune={shape.number} aria-label={`${shape.name}: ${text}`}>
              <path d={shape.d} fill={`url(#${cls.id})`} stroke="#0f172a" strokeWidth="0.6" strokeLinejoin="round" />
            </a>
          );
        })}
      </svg>
      <figcaption className="space-y-2">
        <p className="font-semibold">{figureLabel}</p>
        <ul className="flex flex-wrap gap-x-5 gap-y-2" aria-label="Signaturforklaring">
          {classes.map((c) => (
            <li key={c.id} className="flex items-center gap-2">
              <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true">
                <rect x="0.5" y="0.5" width="27" height="17" fill={`url(#${c.id})`} stroke="#0f172a" />
              </svg>
              <span>{c.label}</span>
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-700">
          Bornholm er vist i rammen øverst til højre. Vælg en kommune for at gå til dens række i tabellen.
        </p>
      </figcaption>
    </figure>
  );
}
