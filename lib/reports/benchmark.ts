import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { UserFacingError } from "@/lib/errors";
import type { ReportContext } from "./context";
import { ASKS_DETAILS, ASKS_FORM, channelsWhere } from "./describe";
import { SELF_SERVICE_BASE } from "./figures";
import { selfServiceFigure, type SelfServiceFlags, selfServiceSource } from "./self-service-figure";
import { memoizeApproved } from "./approved-memo";
import { approvedOnly, approvedScopeSources, Params, ratio, reportSource, SUM_Q, sumQWhere } from "./sql";
import type { FigureBase, ReportDefinition, ReportRow } from "./types";
import { nationalBasisNote } from "./national-basis";

// Key figures for a municipality beside the national figure (all municipalities' contacts pooled,
// with the same filters), the national ranking and the participation overview. Units are never
// compared across municipalities: these reports work on whole municipalities only.

/**
 * Each key figure as numerator ÷ denominator (the denominator decides who is "behind" the figure),
 * and what the denominator counts: only contacts where the question was asked and answered.
 */
const SELF_SERVICE_FIGURE = { key: "selfService", label: "Selvbetjeningsgrad", ...SELF_SERVICE_BASE } as const;

/** The key figures read from registrations alone; the self-service rate has sources besides them (self-service-figure.ts). */
const REGISTRATION_FIGURES = [
  {
    key: "closure",
    label: "Andel straksafsluttet",
    num: sumQWhere("r.closure_code = 'STRAKS'"),
    den: sumQWhere("r.closure_code IS NOT NULL"),
    counts: "henvendelser med en afslutning",
    channels: channelsWhere(ASKS_DETAILS),
  },
  {
    key: "form",
    label: "Andel med blanket",
    num: sumQWhere("r.form = true"),
    den: sumQWhere("r.form IS NOT NULL"),
    counts: "henvendelser, hvor der blev spurgt om blanket og svaret",
    channels: channelsWhere(ASKS_FORM),
  },
  {
    key: "transactions",
    label: "Andel transaktioner",
    num: sumQWhere("r.contact_type_code IN ('OPRET', 'STATUS')"),
    den: sumQWhere("r.contact_type_code IS NOT NULL"),
    counts: "henvendelser med en type",
    channels: channelsWhere(ASKS_DETAILS),
  },
  {
    key: "phone",
    label: "Andel telefon af indgående",
    num: sumQWhere("r.channel_code = 'TLFIND'"),
    den: sumQWhere("c.direction = 'IN'"),
    counts: "indgående henvendelser",
    channels: "alle indgående kanaler",
  },
  {
    key: "visit",
    label: "Andel personligt fremmøde af indgående",
    num: sumQWhere("r.channel_code = 'PRSNLG'"),
    den: sumQWhere("c.direction = 'IN'"),
    counts: "indgående henvendelser",
    channels: "alle indgående kanaler",
  },
] as const;

export const FIGURES = [SELF_SERVICE_FIGURE, ...REGISTRATION_FIGURES] as const;
export type FigureKey = (typeof FIGURES)[number]["key"];

/**
 * A national figure shown to a municipality must pool at least this many *other* municipalities, each
 * with a non-zero denominator for that figure under the same filters; otherwise the figure (and the
 * difference) reads TOO_FEW_MUNICIPALITIES. With narrow filters the "national" figure could otherwise
 * be one other municipality's own figure. National staff see every figure. docs/method.md, "Comparisons".
 */
export const MIN_OTHER_MUNICIPALITIES = 5;
export const TOO_FEW_MUNICIPALITIES = "for få kommuner";

export type FigureRow = {
  municipality_id: string;
  unit_id: string | null;
  round_id?: string | null;
  contacts: number;
  registrations: number;
  /** Which self-service figures the rate counted, in words (self-service-figure.ts). */
  selfServiceSource: string;
} & Record<FigureKey, number | null> &
  Record<`${FigureKey}N`, number>;

/** A round's weeks, for key figures per round (`rounds`). */
export interface RoundWeeks {
  id: string;
  weekKeys: number[];
}

/**
 * The key figures over the context's scope (or nationally), in one row, or one row per municipality
 * or per unit (`byUnit`, within the context's scope), or per round (`rounds`: each round over its own
 * weeks, instead of the context's time filter; a round without registrations gets no row).
 */
