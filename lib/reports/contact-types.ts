import { CONTACT_TYPE_GROUP_LABELS } from "@/lib/reference/codes";
import { Params, reportSource, SUM_Q } from "./sql";
import type { ReportDefinition } from "./types";

export const contactTypes: ReportDefinition = {
  slug: "typer",
  title: "Henvendelsestyper",
  description: "Andel af hver henvendelsestype og hver gruppe: transaktioner, sagsinformation og generel information.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["type"]);
    const rows = await query<{ code: string | null; label: string | null; grp: string | null; by_group: number; is_total: number; contacts: number; share: number | null }>(
      `SELECT a.code, ct.label, a.grp, a.by_group, a.is_total, a.contacts,
              a.contacts / NULLIF(sum(a.contacts) FILTER (WHERE a.is_total = 3) OVER (), 0) AS share
       FROM (SELECT r.contact_type_code AS code, t.group::text AS grp,
                    GROUPING(r.contact_type_code) AS by_group, GROUPING(r.contact_type_code, t.group) AS is_total, ${SUM_Q} AS contacts
             FROM ${src.from} LEFT JOIN contact_type t ON t.code = r.contact_type_code
             WHERE ${src.where}
             GROUP BY GROUPING SETS ((r.contact_type_code, t.group), (t.group), ())) a
       LEFT JOIN contact_type ct ON ct.code = a.code
       ORDER BY a.is_total, a.by_group, array_position(ARRAY['TRANSACTION', 'CASE_INFORMATION', 'GENERAL_INFORMATION'], a.grp) NULLS LAST, ct.sort_order NULLS LAST`,
      p.values,
    );
    const groupLabel = (g: string | null) => (g ? CONTACT_TYPE_GROUP_LABELS[g as keyof typeof CONTACT_TYPE_GROUP_LABELS] ?? g : "Ikke angivet");
    const n = (r: (typeof rows)[number]) => ({ contacts: Number(r.contacts), share: r.share === null ? null : Number(r.share) });
    const total = rows.find((r) => Number(r.is_total) === 3);
    const byType = rows.filter((r) => Number(r.by_group) === 0).map((r) => ({ code: r.code ?? "", label: r.label ?? "Ikke angivet", group: groupLabel(r.grp), ...n(r) }));
    const byGroup = rows.filter((r) => Number(r.is_total) === 2).map((r) => ({ label: groupLabel(r.grp), ...n(r) }));
    const totalRow = total ? { code: "", label: "I alt", group: "", ...n(total) } : undefined;
    const count = { key: "contacts", label: "Henvendelser", kind: "count" } as const;
    const share = { key: "share", label: "Andel", kind: "share" } as const;
    return {
      tables: [
        {
          id: "pr-gruppe",
          title: "Fordelt på gruppe",
          caption: "Henvendelser fordelt på gruppe af henvendelsestype",
          columns: [{ key: "label", label: "Gruppe", kind: "text" }, count, share],
          rows: byGroup,
          total: totalRow ? { label: "I alt", contacts: totalRow.contacts, share: totalRow.share } : undefined,
        },
        {
          id: "pr-type",
          title: "Fordelt på type",
          caption: "Henvendelser fordelt på henvendelsestype",
          columns: [{ key: "code", label: "Kode", kind: "text" }, { key: "label", label: "Type", kind: "text" }, { key: "group", label: "Gruppe", kind: "text" }, count, share],
          rows: byType,
          total: totalRow,
        },
      ],
      charts: [
        { title: "Andel pr. gruppe", caption: "Andel af henvendelserne i hver gruppe. Tallene står i tabellen «Fordelt på gruppe».", unit: "share", tableId: "pr-gruppe", bars: byGroup.map((r) => ({ label: r.label, value: r.share })) },
        { title: "Andel pr. type", caption: "Andel af henvendelserne af hver type. Tallene står i tabellen «Fordelt på type».", unit: "share", tableId: "pr-type", bars: byType.map((r) => ({ label: r.label, value: r.share })) },
      ],
      notes: ["Transaktioner er kun «Oprettelse af ny sag» og «Ændring af status på eksisterende sag». Uploadede tal kan være uden type («Ikke angivet»)."],
    };
  },
};
