import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { Params, reportSource, SUM_Q } from "./sql";
import type { ReportDefinition, ReportRow } from "./types";

// Cost = contacts × the channel price in force: the municipality's own price where it has one,
// else KL's national default. Prices are stored in øre and dated (channel_price.valid_from): each
// ISO week is priced with the prices in force on its Monday, so a new price leaves earlier rounds
// as they were. A municipality's row without a price ends its override.

const priceAt = (municipality: string | null, channel: string, day: string) =>
  `(SELECT price_ore FROM channel_price WHERE ${municipality ? `municipality_id = ${municipality}` : "municipality_id IS NULL"}
     AND channel_code = ${channel} AND valid_from <= ${day} ORDER BY valid_from DESC LIMIT 1)`;

/** The Monday of a row's ISO week, as a date. */
const MONDAY = "to_date(a.iso_year::text || lpad(a.iso_week::text, 2, '0'), 'IYYYIW')";

export interface PriceInForce {
  code: string;
  name: string;
  direction: "IN" | "OUT";
  national: number | null;
  local: number | null;
  inForce: number;
}

/** Every channel's national default, the municipality's override and the price in force today, in kroner. */
export async function pricesInForce(
  query: SqlExecutor["query"],
  municipalityId: string | null,
  today = danishToday(),
): Promise<PriceInForce[]> {
  const rows = await query<{ code: string; name: string; direction: "IN" | "OUT"; national: number | null; local: number | null }>(
    `SELECT c.code, c.name, c.direction::text AS direction, ${priceAt(null, "c.code", "$2::date")} AS national,
            ${priceAt("$1::uuid", "c.code", "$2::date")} AS local
     FROM channel c ORDER BY c.direction, c.sort_order, c.code`,
    [municipalityId, today],
  );
  return rows.map((r) => {
    const national = r.national === null ? null : Number(r.national) / 100;
    const local = r.local === null ? null : Number(r.local) / 100;
    return { ...r, national, local, inForce: local ?? national ?? 0 };
  });
}

export const cost: ReportDefinition = {
  slug: "omkostninger",
  title: "Omkostninger",
  description: "Henvendelser gange kanalpris pr. kanal, med de kanalpriser, der er brugt.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["municipality", "channel"]);
    const rows = await query<{
      code: string | null;
      name: string | null;
      direction: string | null;
      is_total: number;
      contacts: number;
      cost: number;
      min_p: number | null;
      max_p: number | null;
    }>(
      `WITH a AS (SELECT r.municipality_id, r.channel_code, r.iso_year, r.iso_week, ${SUM_Q} AS contacts
                  FROM ${src.from} WHERE ${src.where} GROUP BY 1, 2, 3, 4),
       priced AS (
         SELECT a.*, COALESCE(${priceAt("a.municipality_id", "a.channel_code", MONDAY)}, ${priceAt(null, "a.channel_code", MONDAY)}, 0) AS price_ore
         FROM a)
       SELECT c.code, c.name, c.direction::text AS direction, GROUPING(c.code) AS is_total,
              sum(priced.contacts)::float8 AS contacts, (sum(priced.contacts * priced.price_ore) / 100.0)::float8 AS cost,
              min(priced.price_ore) AS min_p, max(priced.price_ore) AS max_p
       FROM priced JOIN channel c ON c.code = priced.channel_code
       GROUP BY GROUPING SETS ((c.code, c.name, c.direction, c.sort_order), ())
       ORDER BY GROUPING(c.code), c.direction, c.sort_order`,
      p.values,
    );
    const toRow = (r: (typeof rows)[number]): ReportRow => {
      const total = Number(r.is_total) === 1;
      const uniform = r.min_p !== null && Number(r.min_p) === Number(r.max_p);
      return {
        code: total ? "" : r.code,
        label: total ? "I alt" : `${r.name}, ${r.direction === "IN" ? "indgående" : "udgående"}`,
        contacts: Number(r.contacts),
        price: !total && uniform ? Number(r.min_p) / 100 : null,
        cost: Number(r.cost),
      };
    };
    const prices = await pricesInForce(query, ctx.municipality?.id ?? null);
    const byChannel = rows.filter((r) => !Number(r.is_total)).map(toRow);
    const total = rows.find((r) => Number(r.is_total));
    return {
      tables: [
        {
          id: "pr-kanal",
          title: "Omkostning pr. kanal",
          caption: "Omkostning pr. kanal: henvendelser gange kanalpris",
          columns: [
            { key: "code", label: "Kanalkode", kind: "text" },
            { key: "label", label: "Kanal", kind: "text" },
            { key: "contacts", label: "Henvendelser", kind: "count" },
            { key: "price", label: "Kanalpris (kr.)", kind: "kr" },
            { key: "cost", label: "Omkostning (kr.)", kind: "kr" },
          ],
          rows: byChannel,
          total: total ? toRow(total) : undefined,
        },
        {
          id: "priser",
          title: "Kanalpriser i dag",
          caption: "Kanalpriser i dag (kr. pr. henvendelse)",
          columns: [
            { key: "code", label: "Kanalkode", kind: "text" },
            { key: "label", label: "Kanal", kind: "text" },
            { key: "national", label: "Landsdækkende standardpris", kind: "kr" },
            ...(ctx.municipality
              ? ([
                  { key: "local", label: `Egen pris (${ctx.municipality.name})`, kind: "kr" },
                  { key: "inForce", label: "Pris i brug", kind: "kr" },
                ] as const)
              : []),
          ],
          rows: prices.map((r) => ({
            code: r.code,
            label: `${r.name}, ${r.direction === "IN" ? "indgående" : "udgående"}`,
            national: r.national,
            local: r.local,
            inForce: r.inForce,
          })),
        },
      ],
      charts: [
        {
          title: "Omkostning pr. kanal",
          caption: "Omkostning i kroner pr. kanal. Tallene står i tabellen «Omkostning pr. kanal».",
          unit: "count",
          measure: "Kroner",
          tableId: "pr-kanal",
          bars: byChannel.map((r) => ({ label: String(r.label), value: Number(r.cost) })),
        },
      ],
      notes: [
        "Kanalprisen er kommunens egen pris, hvor den er sat, ellers KL's landsdækkende standardpris. Priserne er skøn: kun 75 kr. for personligt fremmøde og 20 kr. for selvbetjening er KL's tal fra 2011.",
        "Hver uge regnes med de priser, der gjaldt ugens mandag: en pris ændret senere ændrer ikke en runde, der er talt. «–» i prisfeltet betyder, at prisen varierer i perioden.",
        ...(ctx.municipality
          ? []
          : ["Ved flere kommuner er hver kommunes egne priser brugt; «–» i prisfeltet betyder, at prisen varierer mellem kommunerne."]),
      ],
    };
  },
};

/** Today's date in Denmark, as the dates in channel_price are. */
function danishToday(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date());
}
