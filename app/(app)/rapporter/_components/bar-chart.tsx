import { formatCell, formatShare } from "@/lib/reports/format";
import type { ReportChart } from "@/lib/reports/types";
import { tableAnchor } from "./report-table";

// A horizontal bar chart drawn as SVG on the server: prints as it looks, needs no script, and each
// value is written beside its bar, so no figure depends on colour. It has a visible title, a legend
// for every fill, pattern and line it draws, and a link to the table that holds the same numbers.

const ROW = 30;
const LABEL_W = 300;
const BAR_W = 420;
const VALUE_W = 100;
const FONT = 14;

/** The fills, in the order series get them: solid first, then hatched, then dotted. */
const FILLS = [
  { id: "solid", name: "fyldt" },
  { id: "hatch", name: "skraveret" },
  { id: "dots", name: "prikket" },
] as const;

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-solid`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#1d4ed8" />
      </pattern>
      <pattern id={`${prefix}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#dbeafe" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#1e3a8a" strokeWidth="3" />
      </pattern>
      <pattern id={`${prefix}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#eff6ff" />
        <circle cx="3" cy="3" r="1.6" fill="#1e3a8a" />
      </pattern>
    </defs>
  );
}

/** A small swatch for the legend, drawn like the bars. */
function Swatch({ prefix, fill }: { prefix: string; fill: string }) {
  // Its own pattern ids (prefix-key-<fill>): ids must be unique on the page.
  return (
    <svg width="28" height="16" aria-hidden="true" className="shrink-0">
      <Patterns prefix={`${prefix}-key-${fill}`} />
      <rect x="1" y="1" width="26" height="14" fill={`url(#${prefix}-key-${fill}-${fill})`} stroke="#1e3a8a" />
    </svg>
  );
}

export function BarChart({ chart, tableTitle, id }: { chart: ReportChart; tableTitle: string; id: string }) {
  const bars = chart.bars.slice(0, 40);
  const max = chart.unit === "share" ? 1 : Math.max(1, ...bars.map((b) => b.value ?? 0));
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = bars.length * ROW + 34;
  const x = (value: number) => LABEL_W + (BAR_W * value) / max;
  const label = (s: string) => (s.length > 38 ? `${s.slice(0, 37)}…` : s);
  const value = (v: number | null) => (chart.unit === "share" ? formatShare(v) : formatCell("count", v));
  // One fill per series (e.g. the municipality and the national figure); one fill when there are none.
  const series = [...new Set(bars.map((b) => b.series ?? ""))];
  const fillOf = (s: string | undefined) => FILLS[Math.min(series.indexOf(s ?? ""), FILLS.length - 1)].id;
  const measure = chart.measure ?? (chart.unit === "share" ? "Andel i procent" : "Antal henvendelser");
  const titleId = `${id}-title`;
  return (
    <figure className="space-y-2 break-inside-avoid" aria-labelledby={titleId}>
      <h3 id={titleId} className="text-lg">
        {chart.title}
      </h3>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="w-full max-w-4xl"
        role="img"
        aria-label={`${chart.title}. Tallene står i tabellen ${tableTitle}.`}
      >
        <Patterns prefix={id} />
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          return (
            <g key={`${bar.label}-${i}`}>
              <title>{`${bar.label}: ${value(bar.value)}`}</title>
              <text x={LABEL_W - 8} y={y + 18} textAnchor="end" fontSize={FONT} fill="#0f172a">
                {label(bar.label)}
              </text>
              {bar.value !== null && bar.value > 0 ? (
                <rect
                  x={LABEL_W}
                  y={y + 3}
                  width={Math.max(1, x(bar.value) - LABEL_W)}
                  height={ROW - 8}
                  fill={`url(#${id}-${fillOf(bar.series)})`}
                  stroke="#1e3a8a"
                />
              ) : null}
              <text x={(bar.value ? x(bar.value) : LABEL_W) + 6} y={y + 18} fontSize={FONT} fill="#0f172a">
                {value(bar.value)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL_W} x2={LABEL_W} y1={0} y2={bars.length * ROW + 4} stroke="#334155" />
        {chart.target ? (
          <g>
            <line
              x1={x(chart.target.value)}
              x2={x(chart.target.value)}
              y1={0}
              y2={bars.length * ROW + 8}
              stroke="#b91c1c"
              strokeWidth="2"
              strokeDasharray="6 4"
            />
            <text x={x(chart.target.value)} y={bars.length * ROW + 26} textAnchor="middle" fontSize={FONT} fill="#b91c1c" fontWeight="bold">
              {chart.target.label}
            </text>
          </g>
        ) : null}
      </svg>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label={`Signaturforklaring: ${chart.title}`}>
        {series.map((s) => (
          <li key={s || "all"} className="flex items-center gap-2">
            <Swatch prefix={id} fill={fillOf(s)} />
            {s ? `${s}: ${measure.toLowerCase()}` : measure}
          </li>
        ))}
        {chart.target ? (
          <li className="flex items-center gap-2">
            <svg width="28" height="16" aria-hidden="true" className="shrink-0">
              <line x1="2" x2="26" y1="8" y2="8" stroke="#b91c1c" strokeWidth="2" strokeDasharray="6 4" />
            </svg>
            Stiplet rød linje: {chart.target.label.replace(/^Mål/, "målet på")}
          </li>
        ) : null}
        {bars.some((b) => b.value === null) ? <li>«–»: intet tal at vise (se tabellen)</li> : null}
      </ul>
      <figcaption className="text-sm text-slate-700">
        {chart.caption}
        {chart.bars.length > bars.length ? ` Figuren viser de første ${bars.length}; tabellen har alle.` : ""}{" "}
        <a href={`#${tableAnchor(chart.tableId)}`}>Gå til tabellen «{tableTitle}»</a>
      </figcaption>
    </figure>
  );
}
