import { taskKey } from "./dims";
import { Params, reportSource, SUM_Q } from "./sql";
import type { ReportColumn, ReportDefinition, ReportRow } from "./types";

// Task × channel: one row per task (or KLE group), one column per channel with contacts, the row's
// total at the end and the channels' totals in the «I alt» row. Every cell, row total, column total
// and the grand total is summed in SQL (GROUPING SETS); TypeScript only lays the cells out.

/** The column key of a channel's cells: "ch_TLFIND". */
export const channelColumnKey = (code: string) => `ch_${code}`;

export const taskChannel: ReportDefinition = {
  slug: "opgaver-kanaler",
  title: "Opgaver og kanaler",
  description: "Henvendelser pr. opgave og kanal i én tabel: en række pr. opgave, en kolonne pr. kanal, med totaler.",
  audience: "unit",
  taskTables: true,
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["task", "channel"]);
    const task = taskKey(ctx);
    const cells = await query<{
      key: string | null;
      number: string | null;
      title: string | null;
      channel_code: string | null;
      direction: "IN" | "OUT" | null;
      channel_name: string | null;
      no_task: number;
      no_channel: number;
      contacts: number;
    }>(
      `SELECT a.k::text AS key, ${task.number("t")} AS number, ${task.title("t")} AS title, a.channel_code,
              c.direction::text AS direction, c.name AS channel_name, a.no_task, a.no_channel, a.contacts
       FROM (SELECT ${task.inner} AS k, r.channel_code, GROUPING(${task.inner}) AS no_task, GROUPING(r.channel_code) AS no_channel, ${SUM_Q} AS contacts
             FROM ${src.from} ${task.innerJoin}
             WHERE ${src.where}
             GROUP BY GROUPING SETS ((${task.inner}, r.channel_code), (${task.inner}), (r.channel_code), ())) a
       ${task.join("t")}
       LEFT JOIN channel c ON c.code = a.channel_code
       ORDER BY a.no_task, 2, c.direction, c.sort_order, c.code`,
      p.values,
    );
    // The channels with contacts, in the channels' order (inbound first): one column each.
    const channels = cells.filter((c) => Number(c.no_task) === 1 && Number(c.no_channel) === 0);
    const channelColumns: ReportColumn[] = channels.map((c) => ({
      key: channelColumnKey(c.channel_code!),
      label: `${c.channel_name ?? c.channel_code}, ${c.direction === "OUT" ? "ud" : "ind"}`,
      kind: "count",
    }));
    const empty = () => Object.fromEntries(channelColumns.map((c) => [c.key, 0]));
    const rows = new Map<string, ReportRow>();
    let total: ReportRow | undefined;
    for (const cell of cells) {
      if (Number(cell.no_task) === 1) {
        total ??= { code: "", label: "I alt", ...empty(), total: 0 };
        if (Number(cell.no_channel) === 1) total.total = Number(cell.contacts);
        else total[channelColumnKey(cell.channel_code!)] = Number(cell.contacts);
        continue;
      }
      const key = String(cell.key);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { code: cell.number, label: cell.title, ...empty(), total: 0 }));
      if (Number(cell.no_channel) === 1) row.total = Number(cell.contacts);
      else row[channelColumnKey(cell.channel_code!)] = Number(cell.contacts);
    }
    return {
      tables: [
        {
          id: "matrix",
          title: "Henvendelser pr. opgave og kanal",
          caption: "Henvendelser pr. opgave (rækker) og kanal (kolonner)",
          layout: "matrix",
          columns: [
            { key: "code", label: ctx.taskLevel === "gruppe" ? "KLE-gruppe" : "Opgavenr.", kind: "text" },
            { key: "label", label: "Opgave", kind: "text" },
            ...channelColumns,
            { key: "total", label: "I alt", kind: "count" },
          ],
          rows: [...rows.values()],
          total,
        },
      ],
      charts: [],
      notes: [
        "Hver celle er antal henvendelser for opgaven gennem kanalen. Kun kanaler med henvendelser får en kolonne; «0» betyder ingen henvendelser for opgaven gennem den kanal.",
        "Indgående og udgående kanaler står hver for sig («ind» og «ud»), og «I alt» lægger dem sammen.",
      ],
    };
  },
};
