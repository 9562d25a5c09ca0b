import { UserFacingError } from "@/lib/errors";
import type { ReportContext } from "./context";
import type { Dimension } from "./filters";
import type { RollupDim } from "./rollups";
import type { ReportColumn } from "./types";

// A breakdown ("efter opgave", "efter enhed" …): what to group registrations by inside the
// aggregate (`inner`), and how to label the groups after it (`join`, `key`, `label`, `sort`).

export interface DimensionSql {
  dimension: Dimension;
  inner: string;
  /** A join the inner expression needs inside the aggregate (the task's number, for KLE groups). */
  innerJoin?: string;
  /** What the breakdown needs from a rollup. */
  needs: RollupDim[];
  join: string;
  key: string;
  label: string;
  sort: string;
  columns: ReportColumn[];
  heading: string;
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  kanal: "kanal",
  opgave: "opgave",
  enhed: "enhed",
  uge: "uge",
  kommune: "kommune",
};

export function dimensionSql(dimension: Dimension, ctx: ReportContext): DimensionSql {
  switch (dimension) {
    case "kanal":
      return {
        dimension,
        inner: "r.channel_code",
        needs: ["channel"],
        join: "LEFT JOIN channel d ON d.code = a.k",
        key: "d.code",
        label: "d.name || CASE WHEN d.direction = 'IN' THEN ', indgående' ELSE ', udgående' END",
        sort: "d.direction, d.sort_order, d.code",
        columns: [
          { key: "code", label: "Kanalkode", kind: "text" },
          { key: "label", label: "Kanal", kind: "text" },
        ],
        heading: "kanal",
      };
    case "opgave": {
      const t = taskKey(ctx);
      return {
        dimension,
        inner: t.inner,
        innerJoin: t.innerJoin,
        needs: ["task"],
        join: t.join("d"),
        key: t.number("d"),
        label: t.title("d"),
        sort: t.number("d"),
        columns: [
          { key: "code", label: ctx.taskLevel === "gruppe" ? "KLE-gruppe" : "Opgavenr.", kind: "text" },
          { key: "label", label: "Opgave", kind: "text" },
        ],
        heading: "opgave",
      };
    }
    case "enhed":
      // Units are compared only inside one municipality, never across municipalities.
      if (!ctx.municipality) throw new UserFacingError("Vælg en kommune for at se tallene fordelt på enheder.");
      return {
        dimension,
        inner: "r.unit_id",
        needs: ["unit"],
        join: "LEFT JOIN unit d ON d.id = a.k",
        key: "d.id::text",
        label: "d.name",
        sort: "d.name",
        columns: [{ key: "label", label: "Enhed", kind: "text" }],
        heading: "enhed",
      };
    case "uge":
      return {
        dimension,
        inner: "(r.iso_year * 100 + r.iso_week)",
        needs: [],
        join: "",
        key: "a.k::text",
        label: "'uge ' || (a.k % 100) || ' ' || (a.k / 100)",
        sort: "a.k",
        columns: [{ key: "label", label: "Uge", kind: "text" }],
        heading: "uge",
      };
    case "kommune":
      return {
        dimension,
        inner: "r.municipality_id",
        needs: ["municipality"],
        join: "LEFT JOIN municipality d ON d.id = a.k",
        key: "d.number::text",
        label: "d.name",
        sort: "d.number",
        columns: [
          { key: "code", label: "Kommunenr.", kind: "text" },
          { key: "label", label: "Kommune", kind: "text" },
        ],
        heading: "kommune",
      };
  }
}

/**
 * The KLE group of a task number: an emne xx.xx.xx belongs to the gruppe xx.xx; every other number
 * (a gruppe, a hovedgruppe, Fejlhenvendelse) is its own. KL's 29.03.99 reads as an emne of 29.03.
 */
export const groupNumberOf = (number: string) =>
  `CASE WHEN ${number} ~ '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' THEN left(${number}, 5) ELSE ${number} END`;

/**
 * How task tables group their rows: per task (emne), or per KLE group so that 15.20 and 15.20.00
 * are read together (filter `niveau=gruppe`). `inner`/`innerJoin` go inside the aggregate, the rest
 * label the groups after it; the group's title is the group task's own where it exists in Spor.
 */
export function taskKey(ctx: Pick<ReportContext, "taskLevel">) {
  if (ctx.taskLevel === "gruppe") {
    return {
      inner: groupNumberOf("tk.number"),
      innerJoin: "JOIN task tk ON tk.id = r.task_id",
      join: (alias: string) => `LEFT JOIN task ${alias} ON ${alias}.number = a.k`,
      number: () => "a.k",
      title: (alias: string) => `COALESCE(${alias}.title, 'KLE-gruppe ' || a.k)`,
    };
  }
  return {
    inner: "r.task_id",
    innerJoin: "",
    join: (alias: string) => `LEFT JOIN task ${alias} ON ${alias}.id = a.k`,
    number: (alias: string) => `${alias}.number`,
    title: (alias: string) => `${alias}.title`,
  };
}

/** The dimension asked for, if this report offers it; otherwise the report's default. */
export function pickDimension(ctx: ReportContext, allowed: readonly Dimension[]): Dimension {
  const asked = ctx.filters.efter;
  return asked && allowed.includes(asked) ? asked : allowed[0];
}
