import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import type { ReportContext } from "./context";

/** KL's minimum of approved municipalities behind a national figure when no round is chosen. */
export const DEFAULT_MIN_APPROVED = 15;

/**
 * The sentence under every national figure: how many municipalities approved their data for the
 * round (only they count, lib/reports/sql.ts APPROVED_ONLY) against KL's minimum for the round.
 */
export async function nationalBasisNote(query: SqlExecutor["query"], ctx: ReportContext): Promise<string> {
  if (!ctx.round)
    return `Landstal bygger kun på kommuner, der har godkendt deres data for runden (KL's minimum er ${DEFAULT_MIN_APPROVED} kommuner).`;
  const [row] = await query<{ approved: number; minimum: number }>(
    `SELECT (SELECT count(*) FROM round_approval WHERE round_id = $1::uuid)::int AS approved, min_approved_municipalities AS minimum FROM counting_round WHERE id = $1::uuid`,
    [ctx.round.id],
  );
  const approved = Number(row?.approved ?? 0);
  const minimum = Number(row?.minimum ?? DEFAULT_MIN_APPROVED);
  const few =
    approved < minimum ? ` Det er under KL's minimum på ${minimum}, så landstallene er foreløbige.` : ` KL's minimum er ${minimum}.`;
  return `Landstal bygger kun på kommuner, der har godkendt deres data for «${ctx.round.name}»: ${approved} ${approved === 1 ? "kommune" : "kommuner"}.${few}`;
}
