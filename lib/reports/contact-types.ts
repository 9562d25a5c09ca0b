import { CONTACT_TYPE_GROUP_LABELS } from "@/lib/reference/codes";
import { ASKS_DETAILS, channelsWhere } from "./describe";
import { Params, reportSource, SUM_Q, sumQWhere } from "./sql";
import type { ReportDefinition } from "./types";

export const contactTypes: ReportDefinition = {
  slug: "typer",
  title: "Henvendelsestyper",
  description: "Andel af hver henvendelsestype og hver gruppe: transaktioner, sagsinformation og generel information.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["type"]);
    // Shares of the contacts with a type only: those counted in bulk without one (web visits,
    // uploaded counts without a type) are shown as «Uden type» but are in no share.
    const rows = await query<{
      code: string | null;
      label: string | null;
      grp: string | null;
      by_group: number;
      is_total: number;
      contacts: number;
      typed: number;
      share: number | null;
    }>(
      `SELECT a.code, ct.label, a.grp, a.by_group, a.is_total, a.contacts, max(a.typed) FILTER (WHERE a.is_total = 3) OVER () AS typed,
              CASE WHEN a.grp IS NOT NULL THEN a.contacts / NULLIF(max(a.typed) FILTER (WHERE a.is_total = 3) OVER (), 0) END AS share
       FROM (SELECT r.contact_type_code AS code, t.group::text AS grp,
                    GROUPING(r.contact_type_code) AS by_group, GROUPING(r.contact_type_code, t.group) AS is_total, ${SUM_Q} AS contacts,
                    ${sumQWhere("r.contact_type_code IS NOT NULL")} AS typed
             FROM ${src.from} LEFT JOIN contact_type t ON t.code = r.contact_type_code
             WHERE ${src.where}
             GROUP BY GROUPING SETS ((r.contact_type_code, t.group), (t.group), ())) a
       LEFT JOIN contact_type ct ON ct.code = a.code
       ORDER BY a.is_total, a.by_group, array_position(ARRAY['TRANSACTION', 'CASE_INFORMATION', 'GENERAL_INFORMATION'], a.grp) NULLS LAST, ct.sort_order NULLS LAST`,
      p.values,
    );
    const groupLabel = (g: string | null) =>
      g ? (CONTACT_TYPE_GROUP_LABELS[g as keyof typeof CONTACT_TYPE_GROUP_LABELS] ?? g) : "Uden type";
    const n = (r: (typeof rows)[number]) => ({
      contacts: Number(r.contacts),
      share: r.share === null ? null : Number(r.share),
      typed: Number(r.typed ?? 0),
    });
    const total = rows.find((r) => Number(r.is_total) === 3);
    const byType = rows
      .filter((r) => Number(r.by_group) === 0)
      .map((r) => ({ code: r.code ?? "", label: r.label ?? "Uden type", group: groupLabel(r.grp), ...n(r) }));
    const byGroup = rows.filter((r) => Number(r.is_total) === 2).map((r) => ({ label: groupLabel(r.grp), ...n(r) }));
    const totalRow = total ? { code: "", label: "I alt", group: "", ...n(total), share: null } : undefined;
    const count = { key: "contacts", label: "Henvendelser", kind: "count" } as const;
    const share = {
      key: "share",
      label: "Andel af henvendelser med type",
      kind: "share",
      base: { n: "typed", nLabel: "Henvendelser med type (n)", counts: "henvendelser med en type", channels: channelsWhere(ASKS_DETAILS) },
    } as const;
    return {
      tables: [
        {
          id: "pr-gruppe",
          title: "Fordelt på gruppe",
          caption: "Henvendelser fordelt på gruppe af henvendelsestype",
          columns: [{ key: "label", label: "Gruppe", kind: "text" }, count, share],
          rows: byGroup,
          total: totalRow ? { label: "I alt", contacts: totalRow.contacts, share: null, typed: totalRow.typed } : undefined,
        },
        {
          id: "pr-type",
          title: "Fordelt på type",
          caption: "Henvendelser fordelt på henvendelsestype",
          columns: [
            { key: "code", label: "Kode", kind: "text" },
            { key: "label", label: "Type", kind: "text" },
            { key: "group", label: "Gruppe", kind: "text" },
            count,
            share,
          ],
          rows: byType,
          total: totalRow,
        },
      ],
      charts: [
        {
          title: "Andel pr. gruppe",
          caption: "Andel af henvendelserne i hver gruppe. Tallene står i tabellen «Fordelt på gruppe».",
          unit: "share",
          tableId: "pr-gruppe",
          bars: byGroup.map((r) => ({ label: r.label, value: r.share })),
        },
        {
          title: "Andel pr. type",
          caption: "Andel af henvendelserne af hver type. Tallene står i tabellen «Fordelt på type».",
          unit: "share",
          tableId: "pr-type",
          bars: byType.map((r) => ({ label: r.label, value: r.share })),
        },
      ],
      notes: [
        "Transaktioner er kun «Oprettelse af ny sag» og «Ændring af status på eksisterende sag».",
        "Andelene er regnet af henvendelser med en type. Henvendelser talt samlet uden type (besøg på hjemmesiden, uploadede tal uden type) står under «Uden type» og indgår i I alt, men ikke i andelene.",
        "En fejlhenvendelse tæller som typen Fejlhenvendelse, uanset om den er registreret som type (gamle data) eller som opgaven Fejlhenvendelse (nye data).",
      ],
    };
  },
};
