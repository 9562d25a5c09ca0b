import "server-only";
import { type Access, requireNational } from "@/lib/auth/access";
import { danishDay } from "@/lib/coverage/danish-day";
import { getDatabase } from "@/lib/db";
import { ReportNotFoundError } from "@/lib/reports/context";
import { RULE_LABELS } from "./describe";
import { readQualityOf } from "./findings";
import type { Finding } from "./rules";

// KL's quality summary (issue 16): for a round, per municipality that joined it, how many findings
// each Datakvalitet rule gives, whether it approved, and a link to the municipality's page as KL may
// see it. KL reads it before publishing national figures, to see which municipalities have "gode
// tællinger". Each municipality's rules run with its own coordinator's thresholds.

type Rule = Finding["rule"];
const RULES = Object.keys(RULE_LABELS) as Rule[];

export interface MunicipalitySummary {
  number: number;
  name: string;
  approved: boolean;
  counts: Record<Rule, number>;
  total: number;
}

export async function loadQualitySummary(access: Access, params: { runde?: string | string[] }, now = new Date()) {
  requireNational(access);
  const sql = getDatabase().sql;
  const query = sql.query.bind(sql);
  const today = danishDay(now);
  const rounds = await query<{
    id: string;
    code: string;
    name: string;
    started: boolean;
    minimum: number;
    iso_year: number;
    first_week: number;
    week_count: number;
    package_id: string | null;
  }>(
    `SELECT id::text AS id, code, name, to_char(starts_on, 'YYYY-MM-DD') <= $1 AS started, min_approved_municipalities AS minimum,
            iso_year, first_week, week_count, package_id::text AS package_id
       FROM counting_round ORDER BY starts_on DESC, code`,
    [today],
  );
  const asked = typeof params.runde === "string" ? params.runde : undefined;
  const round = asked ? rounds.find((r) => r.code === asked) : (rounds.find((r) => r.started) ?? rounds[0]);
  if (asked && !round) throw new ReportNotFoundError();
  if (!round) return { rounds: [], round: null, municipalities: [] as MunicipalitySummary[], rules: RULES };
  const joined = await query<{ id: string; number: number; name: string; approved: boolean }>(
    `SELECT m.id::text AS id, m.number, m.name,
            EXISTS (SELECT 1 FROM round_approval a WHERE a.round_id = $1::uuid AND a.municipality_id = m.id) AS approved
       FROM municipality m
      WHERE EXISTS (SELECT 1 FROM municipality_counting_week w WHERE w.round_id = $1::uuid AND w.municipality_id = m.id)
      ORDER BY m.number`,
    [round.id],
  );
  // One pass over every joined municipality: each read covers them all (lib/quality/findings.ts).
  const results = await readQualityOf(
    query,
    joined.map((m) => m.id),
    {
      id: round.id,
      isoYear: Number(round.iso_year),
      firstWeek: Number(round.first_week),
      weekCount: Number(round.week_count),
      packageId: round.package_id,
    },
    null,
    now,
  );
  const municipalities: MunicipalitySummary[] = joined.map((m) => {
    const findings = results.get(m.id)!.findings;
    const counts = Object.fromEntries(RULES.map((rule) => [rule, findings.filter((f) => f.rule === rule).length])) as Record<Rule, number>;
    return { number: Number(m.number), name: m.name, approved: Boolean(m.approved), counts, total: findings.length };
  });
  return {
    rounds: rounds.map(({ code, name }) => ({ code, name })),
    round: { code: round.code, name: round.name, minimum: Number(round.minimum) },
    municipalities,
    rules: RULES,
  };
}