export async function keyFigures(query: SqlExecutor["query"], ctx: ReportContext, options: KeyFigureOptions): Promise<FigureRow[]> {
  // Over approved municipalities only, the figures are frozen until an approval or the setup changes
  // (approved-memo.ts): Benchmark's national column is the same for every municipality that opens it.
  if (!ctx.approvedMemo || !approvedOnly(ctx, { national: options.national })) return computeKeyFigures(query, ctx, options);
  // National figures leave out the context's municipality and units, so one entry serves every municipality.
  const ignored = options.national ? [...NOT_IN_FIGURES, "municipality", "unitIds"] : NOT_IN_FIGURES;
  const scope = Object.fromEntries(Object.entries(ctx).filter(([name]) => !ignored.includes(name)));
  return memoizeApproved(query, ctx.approvedMemo, JSON.stringify({ keyFigures: options, scope }), () =>
    computeKeyFigures(query, ctx, options),
  );
}

/** Context fields the figures do not depend on: the raw filters (resolved in the others), the reader and presentation. */
const NOT_IN_FIGURES = ["approvedMemo", "filters", "national", "unitRestricted", "wholePercent"];

interface KeyFigureOptions {
  national: boolean;
  byMunicipality: boolean;
  byUnit?: boolean;
  rounds?: readonly RoundWeeks[];
}

async function computeKeyFigures(query: SqlExecutor["query"], ctx: ReportContext, options: KeyFigureOptions): Promise<FigureRow[]> {
  const p = new Params();
  const figureDims = ["channel", "type", "closure", "form"] as const;
  const groupDims = [...(options.byMunicipality ? (["municipality"] as const) : []), ...(options.byUnit ? (["unit"] as const) : [])];
  const rounds = options.rounds;
  // Not broken down by municipality or unit, approved-only figures read the rollup without a
  // municipality once every municipality in the weeks has approved (approvedScopeSources).
  const sources = approvedScopeSources(ctx, p, [...figureDims, ...groupDims], {
    national: options.national,
    ...(rounds ? { weekKeys: [...new Set(rounds.flatMap((x) => x.weekKeys))] } : {}),
  });
  const columns = [
    "r.iso_year, r.iso_week, r.channel_code, r.contact_type_code, r.closure_code, r.form, r.quantity, r.registrations",
    ...(options.byMunicipality ? ["r.municipality_id"] : []),
    ...(options.byUnit ? ["r.unit_id"] : []),
  ].join(", ");
  const scoped = sources.map((src) => `SELECT ${columns} FROM ${src.from} WHERE ${src.where}`).join("\n     UNION ALL ");
  const groupBy = [
    ...(options.byMunicipality ? ["r.municipality_id"] : []),
    ...(options.byUnit ? ["r.unit_id"] : []),
    ...(rounds ? ["w.round_id"] : []),
  ];
  // Per round: each registration row joins the rounds whose weeks hold its week.
  const roundJoin = rounds
    ? `JOIN unnest(${p.add(rounds.flatMap((x) => x.weekKeys.map(() => x.id)))}::uuid[], ${p.add(rounds.flatMap((x) => x.weekKeys))}::int[]) AS w(round_id, week_key)
          ON w.week_key = r.iso_year * 100 + r.iso_week`
    : "";
  const registrationFigures = `SELECT ${options.byMunicipality ? "r.municipality_id" : "NULL::uuid"} AS municipality_id, ${options.byUnit ? "r.unit_id" : "NULL::uuid"} AS unit_id,
            ${rounds ? "w.round_id" : "NULL::uuid"} AS round_id,
            ${SUM_Q} AS contacts, COALESCE(sum(r.registrations), 0)::float8 AS registrations,
            ${REGISTRATION_FIGURES.map((f) => `${ratio(f.num, f.den)} AS "${f.key}", ${f.den} AS "${f.key}N"`).join(",\n            ")}
     FROM (${scoped}) r JOIN channel c ON c.code = r.channel_code ${roundJoin}
     ${groupBy.length ? `GROUP BY ${groupBy.join(", ")}` : ""}`;
  // The self-service rate from its one source per municipality, task and week, as «Selvbetjeningsgrad» has it.
  const self = selfServiceFigure(ctx, p, {
    national: options.national,
    byMunicipality: options.byMunicipality,
    byUnit: options.byUnit,
    rounds,
  });
  // A group may have self-service counts without registrations (KL's vendor figures only): a full join
  // keeps it. The keys not grouped by are NULL on both sides, hence the COALESCE to one value.
  const none = "'00000000-0000-0000-0000-000000000000'::uuid";
  const same = (column: string) => `COALESCE(f.${column}, ${none}) = COALESCE(s.${column}, ${none})`;
  const rows = await query<FigureRow & SelfServiceFlags>(
    `SELECT COALESCE(f.municipality_id, s.municipality_id) AS municipality_id, COALESCE(f.unit_id, s.unit_id) AS unit_id,
            COALESCE(f.round_id, s.round_id) AS round_id,
            COALESCE(f.contacts, 0)::float8 AS contacts, COALESCE(f.registrations, 0)::float8 AS registrations,
            s.rate AS "selfService", COALESCE(s.tx, 0)::float8 AS "selfServiceN",
            s.used_own, s.used_vendor, s.dropped_own, s.dropped_vendor, s.solutions,
            ${REGISTRATION_FIGURES.map((f) => `f."${f.key}", COALESCE(f."${f.key}N", 0)::float8 AS "${f.key}N"`).join(", ")}
     FROM (${registrationFigures}) f
     FULL JOIN ${self} s ON ${same("municipality_id")} AND ${same("unit_id")} AND ${same("round_id")}`,
    p.values,
  );
  const ids = new Set(["municipality_id", "unit_id", "round_id"]);
  return rows.map(({ used_own, used_vendor, dropped_own, dropped_vendor, solutions, ...r }) => ({
    ...(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, ids.has(k) || v === null ? v : Number(v)])) as FigureRow),
    selfServiceSource: selfServiceSource({ used_own, used_vendor, dropped_own, dropped_vendor, solutions }),
  }));
}

