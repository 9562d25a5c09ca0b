import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { type Access, canAdministerMunicipality } from "@/lib/auth/access";
import { db, getDatabase } from "@/lib/db";
import { loadRound, ReportNotFoundError } from "@/lib/reports/context";
import { municipalityFigures, nationalFigures, publicContext, publicNational } from "@/lib/reports/public-figures";
import { flushRollups } from "@/lib/reports/rollups";
import { MAP_MUNICIPALITIES } from "./map";
import { memoizedLandkort } from "./memo";
import type { LandkortData, LandkortRound } from "./types";

// The reads of Det Digitale Landkort. /landkort and its downloads are public: these take no access
// and return only what anyone may see (lib/reports/public-figures.ts filters the unpublished in SQL).

type Q = SqlExecutor["query"];

/** The rounds the map offers: those that have started, newest first. */
export async function landkortRounds(query: Q, today = new Date()): Promise<LandkortRound[]> {
  const rows = await query<{ code: string }>(`SELECT code FROM counting_round WHERE starts_on <= $1::date ORDER BY starts_on DESC`, [
    today.toISOString().slice(0, 10),
  ]);
  return Promise.all(rows.map((r) => loadRound(query, r.code)));
}

/** The figures of one round (by code); the newest round when none is asked for. Null when there is no round at all. */
export async function landkortData(query: Q, roundCode: string | undefined, rounds: LandkortRound[]): Promise<LandkortData | null> {
  const round = roundCode ? rounds.find((r) => r.code === roundCode) : rounds[0];
  if (!round) {
    if (roundCode) throw new ReportNotFoundError();
    return null;
  }
  await flushRollups((text) => query(text));
  const ctx = publicContext(round);
  const [national, inSpor] = await Promise.all([nationalFigures(query, ctx), municipalityFigures(query, ctx)]);
  // Every municipality of Denmark is on the map; one not in Spor has nothing published.
  const byNumber = new Map(inSpor.map((m) => [m.number, m]));
  const municipalities = MAP_MUNICIPALITIES.map(
    (m) => byNumber.get(m.number) ?? { number: m.number, name: m.name, published: false, figures: null },
  );
  return { round, national: publicNational(national, municipalities), municipalities };
}

/** The page and the downloads: the rounds and the chosen round's figures. */
export async function loadLandkort(roundCode: string | undefined, sql: SqlExecutor = getDatabase().sql) {
  const query = sql.query.bind(sql);
  const rounds = await landkortRounds(query);
  const round = roundCode ? rounds.find((r) => r.code === roundCode) : rounds[0];
  const compute = () => landkortData(query, roundCode, rounds);
  return { rounds, data: round ? await memoizedLandkort(sql, round, compute) : await compute() };
}

/** The publication setting on the municipality's administration page (its coordinators; KL reads). */
export async function loadLandkortSetting(access: Access, municipalityId: string) {
  const row = await db().municipality.findUnique({ where: { id: municipalityId }, select: { publishLandkort: true } });
  if (!row) throw new ReportNotFoundError();
  return { published: row.publishLandkort, canChange: canAdministerMunicipality(access, municipalityId) };
}
