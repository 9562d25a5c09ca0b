import "server-only";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import { CHANNELS, type ChannelDefinition, channelLabel } from "@/lib/reference/codes";
import { SOURCE_LABELS } from "@/lib/reference/sources";
import type { ReportContext } from "./context";
import type { FigureBase, ReportColumn, ReportResult, ReportTable } from "./types";

/** One Danish sentence saying what the figures cover: "Køge Kommune · Efterår 2026 (uge 43–45)". */
export function describeContext(ctx: ReportContext): string {
  const parts: string[] = [ctx.municipality ? `${ctx.municipality.name} (${ctx.municipality.number})` : "Alle kommuner"];
  if (ctx.unitIds) parts.push(`${ctx.unitIds.length} ${ctx.unitIds.length === 1 ? "enhed" : "enheder"}`);
  if (ctx.allRounds) parts.push("alle tællerunder");
  if (ctx.round) parts.push(ctx.round.name);
  if (ctx.weekKeys?.length) parts.push(ctx.weekKeys.map((k) => `uge ${k % 100}`).join(", "));
  const date = (d: string) => d.split("-").reverse().join(".");
  if (ctx.from || ctx.to) parts.push(`${ctx.from ? date(ctx.from) : "…"}–${ctx.to ? date(ctx.to) : "…"}`);
  if (ctx.sources.length) parts.push(`datakilde: ${ctx.sources.map((s) => SOURCE_LABELS[s as RegistrationSource] ?? s).join(", ")}`);
  if (ctx.includeOutside) parts.push("inkl. registreringer uden for tælleugerne");
  if (ctx.taskLevel === "gruppe") parts.push("opgaver samlet på KLE-gruppe");
  return `Viser: ${parts.join(" · ")}`;
}

// ---- Bases: every share shows what it is computed over (docs/method.md, "Bases") ----------------

/** "Telefon (ind og ud), Besøg på hjemmeside (ind)": channels by name, both directions together. */
function channelNames(channels: readonly ChannelDefinition[]): string {
  const byName = new Map<string, string[]>();
  for (const c of channels) byName.set(c.name, [...(byName.get(c.name) ?? []), c.direction === "IN" ? "ind" : "ud"]);
  return [...byName.entries()].map(([name, dirs]) => `${name} (${dirs.join(" og ")})`).join(", ");
}

/**
 * The channels a figure can come from by the method, in words: "alle kanaler undtagen Telefon (ind og
 * ud)". `all` names the channels `within` keeps ("alle indgående kanaler" for INBOUND): only channels
 * of that set are named as exceptions, never those `all` already leaves out.
 */
export function channelsWhere(
  include: (c: ChannelDefinition) => boolean,
  all = "alle kanaler",
  within: (c: ChannelDefinition) => boolean = () => true,
): string {
  const excluded = CHANNELS.filter((c) => within(c) && !include(c));
  return excluded.length ? `${all} undtagen ${channelNames(excluded)}` : all;
}

/** Inbound channels only. */
export const INBOUND = (c: ChannelDefinition) => c.direction === "IN";
/** Channels where type and closure are asked (all but those counted in bulk). */
export const ASKS_DETAILS = (c: ChannelDefinition) => !c.bulk;
/** Channels where the form question is asked. */
export const ASKS_FORM = (c: ChannelDefinition) => c.asksForm;

/** The channels in force: the method's, narrowed by the report's channel filter. */
function channelsText(base: FigureBase, ctx: ReportContext): string {
  if (!ctx.channels.length) return base.channels ?? "alle kanaler";
  return `valgt i filteret: ${ctx.channels.map(channelLabel).join(", ")}${base.channels ? ` (af dem tæller kun ${base.channels.replace(/^alle /, "")})` : ""}`;
}

function sourcesText(ctx: ReportContext): string {
  if (!ctx.sources.length) return "alle datakilder";
  return ctx.sources.map((s) => SOURCE_LABELS[s as RegistrationSource] ?? s).join(", ");
}

/** The sentence under a table for one base: what n counts, which channels and sources it covers. */
export function describeBase(column: ReportColumn & { base: FigureBase }, nLabel: string, ctx: ReportContext): string {
  const { base } = column;
  return `«${column.label}» er regnet af ${base.counts} (n: kolonnen «${nLabel}»). Kanaler: ${channelsText(base, ctx)}. Datakilder: ${sourcesText(ctx)}.`;
}

const hasBase = (c: ReportColumn): c is ReportColumn & { base: FigureBase } => c.base !== undefined;

/**
 * Puts every figure's base on its table, the one place this is done for every report: the n column
 * right after the figure when the table does not show it already, and one sentence per base saying
 * what n counts and which channels and sources it covers. Throws when a row lacks its n — a
 * programming error the report tests catch.
 */
export function withBases(result: ReportResult, ctx: ReportContext): ReportResult {
  return { ...result, tables: result.tables.map((t) => tableWithBases(t, ctx)) };
}

function tableWithBases(table: ReportTable, ctx: ReportContext): ReportTable {
  const columns: ReportColumn[] = [];
  const bases: string[] = [];
  for (const column of table.columns) {
    columns.push(column);
    if (!hasBase(column)) continue;
    const shown = table.columns.find((c) => c.key === column.base.n);
    const nLabel = shown?.label ?? column.base.nLabel ?? "Grundlag (n)";
    if (!shown && !columns.some((c) => c.key === column.base.n)) columns.push({ key: column.base.n, label: nLabel, kind: "count" });
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
      if (!(column.base.n in row)) throw new Error(`Report table ${table.id}: a row has no base "${column.base.n}" for "${column.key}".`);
    }
    const sentence = describeBase(column, nLabel, ctx);
    if (!bases.includes(sentence)) bases.push(sentence);
  }
  return { ...table, columns, bases };
}