const points = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 1000) / 10);

export const benchmark: ReportDefinition = {
  slug: "benchmark",
  title: "Benchmark",
  description: "Kommunens nøgletal ved siden af landstallet for samme runde og opgaver.",
  audience: "municipality",
  municipalityOnly: true,
  async run(query, ctx) {
    if (!ctx.municipality) throw new UserFacingError("Vælg en kommune for at se benchmark.");
    // Independent reads: on a PostgreSQL server they run side by side (PGlite takes them in turn).
    const [[own], [all], perMunicipality, basis] = await Promise.all([
      keyFigures(query, ctx, { national: false, byMunicipality: false }),
      keyFigures(query, ctx, { national: true, byMunicipality: false }),
      // The approved municipalities behind each national figure (a non-zero denominator).
      keyFigures(query, ctx, { national: true, byMunicipality: true }),
      nationalBasisNote(query, ctx),
    ]);
    const behind = (key: FigureKey) => perMunicipality.filter((m) => (m[`${key}N`] ?? 0) > 0).length;
    // National staff see every figure; anyone else only those pooled from enough other municipalities
    // (the same per-municipality figures, the reader's own left out).
    const others = (key: FigureKey) =>
      perMunicipality.filter((m) => m.municipality_id !== ctx.municipality!.id && (m[`${key}N`] ?? 0) > 0).length;
    const shown = (key: FigureKey) => ctx.national || others(key) >= MIN_OTHER_MUNICIPALITIES;
    const rows: ReportRow[] = FIGURES.map((f) => {
      // The self-service rate says which figures it counted (KL's vendor figures, the municipality's own).
      const sources =
        f.key === "selfService"
          ? `; selvbetjening fra ${ctx.municipality!.name}: ${own?.selfServiceSource ?? "Ingen selvbetjening"}` +
            (shown(f.key) ? `; landsplan: ${all?.selfServiceSource ?? "Ingen selvbetjening"}` : "")
          : "";
      const ownPart = {
        label: f.label,
        base: `${f.counts}; ${f.channels}${sources}`,
        own: own?.[f.key] ?? null,
        ownN: own?.[`${f.key}N`] ?? 0,
      };
      return shown(f.key)
        ? {
            ...ownPart,
            national: all?.[f.key] ?? null,
            nationalN: all?.[`${f.key}N`] ?? 0,
            municipalities: behind(f.key),
            change: points(own?.[f.key] ?? null, all?.[f.key] ?? null),
          }
        : {
            ...ownPart,
            national: TOO_FEW_MUNICIPALITIES,
            nationalN: TOO_FEW_MUNICIPALITIES,
            municipalities: TOO_FEW_MUNICIPALITIES,
            change: TOO_FEW_MUNICIPALITIES,
          };
    });
    const rowBase = (n: string, nLabel: string): FigureBase => ({
      n,
      nLabel,
      counts: "nøgletallets nævner (kolonnen «Grundlag»)",
      channels: "se kolonnen «Grundlag»",
    });
    return {
      tables: [
        {
          id: "noegletal",
          title: "Nøgletal",
          caption: `Nøgletal for ${ctx.municipality.name} og landsplan`,
          columns: [
            { key: "label", label: "Nøgletal", kind: "text" },
            { key: "base", label: "Grundlag", kind: "text" },
            { key: "own", label: ctx.municipality.name, kind: "share", base: rowBase("ownN", `n, ${ctx.municipality.name}`) },
            { key: "national", label: "Landsplan", kind: "share", base: rowBase("nationalN", "n, landsplan") },
            { key: "municipalities", label: "Godkendte kommuner bag landstallet", kind: "count" },
            { key: "change", label: "Forskel (procentpoint)", kind: "points" },
          ],
          rows,
        },
      ],
      charts: rows.slice(0, 3).map((r) => ({
        title: String(r.label),
        caption: `${r.label}: ${ctx.municipality!.name} og landsplan. Tallene står i tabellen.`,
        unit: "share" as const,
        tableId: "noegletal",
        bars: [
          { label: ctx.municipality!.name, value: r.own as number | null, series: ctx.municipality!.name },
          typeof r.national === "string"
            ? { label: `Landsplan (${r.national})`, value: null, series: "Landsplan" }
            : { label: "Landsplan", value: r.national, series: "Landsplan" },
        ],
        ...(r.label === "Selvbetjeningsgrad" ? { target: { value: 0.8, label: "Mål 80 %" } } : {}),
      })),
      notes: [
        "Landsplan er de godkendte kommuners henvendelser lagt sammen med de samme filtre (ikke et gennemsnit af kommunernes andele). Enheder sammenlignes aldrig på tværs af kommuner.",
        basis,
        ...(FIGURES.some((f) => !shown(f.key))
          ? [
              `«${TOO_FEW_MUNICIPALITIES}»: landstallet vises kun, når mindst ${MIN_OTHER_MUNICIPALITIES} andre kommuner har tal bag det med de valgte filtre, så det aldrig er én anden kommunes egne tal.`,
            ]
          : []),
      ],
    };
  },
};

