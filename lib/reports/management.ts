import "server-only";
import { type Access, isNational } from "@/lib/auth/access";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { formatNumber } from "@/lib/format";
import { SOURCE_LABELS } from "@/lib/reference/sources";
import { FIGURES, type FigureKey, type FigureRow, keyFigures, MIN_OTHER_MUNICIPALITIES, TOO_FEW_MUNICIPALITIES } from "./benchmark";
import { channelMix } from "./channel-mix";
import { closure, forms } from "./closure-forms";
import { type ReportContext, ReportNotFoundError, resolveReportContext } from "./context";
import { cost, pricesInForce } from "./cost";
import { withBases } from "./describe";
import { SELF_SERVICE_BASE } from "./figures";
import { selfServiceCells } from "./self-service-cells";
import { parseReportFilters } from "./filters";
import { formatShare } from "./format";
import { changeSentence, comparisonSentence, type FigureChange, largestChanges, targetSentence } from "./narrative";
import { nationalBasisNote } from "./national-basis";
import { flushRollups } from "./rollups";
import { SELF_SERVICE_TARGET, selfService, type TaskRate } from "./self-service";
import { Params, ratio, reportSource, SUM_Q } from "./sql";
import type { FigureBase, ReportChart, ReportResult, ReportRow, ReportTable } from "./types";
import { approvedMemoFor } from "./approved-memo";

// Afrapportering: the management report of one round, assembled from the reports' own figures (the
// same SQL, scope and bases as the report pages) with a sentence per figure generated from the
// numbers (narrative.ts). Three editions: a municipality (coordinators; KL with ?kommune=), a unit
// lead's units, and KL's national edition over the municipalities that approved the round.

type Q = SqlExecutor["query"];

export type Edition = "municipality" | "units" | "national";

/** A figure on the summary page: its value now and in the previous round, with the n behind it. */
export interface SummaryFigure {
  key: string;
  label: string;
  kind: "count" | "share" | "kr";
  now: number | null;
  previous: number | null;
  /** What the figure is computed over (shares): n now, and in words. */
  n?: number;
  base?: string;
}

export interface Chapter {
  id: string;
  title: string;
  /** Generated from the figures (narrative.ts), never written by hand. */
  sentences: string[];
  charts: ReportChart[];
  tables: ReportTable[];
  notes: string[];
}

export interface Annex {
  id: string;
  name: string;
  sentences: string[];
  table: ReportTable;
}

export interface ManagementReport {
  edition: Edition;
  /** "Køge Kommune", "Køge Kommune: Borgerservice, Ydelse", "Landsplan (godkendte kommuner)". */
  scope: string;
  ctx: ReportContext;
  round: string;
  previousRound: string | null;
  summary: SummaryFigure[];
  /** The three largest changes since the previous round, as sentences. */
  largest: string[];
  /** Where the self-service rate stands against the 80 % target. */
  targetSentence: string;
  pricesSet: boolean;
  chapters: Chapter[];
  annexTitle: string;
  overview: ReportTable;
  annexes: Annex[];
  method: { sentences: string[]; tables: ReportTable[]; notes: string[] };
}

/** Only these URL parameters shape the report: the municipality, the round, the comparison round and units. */
const PARAMS = ["kommune", "runde", "sammenlign", "enhed"] as const;

function pickParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const get = (k: string) =>
    params instanceof URLSearchParams ? (params.getAll(k).length > 1 ? params.getAll(k) : (params.get(k) ?? undefined)) : params[k];
  return Object.fromEntries(PARAMS.map((k) => [k, get(k)]));
}

const figureOf = (row: FigureRow | undefined, key: FigureKey) => row?.[key] ?? null;
const baseText = (key: FigureKey) => {
  const f = FIGURES.find((x) => x.key === key)!;
  return `${f.counts}; ${f.channels}`;
};
const figureBase = (key: FigureKey, n: string, nLabel: string): FigureBase => {
  const f = FIGURES.find((x) => x.key === key)!;
  return { n, nLabel, counts: f.counts, channels: f.channels };
};

/**
 * The management report for the caller: the round (`runde`, default the latest started), the
 * comparison round (`sammenlign`, default the latest earlier round counted in the scope), a
 * municipality (`kommune`) and units (`enhed`) within the caller's scope; anything else 404s
 * (ReportNotFoundError), like every report.
 */
