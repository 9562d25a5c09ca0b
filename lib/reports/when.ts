import { Params, reportSource } from "./sql";
import type { ReportColumn, ReportDefinition, ReportRow } from "./types";

// Contacts per weekday and hour (Danish time), for staff planning. Only rows with a real time of day
// are in the hours (time_precision TIME); rows with only a date (uploads at 00:00, mass registrations
// by day) are shown as «Uden klokkeslæt» under their weekday; rows with only a week (mass
// registrations by week) have no weekday either and are counted in «Uden ugedag». docs/method.md, "Time".

const DOW = "CASE WHEN h.p <> 'WEEK' THEN extract(isodow FROM h.at AT TIME ZONE 'Europe/Copenhagen')::int END";
const HOUR = "CASE WHEN h.p = 'TIME' THEN extract(hour FROM h.at AT TIME ZONE 'Europe/Copenhagen')::int END";

export const WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"] as const;

/** GROUPING(timeless, p, dow, hour) of each grouping set in the query. */
const G = { cell: 8, dayOfPrecision: 9, hourOfPrecision: 10, precision: 11, timeless: 7, day: 13, all: 15 } as const;

type Cells = { g: number; timeless: boolean | null; p: string | null; dow: number | null; hour: number | null; contacts: number };

export const when: ReportDefinition = {
  slug: "tidspunkt",
  title: "Tidspunkt",
  description: "Henvendelser pr. ugedag og time (dansk tid) til bemandingsplanlægning.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["hour", "precision"]);
    const rows = (
      await query<Cells>(
        `SELECT a.g, a.timeless, a.p, a.dow, a.hour, a.contacts FROM (
           SELECT GROUPING(h.timeless, h.p, ${DOW}, ${HOUR}) AS g, h.timeless, h.p::text AS p, ${DOW} AS dow, ${HOUR} AS hour,
                  COALESCE(sum(h.contacts), 0)::float8 AS contacts
           -- Sum per instant first (a rollup holds whole hours), so the time-zone arithmetic runs
           -- once per hour of the period, not once per row.
           FROM (SELECT r.time_precision AS p, r.time_precision <> 'TIME' AS timeless, r.occurred_at AS at, sum(r.quantity) AS contacts
                   FROM ${src.from} WHERE ${src.where} GROUP BY 1, 2, 3) h
           GROUP BY GROUPING SETS ((h.p, ${DOW}, ${HOUR}), (h.p, ${DOW}), (h.p, ${HOUR}), (h.p), (h.timeless), (${DOW}), ())) a`,
        p.values,
      )
    ).map((r) => ({
      ...r,
      g: Number(r.g),
      dow: r.dow === null ? null : Number(r.dow),
      hour: r.hour === null ? null : Number(r.hour),
      contacts: Number(r.contacts),
    }));
    const cell = (match: (r: Cells) => boolean) => rows.find(match)?.contacts ?? 0;
    const hours = [...new Set(rows.filter((r) => r.g === G.cell && r.p === "TIME").map((r) => r.hour!))];
    for (let h = 8; h < 16; h++) if (!hours.includes(h)) hours.push(h);
    hours.sort((a, b) => a - b);
    const days = (value: (dow: number) => number) => Object.fromEntries(WEEKDAYS.map((_, i) => [`d${i + 1}`, value(i + 1)]));
    const hourRow = (hour: number): ReportRow => ({
      label: `${String(hour).padStart(2, "0")}.00–${String(hour).padStart(2, "0")}.59`,
      ...days((d) => cell((r) => r.g === G.cell && r.p === "TIME" && r.dow === d && r.hour === hour)),
      undated: 0,
      total: cell((r) => r.g === G.hourOfPrecision && r.p === "TIME" && r.hour === hour),
    });
    const hourRows = hours.map(hourRow);
    const weekOnly = cell((r) => r.g === G.precision && r.p === "WEEK");
    const timeless = cell((r) => r.g === G.timeless && r.timeless === true);
    const timelessRow: ReportRow = {
      label: "Uden klokkeslæt",
      ...days((d) => cell((r) => r.g === G.dayOfPrecision && r.p === "DATE" && r.dow === d)),
      undated: weekOnly,
      total: timeless,
    };
    const totalRow: ReportRow = {
      label: "I alt",
      ...days((d) => cell((r) => r.g === G.day && r.dow === d)),
      undated: weekOnly,
      total: cell((r) => r.g === G.all),
    };
    const columns: ReportColumn[] = [
      { key: "label", label: "Time", kind: "text" },
      ...WEEKDAYS.map((d, i): ReportColumn => ({ key: `d${i + 1}`, label: d, kind: "count" })),
      ...(weekOnly ? [{ key: "undated", label: "Uden ugedag", kind: "count" } satisfies ReportColumn] : []),
      { key: "total", label: "I alt", kind: "count" },
    ];
    const table = {
      id: "ugedag-time",
      title: "Henvendelser pr. ugedag og time",
      caption: "Henvendelser pr. ugedag og time (dansk tid)",
      columns,
      rows: [...hourRows, ...(timeless ? [timelessRow] : [])],
      total: totalRow,
    };
    return {
      tables: [table],
      charts: [
        {
          title: "Henvendelser pr. time",
          caption: "Henvendelser pr. time på tværs af ugedage, kun henvendelser med klokkeslæt. Tallene står i tabellen.",
          unit: "count",
          tableId: table.id,
          bars: hourRows.map((r) => ({ label: String(r.label), value: Number(r.total) })),
        },
        {
          title: "Henvendelser pr. ugedag",
          caption: "Henvendelser pr. ugedag, alle med en rigtig dato. Tallene står i tabellens række «I alt».",
          unit: "count",
          tableId: table.id,
          bars: WEEKDAYS.map((d, i) => ({ label: d, value: Number(totalRow[`d${i + 1}`]) })),
        },
      ],
      notes: [
        "Kun henvendelser med et rigtigt klokkeslæt står på timerne. Uploadede tal (kl. 00.00) og masseregistreringer pr. dag har kun en dato og står i rækken «Uden klokkeslæt» under deres ugedag.",
        ...(weekOnly ? ["Masseregistreringer pr. uge har hverken ugedag eller klokkeslæt og står i kolonnen «Uden ugedag»."] : []),
      ],
    };
  },
};