export const ranking: ReportDefinition = {
  slug: "ranglister",
  title: "Kommunale ranglister",
  description: "Kommunerne rangeret efter selvbetjeningsgrad, med straksafslutning og blanketandel.",
  audience: "national",
  async run(query, ctx) {
    const [figures, basis] = await Promise.all([
      keyFigures(query, ctx, { national: true, byMunicipality: true }),
      nationalBasisNote(query, ctx),
    ]);
    const names = await query<{ id: string; number: number; name: string }>(`SELECT id, number, name FROM municipality`);
    const byId = new Map(names.map((m) => [m.id, m]));
    const sorted = [...figures].sort(
      (a, b) => (b.selfService ?? -1) - (a.selfService ?? -1) || byId.get(a.municipality_id)!.number - byId.get(b.municipality_id)!.number,
    );
    const rows: ReportRow[] = sorted.map((f, i) => ({
      rank: f.selfService === null ? null : sorted.findIndex((g) => g.selfService === f.selfService) + 1,
      code: String(byId.get(f.municipality_id)?.number ?? ""),
      label: byId.get(f.municipality_id)?.name ?? "",
      contacts: f.contacts,
      selfService: f.selfService,
      selfServiceN: f.selfServiceN,
      selfServiceSource: f.selfServiceSource,
      closure: f.closure,
      closureN: f.closureN,
      form: f.form,
      formN: f.formN,
      _i: i,
    }));
    rows.forEach((r) => delete r._i);
    return {
      tables: [
        {
          id: "rangliste",
          title: "Rangliste efter selvbetjeningsgrad",
          caption: "Kommunerne efter selvbetjeningsgrad",
          columns: [
            { key: "rank", label: "Plads", kind: "count" },
            { key: "code", label: "Kommunenr.", kind: "text" },
            { key: "label", label: "Kommune", kind: "text" },
            { key: "contacts", label: "Henvendelser", kind: "count" },
            ...(["selfService", "closure", "form"] as const).map((key) => {
              const f = FIGURES.find((x) => x.key === key)!;
              return {
                key,
                label: f.label,
                kind: "share" as const,
                base: { n: `${key}N`, nLabel: `n, ${f.label.toLowerCase()}`, counts: f.counts, channels: f.channels },
              };
            }),
            { key: "selfServiceSource", label: "Kilde til selvbetjening", kind: "text" as const },
          ],
          rows,
        },
      ],
      charts: [
        {
          title: "Selvbetjeningsgrad pr. kommune",
          caption: "Selvbetjeningsgrad pr. kommune mod målet på 80 %. Tallene står i tabellen.",
          unit: "share",
          tableId: "rangliste",
          target: { value: 0.8, label: "Mål 80 %" },
          bars: rows.filter((r) => r.selfService !== null).map((r) => ({ label: String(r.label), value: r.selfService as number })),
        },
      ],
      notes: ["Kommuner uden indgående transaktioner har ingen plads («–»).", basis],
    };
  },
};

