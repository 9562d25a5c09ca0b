// Prints EXPLAIN ANALYZE of every query a report runs for given params.
import type { Access } from "@/lib/auth/access";
import { openDatabase } from "@/lib/database/open";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { runReport } from "@/lib/reports/run";
const [slug, paramsJson, lead] = process.argv.slice(2);
const NATIONAL: Access = { userId: "x", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };
const db = openDatabase({ kind: "server", url: process.env.DB! }, { timeouts: CLI_TIMEOUTS });
let access = NATIONAL;
const params = JSON.parse(paramsJson);
if (lead) {
  const [u] = await db.sql.query<{ id: string; mid: string }>(`SELECT u.id, m.id AS mid FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE m.number = $1 ORDER BY u.name LIMIT 1`, [Number(params.kommune)]);
  access = { userId: "l", memberships: [{ role: "UNIT_LEAD", municipalityId: u.mid, unitId: u.id }], leadUnitIds: [u.id] };
}
const run = await runReport(db.sql, access, slug, params);
const query = async <T,>(sql: string, p?: unknown[]) => {
  const t = performance.now();
  const rows = await db.sql.query<T>(sql, p);
  const ms = performance.now() - t;
  if (ms > 30 || process.env.ALL) {
    const plan = await db.sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, p);
    console.log(`--- ${ms.toFixed(0)} ms\n${sql.slice(0, 3000)}\n${JSON.stringify(p)}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  return rows;
};
const t = performance.now();
await run.report.run(query as never, run.ctx);
console.log(`total ${(performance.now() - t).toFixed(0)} ms`);
await db.close();
