import { Params, reportSource } from "./sql";
import type { ReportDefinition, ReportRow } from "./types";

const DOW = "extract(isodow FROM h.at AT TIME ZONE 'Europe/Copenhagen')::int";
const HOUR = "extract(hour FROM h.at AT TIME ZONE 'Europe/Copenhagen')::int";

export const WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"] as const;

export const when: ReportDefinition = {
  slug: "tidspunkt",
  title: "Tidspunkt",
  description: "Henvendelser pr. ugedag og time (dansk tid) til bemandingsplanlægning.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["hour"]);
    const rows = await query<{ dow: number | null; hour: number | null; contacts: number }>(
      `SELECT a.dow, a.hour, a.contacts FROM (
         SELECT ${DOW} AS dow, ${HOUR} AS hour, COALESCE(sum(h.contacts), 0)::float8 AS contacts
         -- Sum per instant first (a rollup holds whole hours), so the time-zone arithmetic runs
         -- once per hour of the period, not once per row.
         FROM (SELECT r.occurred_at AS at, sum(r.quantity) AS contacts FROM ${src.from} WHERE ${src.where} GROUP BY r.occurred_at) h
         GROUP BY GROUPING SETS ((${DOW}, ${HOUR}), (${DOW}), (${HOUR}), ())) a`,
      p.values,
    );
    const cell = (dow: number | null, hour: number | null) => Number(rows.find((r) => r.dow === dow && r.hour === hour)?.contacts ?? 0);
    const hours = [...new Set(rows.filter((r) => r.hour !== null).map((r) => Number(r.hour)))];
    for (let h = 8; h < 16; h++) if (!hours.includes(h)) hours.push(h);
    hours.sort((a, b) => a - b);
    const line = (label: string, hour: number | null): ReportRow => ({
      label,
      ...Object.fromEntries(WEEKDAYS.map((_, i) => [`d${i + 1}`, cell(i + 1, hour)])),
      total: cell(null, hour),
    });
    const table = {
      id: "ugedag-time",
      title: "Henvendelser pr. ugedag og time",
      caption: "Henvendelser pr. ugedag og time (dansk tid)",
      columns: [
        { key: "label", label: "Time", kind: "text" as const },
        ...WEEKDAYS.map((d, i) => ({ key: `d${i + 1}`, label: d, kind: "count" as const })),
        { key: "total", label: "I alt", kind: "count" as const },
      ],
      rows: hours.map((h) => line(`${String(h).padStart(2, "0")}.00–${String(h).padStart(2, "0")}.59`, h)),
      total: line("I alt", null),
    };
    return {
      tables: [table],
      charts: [
        { title: "Henvendelser pr. time", caption: "Henvendelser pr. time på tværs af ugedage. Tallene står i tabellen.", unit: "count", tableId: table.id, bars: table.rows.map((r) => ({ label: String(r.label), value: Number(r.total) })) },
        { title: "Henvendelser pr. ugedag", caption: "Henvendelser pr. ugedag. Tallene står i tabellens række «I alt».", unit: "count", tableId: table.id, bars: WEEKDAYS.map((d, i) => ({ label: d, value: cell(i + 1, null) })) },
      ],
      notes: ["Uploadede tal har ofte kun en dato og står derfor kl. 00."],
    };
  },
};
