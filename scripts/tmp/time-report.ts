import { openDatabase } from "@/lib/database/open";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";
import { runReport } from "@/lib/reports/run";
const NATIONAL = { userId: "bench", memberships: [{ role: "NATIONAL" as const, municipalityId: null, unitId: null }], leadUnitIds: [] };
const [slug, ...views] = process.argv.slice(2);
const db = openDatabase({ kind: "server", url: "postgres://postgres@127.0.0.1:5432/spor_bench_mb" }, { timeouts: CLI_TIMEOUTS });
for (const view of views) {
  const params: Record<string, string> = { runde: "bench-2026-43", ...(view === "national" ? {} : { kommune: view }) };
  const t: number[] = [];
  for (let i = 0; i < 11; i++) { const s = performance.now(); await runReport(db.sql, NATIONAL, slug, params); if (i) t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(slug, view, "p50", t[5].toFixed(1), "max", t[9].toFixed(1));
}
await db.close();
