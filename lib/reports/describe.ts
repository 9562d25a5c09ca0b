import { SOURCE_LABELS } from "@/lib/reference/sources";
import type { RegistrationSource } from "@/lib/generated/prisma/enums";
import type { ReportContext } from "./context";

/** One Danish sentence saying what the figures cover: "Køge Kommune · Efterår 2026 (uge 43–45)". */
export function describeContext(ctx: ReportContext): string {
  const parts: string[] = [ctx.municipality ? `${ctx.municipality.name} (${ctx.municipality.number})` : "Alle kommuner"];
  if (ctx.unitIds) parts.push(`${ctx.unitIds.length} ${ctx.unitIds.length === 1 ? "enhed" : "enheder"}`);
  if (ctx.round) parts.push(ctx.round.name);
  if (ctx.weekKeys?.length) parts.push(ctx.weekKeys.map((k) => `uge ${k % 100}`).join(", "));
  const date = (d: string) => d.split("-").reverse().join(".");
  if (ctx.from || ctx.to) parts.push(`${ctx.from ? date(ctx.from) : "…"}–${ctx.to ? date(ctx.to) : "…"}`);
  if (ctx.sources.length) parts.push(`datakilde: ${ctx.sources.map((s) => SOURCE_LABELS[s as RegistrationSource] ?? s).join(", ")}`);
  if (ctx.includeOutside) parts.push("inkl. registreringer uden for tælleugerne");
  return `Viser: ${parts.join(" · ")}`;
}
