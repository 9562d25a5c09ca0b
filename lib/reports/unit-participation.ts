import { UserFacingError } from "@/lib/errors";
import { Params, reportSource } from "./sql";
import type { ReportDefinition, ReportRow } from "./types";

const DAY_HOUR = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "short", hour: "2-digit", timeZone: "Europe/Copenhagen" });

/** "23. nov. kl. 14" (Danish time): the hours rollup knows the hour, not the minute. */
function dayAndHour(value: Date): string {
  const part = (type: string) => DAY_HOUR.formatToParts(value).find((x) => x.type === type)?.value ?? "";
  return `${part("day")}. ${part("month")} kl. ${part("hour")}`;
}

/**
 * The coordinator's "who is counting?" during the weeks: every active unit of the municipality,
 * including those that have registered nothing, with their registrations, the days they counted and
 * their latest registration (to the hour). Reads the hours rollup (municipality, unit, day, hour).
 */
export const unitParticipation: ReportDefinition = {
  slug: "enheder",
  title: "Enhedernes deltagelse",
  description: "Tæller alle enheder? Registreringer, tælledage og seneste registrering pr. enhed – også enheder uden registreringer.",
  audience: "unit",
  municipalityOnly: true,
  async run(query, ctx) {
    if (!ctx.municipality) throw new UserFacingError("Vælg en kommune for at se dens enheder.");
    const p = new Params();
    const src = reportSource(ctx, p, ["municipality", "unit", "day", "hour"]);
    const units = ctx.unitIds ? `AND u.id = ANY(${p.add(ctx.unitIds)}::uuid[])` : "";
    const rows = await query<{ name: string; registrations: number; contacts: number; days: number; latest: Date | null }>(
      `SELECT u.name, COALESCE(s.registrations, 0)::float8 AS registrations, COALESCE(s.contacts, 0)::float8 AS contacts,
              COALESCE(s.days, 0)::float8 AS days, s.latest
       FROM unit u
       LEFT JOIN (SELECT r.unit_id, sum(r.registrations) AS registrations, sum(r.quantity) AS contacts,
                         count(DISTINCT (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date) AS days, max(r.occurred_at) AS latest
                  FROM ${src.from} WHERE ${src.where} GROUP BY r.unit_id) s ON s.unit_id = u.id
       WHERE u.municipality_id = ${p.add(ctx.municipality.id)}::uuid AND u.archived_at IS NULL ${units}
       ORDER BY COALESCE(s.registrations, 0) = 0 DESC, u.name`,
      p.values,
    );
    const out: ReportRow[] = rows.map((r) => ({
      label: r.name,
      registrations: Number(r.registrations),
      contacts: Number(r.contacts),
      days: Number(r.days),
      latest: r.latest ? dayAndHour(new Date(r.latest)) : "Ingen",
    }));
    const silent = out.filter((r) => r.registrations === 0).length;
    return {
      tables: [
        {
          id: "enheder",
          title: "Enhederne",
          caption: "Registreringer, tælledage og seneste registrering pr. enhed; enheder uden registreringer først",
          columns: [
            { key: "label", label: "Enhed", kind: "text" },
            { key: "registrations", label: "Registreringer", kind: "count" },
            { key: "contacts", label: "Henvendelser", kind: "count" },
            { key: "days", label: "Dage med registreringer", kind: "count" },
            { key: "latest", label: "Seneste registrering", kind: "text" },
          ],
          rows: out,
        },
      ],
      charts: [
        {
          title: "Henvendelser pr. enhed",
          caption: "Henvendelser pr. enhed. Tallene står i tabellen.",
          unit: "count",
          tableId: "enheder",
          bars: out.map((r) => ({ label: String(r.label), value: Number(r.contacts) })),
        },
      ],
      notes: [
        silent
          ? `${silent} ${silent === 1 ? "enhed har" : "enheder har"} ingen registreringer i perioden. Tjek, at de tæller – eller at de ikke skal.`
          : "Alle enheder har registreringer i perioden.",
        "Seneste registrering er angivet til timen.",
      ],
    };
  },
};
