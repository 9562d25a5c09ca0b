// Report timings: every report for one municipality and for the national view, against data made by
// scripts/generate-data.ts. Measured in-process through runReport (the same code the pages and
// route handlers run), so HTTP and rendering are not included.
import type { Access } from "@/lib/auth/access";
import { openDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";
import { REPORTS } from "@/lib/reports/registry";
import { runReport } from "@/lib/reports/run";
import { BENCH_ROUND, generateData } from "../generate-data";

const NATIONAL: Access = { userId: "bench", memberships: [{ role: "NATIONAL", municipalityId: null, unitId: null }], leadUnitIds: [] };

export interface ReportTiming {
  report: string;
  view: "municipality" | "national";
  p50: number;
  p95: number;
}

/** Generates `size` registrations in a scratch database on the PostgreSQL server, times, drops it. */
export async function benchReports(serverUrl: string, size: number, iterations = 10): Promise<{ rows: number; seconds: number; timings: ReportTiming[] }> {
  const scratch = await createScratchDatabase(serverUrl, "spor_bench_reports");
  const started = Date.now();
  await generateData(size, (m) => console.log(`  ${m}`), scratch.url);
  const seconds = (Date.now() - started) / 1000;
  const database = openDatabase({ kind: "server", url: scratch.url });
  try {
    const [{ n }] = await database.sql.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM registration`);
    const timings: ReportTiming[] = [];
    for (const report of REPORTS) {
      for (const view of ["municipality", "national"] as const) {
        if (view === "municipality" && (report.slug === "ranglister" || report.slug === "deltagelse")) continue;
        if (view === "national" && report.slug === "benchmark") continue;
        const params = { runde: BENCH_ROUND.code, ...(view === "municipality" ? { kommune: "850" } : {}) };
        const times: number[] = [];
        for (let i = 0; i < iterations + 1; i++) {
          const t = performance.now();
          await runReport(database.sql, NATIONAL, report.slug, params);
          if (i > 0) times.push(performance.now() - t); // the first run warms caches
        }
        times.sort((a, b) => a - b);
        timings.push({ report: report.slug, view, p50: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] });
      }
    }
    return { rows: Number(n), seconds, timings };
  } finally {
    await database.close();
    await scratch.drop();
  }
}