export async function managementReport(
  sql: SqlExecutor,
  access: Access,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Promise<ManagementReport> {
  const query: Q = sql.query.bind(sql);
  const national = isNational(access);
  const ctx = await managementContext(sql, access, params);
  const edition: Edition = !ctx.municipality ? "national" : ctx.unitIds ? "units" : "municipality";
  const round = ctx.round!.name;
  const previousRound = ctx.compareRound?.name ?? null;
  const prevCtx: ReportContext | null = ctx.compareRound
    ? { ...ctx, round: ctx.compareRound, weekKeys: ctx.compareRound.weekKeys, compareRound: null }
    : null;
  const run = async (definition: { run: (q: Q, c: ReportContext) => Promise<ReportResult> }, c: ReportContext) =>
    withBases(await definition.run(query, c), c);

  const [[now], prev, mixNow, mixPrev, selfNow, closureNow, formsNow, costNow, costPrev, prices, units, pkg] = await Promise.all([
    keyFigures(query, ctx, { national: false, byMunicipality: false }),
    prevCtx ? keyFigures(query, prevCtx, { national: false, byMunicipality: false }).then((r) => r[0]) : undefined,
    run(channelMix, ctx),
    prevCtx ? run(channelMix, prevCtx) : null,
    run(selfService, ctx),
    run(closure, ctx),
    run(forms, ctx),
    run(cost, ctx),
    prevCtx ? run(cost, prevCtx) : null,
    pricesInForce(query, ctx.municipality?.id ?? null),
    scopeUnits(query, ctx),
    packageChapter(query, ctx, national),
  ]);
  const pricesSet = prices.some((p) => p.national !== null || p.local !== null);
  const totalCost = (r: ReportResult | null) =>
    r ? ((r.tables.find((t) => t.id === "pr-kanal")?.total?.cost as number | undefined) ?? 0) : null;
  const inbound = (r: FigureRow | undefined) => (r ? r.phoneN : null);

  const change = (label: string, kind: FigureChange["kind"], a: number | null, b: number | null | undefined): FigureChange => ({
    label,
    kind,
    now: a,
    previous: prevCtx ? (b ?? null) : null,
    round,
    previousRound,
  });
  const shareChange = (key: FigureKey) =>
    change(FIGURES.find((f) => f.key === key)!.label, "share", figureOf(now, key), figureOf(prev, key));
  const contacts = change("Antal henvendelser", "count", now?.contacts ?? 0, prev?.contacts ?? 0);
  const inboundChange = change("Antal indgående henvendelser", "count", inbound(now), inbound(prev));
  const costChange = change(
    "Omkostningen i kroner",
    "count",
    pricesSet ? totalCost(costNow) : null,
    pricesSet ? totalCost(costPrev) : null,
  );
  const changes = [contacts, inboundChange, ...FIGURES.map((f) => shareChange(f.key)), ...(pricesSet ? [costChange] : [])];

  const summary: SummaryFigure[] = [
    { key: "contacts", label: "Henvendelser i alt", kind: "count", now: now?.contacts ?? 0, previous: prev ? prev.contacts : null },
    { key: "inbound", label: "Indgående henvendelser", kind: "count", now: inbound(now), previous: inbound(prev) ?? null },
    {
      key: "outbound",
      label: "Udgående henvendelser",
      kind: "count",
      now: (now?.contacts ?? 0) - (inbound(now) ?? 0),
      previous: prev ? prev.contacts - prev.phoneN : null,
    },
    ...(["selfService", "phone", "visit", "closure", "form"] as const).map((key): SummaryFigure => ({
      key,
      label: FIGURES.find((f) => f.key === key)!.label,
      kind: "share",
      now: figureOf(now, key),
      previous: figureOf(prev, key),
      n: now?.[`${key}N`] ?? 0,
      // The self-service rate names the figures it counted (KL's vendor figures or the municipality's own).
      base:
        key === "selfService" ? `${baseText(key)}; selvbetjening fra: ${now?.selfServiceSource ?? "Ingen selvbetjening"}` : baseText(key),
    })),
    ...(pricesSet
      ? [
          {
            key: "cost",
            label: "Omkostning efter kanalpris (kr.)",
            kind: "kr" as const,
            now: totalCost(costNow),
            previous: totalCost(costPrev),
          },
        ]
      : []),
  ];

  const chapters: Chapter[] = [
    channelChapter(ctx, mixNow, mixPrev, contacts, inboundChange, [shareChange("phone"), shareChange("visit")]),
    {
      id: "selvbetjening",
      title: "Selvbetjening",
      sentences: [
        changeSentence(shareChange("selfService")),
        targetSentence("Selvbetjeningsgraden", figureOf(now, "selfService"), SELF_SERVICE_TARGET),
      ],
      charts: selfNow.charts,
      tables: selfNow.tables.filter((t) => t.id === "pr-opgave"),
      notes: selfNow.notes.slice(0, 2),
    },
    {
      id: "afslutning",
      title: "Afslutning",
      sentences: [changeSentence(shareChange("closure"))],
      charts: closureNow.charts,
      tables: closureNow.tables,
      notes: closureNow.notes,
    },
    {
      id: "blanketter",
      title: "Blanketter",
      sentences: [changeSentence(shareChange("form"))],
      charts: formsNow.charts,
      tables: formsNow.tables,
      notes: formsNow.notes,
    },
    {
      id: "omkostninger",
      title: "Omkostninger",
      sentences: pricesSet
        ? [changeSentence(costChange)]
        : ["Der er ingen kanalpriser sat, så omkostningen kan ikke regnes. Priserne sættes under Rapporter → Kanalpriser."],
      charts: pricesSet ? costNow.charts : [],
      tables: pricesSet ? costNow.tables : [],
      notes: pricesSet ? costNow.notes : [],
    },
    pkg,
  ];

  const { overview, annexes, annexTitle, active } = await annexOf(query, ctx, prevCtx, units, round, previousRound);
  const method = await methodOf(query, ctx, edition, [mixNow, selfNow, closureNow, formsNow, ...(pricesSet ? [costNow] : [])], active);

  return {
    edition,
    scope: scopeName(ctx, units),
    ctx,
    round,
    previousRound,
    summary,
    largest: largestChanges(changes).map(changeSentence),
    targetSentence: targetSentence("Selvbetjeningsgraden", figureOf(now, "selfService"), SELF_SERVICE_TARGET),
    pricesSet,
    chapters,
    annexTitle,
    overview,
    annexes,
    method,
  };
}

/**
 * The report's context for the caller, checked against their scope (ReportNotFoundError otherwise):
 * the round must exist; KL without a municipality gets the national edition, over approved
 * municipalities only.
 */
export async function managementContext(
  sql: SqlExecutor,
  access: Access,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Promise<ReportContext> {
  await flushRollups((text) => sql.query(text));
  const resolved = await resolveReportContext(sql.query.bind(sql), access, parseReportFilters(pickParams(params)));
  if (!resolved.round) throw new ReportNotFoundError();
  // Approved-only figures (the national edition, the national averages) from memory, as runReport has them.
  const ctx = { ...resolved, approvedMemo: approvedMemoFor(sql) };
  return ctx.municipality ? ctx : { ...ctx, approvedOnly: true };
}

/** The page's address for a context: what the PDF prints. */
export function managementPath(ctx: ReportContext): string {
  const search = new URLSearchParams();
  if (ctx.municipality) search.set("kommune", String(ctx.municipality.number));
  search.set("runde", ctx.round!.code);
  if (ctx.filters.sammenlign) search.set("sammenlign", ctx.filters.sammenlign);
  for (const id of ctx.filters.enhed) search.append("enhed", id);
  return `/rapporter/afrapportering?${search}`;
}

interface ScopeUnit {
  id: string;
  name: string;
  archived: boolean;
}

/** The units of the edition (municipality or unit lead) or, nationally, the approved municipalities, as the annex's rows. */
async function scopeUnits(query: Q, ctx: ReportContext): Promise<ScopeUnit[]> {
  if (!ctx.municipality) {
    return query<ScopeUnit>(
      `SELECT m.id, m.name || ' (' || m.number || ')' AS name, false AS archived FROM municipality m JOIN round_approval a ON a.municipality_id = m.id AND a.round_id = $1::uuid ORDER BY m.number`,
      [ctx.round!.id],
    );
  }
  return query<ScopeUnit>(
    `SELECT id, name, archived_at IS NOT NULL AS archived FROM unit WHERE municipality_id = $1::uuid AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY name, id`,
    [ctx.municipality.id, ctx.unitIds],
  );
}

function scopeName(ctx: ReportContext, units: ScopeUnit[]): string {
  if (!ctx.municipality) return "Landsplan (kommuner, der har godkendt runden)";
  if (!ctx.unitIds) return ctx.municipality.name;
  const names = units.map((u) => u.name);
  return `${ctx.municipality.name}: ${names.length > 3 ? `${names.slice(0, 3).join(", ")} og ${names.length - 3} enheder mere` : names.join(", ")}`;
}

/** Channels: inbound contacts per channel this round and last, each with its share of the inbound contacts. */
function channelChapter(
  ctx: ReportContext,
  now: ReportResult,
  prev: ReportResult | null,
  contacts: FigureChange,
  inbound: FigureChange,
  shares: FigureChange[],
): Chapter {
  const totals = now.tables.find((t) => t.id === "i-alt")!;
  const before = prev?.tables.find((t) => t.id === "i-alt");
  const round = ctx.round!.name;
  const previous = ctx.compareRound?.name ?? null;
  const key = (r: ReportRow) => `${r.direction}|${r.channelCode}`;
  const beforeBy = new Map((before?.rows ?? []).map((r) => [key(r), r]));
  const seen = new Set(totals.rows.map(key));
  const lines = [...totals.rows, ...(before?.rows ?? []).filter((r) => !seen.has(key(r)))].filter((r) => r.direction === "Indgående");
  const inboundNow = Number(totals.rows.find((r) => r.direction === "Indgående")?.inDirection ?? 0);
  const inboundBefore = Number(before?.rows.find((r) => r.direction === "Indgående")?.inDirection ?? 0);
  const rows: ReportRow[] = lines.map((r) => {
    const b = beforeBy.get(key(r));
    const n = seen.has(key(r)) ? r : null;
    return {
      code: r.channelCode,
      label: r.channel,
      contacts: n ? Number(n.contacts) : 0,
      share: n ? (n.share as number | null) : null,
      inDirection: inboundNow,
      ...(previous
        ? { before: b ? Number(b.contacts) : 0, beforeShare: b ? (b.share as number | null) : null, beforeIn: inboundBefore }
        : {}),
    };
  });
  const base = (n: string, nLabel: string): FigureBase => ({
    n,
    nLabel,
    counts: "alle indgående henvendelser",
    channels: "alle indgående kanaler",
  });
  const table: ReportTable = {
    id: "kanaler-runder",
    title: previous ? `Indgående henvendelser pr. kanal: ${round} og ${previous}` : `Indgående henvendelser pr. kanal: ${round}`,
    caption: previous
      ? `Indgående henvendelser pr. kanal og andel af de indgående, ${round} og ${previous}`
      : `Indgående henvendelser pr. kanal og andel af de indgående, ${round}`,
    columns: [
      { key: "code", label: "Kanalkode", kind: "text" },
      { key: "label", label: "Kanal", kind: "text" },
      { key: "contacts", label: `Henvendelser, ${round}`, kind: "count" },
      { key: "share", label: `Andel, ${round}`, kind: "share", base: base("inDirection", `Indgående i alt, ${round}`) },
      ...(previous
        ? ([
            { key: "before", label: `Henvendelser, ${previous}`, kind: "count" },
            { key: "beforeShare", label: `Andel, ${previous}`, kind: "share", base: base("beforeIn", `Indgående i alt, ${previous}`) },
          ] as const)
        : []),
    ],
    rows,
  };
  const withTableBases = withBases({ tables: [table], charts: [], notes: [] }, ctx).tables[0];
  const chart: ReportChart = {
    title: previous ? `Indgående henvendelser pr. kanal, ${round} og ${previous}` : `Indgående henvendelser pr. kanal, ${round}`,
    caption: previous
      ? "Antal indgående henvendelser pr. kanal; hver runde har sin fyldning, og tallet står ved hver søjle."
      : "Antal indgående henvendelser pr. kanal; tallet står ved hver søjle.",
    unit: "count",
    tableId: previous ? table.id : totals.id,
    bars: rows.flatMap((r) => [
      { label: previous ? `${r.label}, ${round}` : String(r.label), value: Number(r.contacts), series: round },
      ...(previous ? [{ label: `${r.label}, ${previous}`, value: Number(r.before), series: previous }] : []),
    ]),
  };
  return {
    id: "kanaler",
    title: "Henvendelser og kanaler",
    sentences: [changeSentence(contacts), changeSentence(inbound), ...shares.map(changeSentence)],
    charts: rows.length ? [chart] : [],
    // Without a previous round the totals table (both directions) says it all.
    tables: previous ? [withTableBases, totals] : [totals],
    notes: now.notes,
  };
}

/** A package task's self-service rate (as in Selvbetjeningsgrad), with its national figure and bases. */
interface PackageLine extends Omit<TaskRate, "key"> {
  n_self: number;
  n_tx: number;
  n_rate: number | null;
  behind: number;
  others: number;
}

/**
 * The round's package, obligatory tasks only: the scope's self-service rate per task beside the
 * national figure (approved municipalities pooled, like the benchmark), with the number of approved
 * municipalities behind it. A municipality sees a task's national figure only with at least
 * MIN_OTHER_MUNICIPALITIES others behind it; units are never compared across municipalities.
 */
async function packageChapter(query: Q, ctx: ReportContext, nationalReader: boolean): Promise<Chapter> {
  const id = "opgavepakke";
  const title = "Opgavepakkens obligatoriske opgaver mod landsplan";
  const [pkg] = await query<{ id: string; name: string }>(
    `SELECT p.id, p.name FROM counting_round r JOIN task_package p ON p.id = r.package_id WHERE r.id = $1::uuid`,
    [ctx.round!.id],
  );
  if (!pkg)
    return {
      id,
      title,
      sentences: [`${ctx.round!.name} har ingen opgavepakke, så der er ingen obligatoriske opgaver at sammenligne.`],
      charts: [],
      tables: [],
      notes: [],
    };
  const p = new Params();
  // One self-service source per municipality, task and week, as in «Selvbetjeningsgrad» (self-service-cells.ts).
  const own = selfServiceCells(ctx, p, undefined, { keep: ["task"] });
  const nat = selfServiceCells(ctx, p, undefined, { national: true, keep: ["task", "municipality"] });
  const except = p.add(ctx.municipality?.id ?? null);
  const items = `SELECT i.task_id, i.title, i.sort_order, t.number FROM task_package_item i JOIN task t ON t.id = i.task_id
                  WHERE i.package_id = ${p.add(pkg.id)}::uuid AND i.obligatory AND NOT i.removed`;
  const lines = await query<PackageLine>(
    `WITH items AS (${items}),
          o AS (SELECT r.task_id, sum(r.self)::float8 AS self, sum(r.tx)::float8 AS tx FROM ${own} r
                 WHERE r.task_id IN (SELECT task_id FROM items) GROUP BY r.task_id),
          m AS (SELECT r.task_id, r.municipality_id, sum(r.self)::float8 AS self, sum(r.tx)::float8 AS tx FROM ${nat} r
                 WHERE r.task_id IN (SELECT task_id FROM items) GROUP BY r.task_id, r.municipality_id),
          g AS (SELECT items.number, items.title, GROUPING(items.number) AS is_total, min(items.sort_order) AS sort_order,
                       COALESCE(sum(o.self), 0)::float8 AS self, COALESCE(sum(o.tx), 0)::float8 AS tx
                  FROM items LEFT JOIN o ON o.task_id = items.task_id
                 GROUP BY GROUPING SETS ((items.sort_order, items.number, items.title), ())),
          n AS (SELECT items.number, GROUPING(items.number) AS is_total,
                       COALESCE(sum(m.self), 0)::float8 AS self, COALESCE(sum(m.tx), 0)::float8 AS tx,
                       count(DISTINCT m.municipality_id) FILTER (WHERE m.tx > 0)::int AS behind,
                       count(DISTINCT m.municipality_id) FILTER (WHERE m.tx > 0 AND m.municipality_id IS DISTINCT FROM ${except}::uuid)::int AS others
                  FROM items LEFT JOIN m ON m.task_id = items.task_id
                 GROUP BY GROUPING SETS ((items.number), ()))
     SELECT g.number, g.title, g.is_total, g.self, g.tx, ${ratio("g.self", "g.tx")} AS rate,
            n.self AS n_self, n.tx AS n_tx, ${ratio("n.self", "n.tx")} AS n_rate, n.behind, n.others
       FROM g JOIN n ON n.is_total = g.is_total AND n.number IS NOT DISTINCT FROM g.number
      ORDER BY g.is_total, g.sort_order, g.number`,
    p.values,
  );
  const edition = !ctx.municipality ? "national" : ctx.unitIds ? "units" : "municipality";
  const shown = (l: PackageLine) => nationalReader || Number(l.others) >= MIN_OTHER_MUNICIPALITIES;
  const round = ctx.round!.name;
  const toRow = (l: PackageLine): ReportRow => {
    const base = {
      code: Number(l.is_total) ? "" : l.number,
      label: Number(l.is_total) ? "Pakkens obligatoriske opgaver i alt" : l.title,
      self: Number(l.self),
      tx: Number(l.tx),
      rate: l.rate === null ? null : Number(l.rate),
    };
    if (edition === "national") return { ...base, behind: Number(l.behind) };
    if (edition === "units") return base;
    if (!shown(l))
      return {
        ...base,
        national: TOO_FEW_MUNICIPALITIES,
        nationalTx: TOO_FEW_MUNICIPALITIES,
        behind: TOO_FEW_MUNICIPALITIES,
        difference: TOO_FEW_MUNICIPALITIES,
      };
    const national = l.n_rate === null ? null : Number(l.n_rate);
    const own = base.rate;
    return {
      ...base,
      national,
      nationalTx: Number(l.n_tx),
      behind: Number(l.behind),
      difference: own === null || national === null ? null : Math.round((own - national) * 1000) / 10,
    };
  };
  const scopeLabel = ctx.municipality?.name ?? "Landsplan";
  const table: ReportTable = {
    id: "pakke",
    title: `${pkg.name}: obligatoriske opgaver`,
    caption: `Selvbetjeningsgrad for de obligatoriske opgaver i ${pkg.name}, ${round}${edition === "municipality" ? ", og landsplan" : ""}`,
    columns: [
      { key: "code", label: "KLE-nr.", kind: "text" },
      { key: "label", label: "Opgave (KL's betegnelse)", kind: "text" },
      { key: "tx", label: "Transaktioner", kind: "count" },
      {
        key: "rate",
        label: edition === "national" ? "Landsplan" : edition === "units" ? "Enhederne" : scopeLabel,
        kind: "share",
        base: { n: "tx", ...SELF_SERVICE_BASE },
      },
      ...(edition === "municipality"
        ? ([
            {
              key: "national",
              label: "Landsplan",
              kind: "share",
              base: { n: "nationalTx", nLabel: "Transaktioner, landsplan", ...SELF_SERVICE_BASE },
            },
            { key: "behind", label: "Kommuner bag landstallet", kind: "count" },
            { key: "difference", label: "Forskel (pct.-point)", kind: "points" },
          ] as const)
        : edition === "national"
          ? ([{ key: "behind", label: "Godkendte kommuner med transaktioner", kind: "count" }] as const)
          : []),
    ],
    rows: lines.filter((l) => !Number(l.is_total)).map(toRow),
    total: lines.filter((l) => Number(l.is_total)).map(toRow)[0],
  };
  const taskLines = lines.filter((l) => !Number(l.is_total));
  const chart: ReportChart = {
    title: `Selvbetjeningsgrad for pakkens obligatoriske opgaver${edition === "municipality" ? ", kommunen og landsplan" : ""}`,
    caption: `Selvbetjeningsgrad pr. obligatorisk opgave i ${pkg.name}. Den stiplede linje er målet på 80 %. Tallene står i tabellen.`,
    unit: "share",
    tableId: table.id,
    target: { value: SELF_SERVICE_TARGET, label: "Mål 80 %" },
    bars: taskLines.flatMap((l) => {
      const own = { label: `${l.number} ${l.title}`, value: l.rate === null ? null : Number(l.rate), series: scopeLabel };
      if (edition !== "municipality") return [own];
      const national = shown(l)
        ? { label: `${l.number} landsplan`, value: l.n_rate === null ? null : Number(l.n_rate), series: "Landsplan" }
        : { label: `${l.number} landsplan (${TOO_FEW_MUNICIPALITIES})`, value: null, series: "Landsplan" };
      return [own, national];
    }),
  };
  const sentences =
    edition === "municipality"
      ? [
          comparisonSentence(
            taskLines.map((l) => ({
              own: l.rate === null ? null : Number(l.rate),
              national: shown(l) && l.n_rate !== null ? Number(l.n_rate) : null,
            })),
            pkg.name,
          ),
        ]
      : [];
  const total = lines.find((l) => Number(l.is_total));
  if (total)
    sentences.push(
      targetSentence(
        `Selvbetjeningsgraden for pakkens obligatoriske opgaver (${scopeLabel})`,
        total.rate === null ? null : Number(total.rate),
        SELF_SERVICE_TARGET,
      ),
    );
  const notes = [
    "Landsplan er de godkendte kommuners transaktioner lagt sammen og derefter delt (ikke et gennemsnit af kommunernes grader), med samme runde og uger.",
    await nationalBasisNote(query, ctx),
    ...(edition === "municipality" && !nationalReader
      ? [
          `«${TOO_FEW_MUNICIPALITIES}»: landstallet for en opgave vises kun, når mindst ${MIN_OTHER_MUNICIPALITIES} andre godkendte kommuner har transaktioner på opgaven, så det aldrig er én anden kommunes egne tal.`,
        ]
      : []),
    ...(edition === "units" ? ["Enheder sammenlignes aldrig med landstal: landstallet står i kommunens udgave af rapporten."] : []),
  ];
  return {
    id,
    title,
    sentences,
    charts: taskLines.length ? [chart] : [],
    tables: withBases({ tables: [table], charts: [], notes: [] }, ctx).tables,
    notes,
  };
}

const N_LABELS = { selfService: "Transaktioner", closure: "Med afslutning", form: "Spurgt om blanket" } as const;

/** The annex: one overview table and a section per unit (per approved municipality nationally), each with its key figures against the previous round. */
async function annexOf(
  query: Q,
  ctx: ReportContext,
  prevCtx: ReportContext | null,
  allUnits: ScopeUnit[],
  round: string,
  previousRound: string | null,
) {
  const byMunicipality = !ctx.municipality;
  const options = { national: false, byMunicipality, byUnit: !byMunicipality };
  const [nowRows, prevRows] = await Promise.all([
    keyFigures(query, ctx, options),
    prevCtx ? keyFigures(query, prevCtx, options) : Promise.resolve([]),
  ]);
  const idOf = (r: FigureRow) => (byMunicipality ? r.municipality_id : r.unit_id);
  const nowBy = new Map(nowRows.map((r) => [idOf(r), r]));
  const prevBy = new Map(prevRows.map((r) => [idOf(r), r]));
  // An archived unit only when it has figures in one of the two rounds.
  const units = allUnits.filter((u) => !u.archived || nowBy.has(u.id) || prevBy.has(u.id));
  const noun = byMunicipality ? "kommune" : "enhed";
  const shares = ["selfService", "closure", "form"] as const;
  const overview: ReportTable = withBases(
    {
      tables: [
        {
          id: "bilag-oversigt",
          title: byMunicipality ? "Kommunerne" : "Enhederne",
          caption: `Nøgletal pr. ${noun}, ${round}`,
          columns: [
            { key: "label", label: byMunicipality ? "Kommune" : "Enhed", kind: "text" },
            { key: "contacts", label: "Henvendelser", kind: "count" },
            // n under a short name of its own: the printed table must fit A4 (app/globals.css).
            ...shares.map((key) => ({
              key,
              label: FIGURES.find((f) => f.key === key)!.label,
              kind: "share" as const,
              base: figureBase(key, `${key}N`, N_LABELS[key]),
            })),
          ],
          rows: units.map((u) => {
            const r = nowBy.get(u.id);
            return {
              label: u.name,
              contacts: r?.contacts ?? 0,
              ...Object.fromEntries(
                shares.flatMap((key) => [
                  [key, figureOf(r, key)],
                  [`${key}N`, r?.[`${key}N`] ?? 0],
                ]),
              ),
            };
          }),
        },
      ],
      charts: [],
      notes: [],
    },
    ctx,
  ).tables[0];
  const annexes: Annex[] = units.map((u) => {
    const a = nowBy.get(u.id);
    const b = prevBy.get(u.id);
    const change = (label: string, kind: FigureChange["kind"], x: number | null, y: number | null): FigureChange => ({
      label,
      kind,
      now: x,
      previous: previousRound ? y : null,
      round,
      previousRound,
    });
    const table: ReportTable = {
      id: `bilag-${u.id}`,
      title: u.name,
      caption: `${u.name}: nøgletal${previousRound ? `, ${round} og ${previousRound}` : `, ${round}`}`,
      columns: [
        { key: "label", label: "Nøgletal", kind: "text" },
        {
          key: "now",
          label: round,
          kind: "share",
          base: { n: "n", nLabel: `n, ${round}`, counts: "nøgletallets nævner (se metodeafsnittet)", channels: "som for nøgletallet" },
        },
        ...(previousRound
          ? ([
              {
                key: "before",
                label: previousRound,
                kind: "share",
                base: {
                  n: "nBefore",
                  nLabel: `n, ${previousRound}`,
                  counts: "nøgletallets nævner (se metodeafsnittet)",
                  channels: "som for nøgletallet",
                },
              },
              { key: "change", label: "Ændring (procentpoint)", kind: "points" },
            ] as const)
          : []),
      ],
      rows: shares.map((key) => {
        const x = figureOf(a, key);
        const y = figureOf(b, key);
        return {
          label: FIGURES.find((f) => f.key === key)!.label,
          now: x,
          n: a?.[`${key}N`] ?? 0,
          ...(previousRound
            ? { before: y, nBefore: b?.[`${key}N`] ?? 0, change: x === null || y === null ? null : Math.round((x - y) * 1000) / 10 }
            : {}),
        };
      }),
    };
    return {
      id: `bilag-${u.id}`,
      name: u.name,
      sentences: [
        changeSentence(change("Antal henvendelser", "count", a?.contacts ?? 0, b?.contacts ?? 0)),
        changeSentence(change("Selvbetjeningsgraden", "share", figureOf(a, "selfService"), figureOf(b, "selfService"))),
      ],
      table: withBases({ tables: [table], charts: [], notes: [] }, ctx).tables[0],
    };
  });
  return {
    overview,
    annexes,
    annexTitle: byMunicipality ? "Bilag: de godkendte kommuner" : "Bilag: enhederne",
    active: nowRows.filter((r) => r.contacts > 0).length,
  };
}

/** Method and bases: weeks, sources with their contacts, approval, and the notes of the reports the chapters come from. */
async function methodOf(query: Q, ctx: ReportContext, edition: Edition, results: ReportResult[], active: number) {
  const p = new Params();
  const src = reportSource(ctx, p, ["source"]);
  const sources = await query<{ source: string; is_total: number; contacts: number; registrations: number; all_contacts: number }>(
    `SELECT a.source, a.is_total, a.contacts, a.registrations, sum(a.contacts) FILTER (WHERE a.is_total = 0) OVER () AS all_contacts
       FROM (SELECT r.source::text AS source, GROUPING(r.source) AS is_total, ${SUM_Q} AS contacts, COALESCE(sum(r.registrations), 0)::float8 AS registrations
               FROM ${src.from} WHERE ${src.where} GROUP BY GROUPING SETS ((r.source), ())) a
      ORDER BY a.is_total, a.contacts DESC, a.source`,
    p.values,
  );
  const toRow = (r: (typeof sources)[number]): ReportRow => ({
    code: Number(r.is_total) ? "" : r.source,
    label: Number(r.is_total) ? "I alt" : (SOURCE_LABELS[r.source as RegistrationSource] ?? r.source),
    registrations: Number(r.registrations),
    contacts: Number(r.contacts),
    share: Number(r.all_contacts ?? 0) > 0 ? Number(r.contacts) / Number(r.all_contacts) : null,
    all: Number(r.all_contacts ?? 0),
  });
  const total = sources.find((r) => Number(r.is_total));
  const sourceTable: ReportTable = {
    id: "datakilder",
    title: "Datakilder",
    caption: "Registreringer og henvendelser pr. datakilde",
    columns: [
      { key: "code", label: "Kode", kind: "text" },
      { key: "label", label: "Datakilde", kind: "text" },
      { key: "registrations", label: "Registreringer", kind: "count" },
      { key: "contacts", label: "Henvendelser", kind: "count" },
      {
        key: "share",
        label: "Andel af henvendelserne",
        kind: "share",
        base: { n: "all", nLabel: "Henvendelser i alt", counts: "alle henvendelser i rapporten" },
      },
    ],
    rows: sources.filter((r) => !Number(r.is_total)).map(toRow),
    total: total ? { ...toRow(total), share: null, all: Number(total.contacts) } : undefined,
  };
  const weeks = (ctx.weekKeys ?? []).map((k) => `uge ${k % 100} (${Math.floor(k / 100)})`).join(", ");
  const sentences = [
    `Rapporten dækker ${ctx.round!.name}: ${weeks}. Kun registreringer i tælleugerne tæller; prøvetællinger tæller aldrig.`,
    ctx.compareRound
      ? `Der sammenlignes med ${ctx.compareRound.name}${ctx.filters.sammenlign ? ", som valgt" : ", den seneste tidligere runde med registreringer i rapportens område"}.`
      : "Der er ingen tidligere runde med registreringer i rapportens område at sammenligne med.",
    `Grundlag: ${formatNumber(total ? Number(total.registrations) : 0)} registreringer med ${formatNumber(total ? Number(total.contacts) : 0)} henvendelser fra ${formatNumber(active)} ${edition === "national" ? (active === 1 ? "godkendt kommune" : "godkendte kommuner") : active === 1 ? "enhed" : "enheder"}.`,
  ];
  if (ctx.municipality) {
    const counted = await query<{ weeks: string | null }>(
      `SELECT string_agg('uge ' || iso_week, ', ' ORDER BY iso_year, iso_week) AS weeks FROM municipality_counting_week WHERE municipality_id = $1::uuid AND (iso_year * 100 + iso_week) = ANY($2::int[])`,
      [ctx.municipality.id, ctx.round!.weekKeys],
    );
    if (counted[0]?.weeks) sentences.push(`${ctx.municipality.name} talte ${counted[0].weeks} af rundens uger.`);
    const [approval] = await query<{ at: string }>(
      `SELECT to_char(approved_at AT TIME ZONE 'Europe/Copenhagen', 'DD.MM.YYYY') AS at FROM round_approval WHERE municipality_id = $1::uuid AND round_id = $2::uuid`,
      [ctx.municipality.id, ctx.round!.id],
    );
    sentences.push(
      approval
        ? `${ctx.municipality.name} godkendte sine data for runden ${approval.at}: tallene er låst og tæller med i landstallene.`
        : `${ctx.municipality.name} har ikke godkendt sine data for runden: tallene kan stadig ændre sig, og kommunen tæller ikke med i landstallene.`,
    );
  }
  sentences.push(await nationalBasisNote(query, ctx));
  const notes = [...new Set(results.flatMap((r) => r.notes))];
  notes.push(
    "Alle tal tæller antal henvendelser (en masseregistrering af 40 breve tæller 40). Hver andel står med sit grundlag (n) under tabellen.",
    "Sætningerne i rapporten er dannet af tallene i tabellerne; de udtaler sig ikke om årsager.",
    `Procentpoint er afrundet til én decimal; en andel vises som ${formatShare(0.8123)} (én decimal).`,
  );
  return { sentences, tables: withBases({ tables: [sourceTable], charts: [], notes: [] }, ctx).tables, notes };
}
