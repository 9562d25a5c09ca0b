import { formatCell, formatShare } from "@/lib/reports/format";
import type { ReportChart } from "@/lib/reports/types";

// A horizontal bar chart drawn as SVG on the server: prints as it looks, needs no script, and each
// value is written beside its bar, so no figure depends on colour. Bars alternate two fills with
// different patterns. The data table beside it holds the same numbers.

const ROW = 26;
const LABEL_W = 250;
const BAR_W = 360;
const VALUE_W = 90;

export function BarChart({ chart, tableTitle }: { chart: ReportChart; tableTitle: string }) {
  const bars = chart.bars.slice(0, 40);
  const max = chart.unit === "share" ? 1 : Math.max(1, ...bars.map((b) => b.value ?? 0));
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = bars.length * ROW + 30;
  const x = (value: number) => LABEL_W + (BAR_W * value) / max;
  const label = (s: string) => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
  const value = (v: number | null) => (chart.unit === "share" ? formatShare(v) : formatCell("count", v));
  return (
    <figure className="space-y-2 break-inside-avoid">
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl" role="img" aria-label={`${chart.title}. Tallene står i tabellen ${tableTitle}.`}>
        <defs>
          <pattern id="p-solid" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#1d4ed8" />
          </pattern>
          <pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#dbeafe" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1e3a8a" strokeWidth="3" />
          </pattern>
        </defs>
        {bars.map((bar, i) => {
          const y = i * ROW + 4;
          return (
            <g key={`${bar.label}-${i}`}>
              <title>{`${bar.label}: ${value(bar.value)}`}</title>
              <text x={LABEL_W - 8} y={y + 15} textAnchor="end" fontSize="12" fill="#0f172a">
                {label(bar.label)}
              </text>
              {bar.value !== null && bar.value > 0 ? (
                <rect x={LABEL_W} y={y + 2} width={Math.max(1, x(bar.value) - LABEL_W)} height={ROW - 8} fill={`url(#${i % 2 ? "p-hatch" : "p-solid"})`} stroke="#1e3a8a" />
              ) : null}
              <text x={(bar.value ? x(bar.value) : LABEL_W) + 6} y={y + 15} fontSize="12" fill="#0f172a">
                {value(bar.value)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL_W} x2={LABEL_W} y1={0} y2={bars.length * ROW + 4} stroke="#334155" />
        {chart.target ? (
          <g>
            <line x1={x(chart.target.value)} x2={x(chart.target.value)} y1={0} y2={bars.length * ROW + 8} stroke="#b91c1c" strokeWidth="2" strokeDasharray="6 4" />
            <text x={x(chart.target.value)} y={bars.length * ROW + 24} textAnchor="middle" fontSize="12" fill="#b91c1c" fontWeight="bold">
              {chart.target.label}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="text-sm text-slate-700">
        {chart.caption}
        {chart.bars.length > bars.length ? ` Figuren viser de første ${bars.length}; tabellen har alle.` : ""}
      </figcaption>
    </figure>
  );
}