export const participation: ReportDefinition = {
  slug: "deltagelse",
  title: "Deltagelse",
  description: "Hvilke kommuner tæller hvilke uger, med antal registreringer, henvendelser og enheder.",
  audience: "national",
  async run(query, ctx) {
    const p = new Params();
    const src = reportSource(ctx, p, ["municipality", "unit"], { national: true, allMunicipalities: true });
    const weekFilter = ctx.round ? `w.round_id = ${p.add(ctx.round.id)}::uuid OR ` : "";
    const keys = p.add(ctx.weekKeys ?? []);
    const approvedFor = ctx.round
      ? `(SELECT to_char(a.approved_at AT TIME ZONE 'Europe/Copenhagen', 'DD-MM-YYYY') FROM round_approval a WHERE a.municipality_id = m.id AND a.round_id = ${p.add(ctx.round.id)}::uuid)`
      : "NULL";
    const rows = await query<{
      number: number;
      name: string;
      weeks: string | null;
      approved: string | null;
      registrations: number;
      contacts: number;
      active_units: number;
      units: number;
    }>(
      `SELECT m.number, m.name, ${approvedFor} AS approved,
              (SELECT string_agg('uge ' || w.iso_week, ', ' ORDER BY w.iso_year, w.iso_week) FROM municipality_counting_week w
                WHERE w.municipality_id = m.id AND (${weekFilter}(w.iso_year * 100 + w.iso_week) = ANY(${keys}::int[]))) AS weeks,
              COALESCE(s.registrations, 0)::float8 AS registrations, COALESCE(s.contacts, 0)::float8 AS contacts,
              COALESCE(s.active_units, 0)::float8 AS active_units,
              (SELECT count(*) FROM unit u WHERE u.municipality_id = m.id AND u.archived_at IS NULL)::float8 AS units
       FROM municipality m
       LEFT JOIN (SELECT r.municipality_id, sum(r.registrations) AS registrations, sum(r.quantity) AS contacts, count(DISTINCT r.unit_id) AS active_units
                  FROM ${src.from} WHERE ${src.where} GROUP BY r.municipality_id) s ON s.municipality_id = m.id
       ORDER BY m.number`,
      p.values,
    );
    const out: ReportRow[] = rows.map((r) => ({
      code: String(r.number),
      label: r.name,
      weeks: r.weeks ?? "",
      approved: r.approved ? `Godkendt ${r.approved}` : "Ikke godkendt",
      registrations: Number(r.registrations),
      contacts: Number(r.contacts),
      activeUnits: Number(r.active_units),
      units: Number(r.units),
    }));
    return {
      tables: [
        {
          id: "kommuner",
          title: "Deltagende kommuner",
          caption: "Kommunernes tælleuger, registreringer og enheder",
          columns: [
            { key: "code", label: "Kommunenr.", kind: "text" },
            { key: "label", label: "Kommune", kind: "text" },
            { key: "weeks", label: "Tælleuger", kind: "text" },
            { key: "approved", label: "Data godkendt", kind: "text" },
            { key: "registrations", label: "Registreringer", kind: "count" },
            { key: "contacts", label: "Henvendelser", kind: "count" },
            { key: "activeUnits", label: "Enheder med registreringer", kind: "count" },
            { key: "units", label: "Enheder i alt", kind: "count" },
          ],
          rows: out,
        },
      ],
      charts: [
        {
          title: "Henvendelser pr. kommune",
          caption: "Henvendelser pr. kommune. Tallene står i tabellen.",
          unit: "count",
          tableId: "kommuner",
          bars: out.map((r) => ({ label: String(r.label), value: Number(r.contacts) })),
        },
      ],
      notes: [
        "En registrering kan dække flere henvendelser (masseregistrering og upload).",
        "Kun kommuner, der har godkendt deres data for runden, tæller med i landstal, benchmark og ranglister.",
      ],
    };
  },
};
