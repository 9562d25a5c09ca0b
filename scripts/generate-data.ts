// A realistic national round for benchmarks: 98 municipalities, 6 units each, and N registrations
// with the distributions of a real citizen service (telephone about a third, personal visits a
// sixth, information about existing cases about half, two thirds closed at once, about a fifth with
// a form), weekdays 08–16 Copenhagen time, quantity mostly 1 with some mass registrations.
//
//   DATABASE_URL=postgres://… npx tsx --import ./lib/outside-next.mjs scripts/generate-data.ts [--registrations 200000]
//
// Without DATABASE_URL it writes to the embedded database (stop the server first). Generation runs
// inside PostgreSQL (INSERT … SELECT over generate_series), in batches of 500,000 rows. When the
// database user may (a superuser, as on a bench server), each batch runs with
// session_replication_role = replica: no foreign-key checks (the generated ids are valid by
// construction) and no report-rollup triggers; the rollups are then rebuilt once from the
// registrations (report_rollups_rebuild()), which is far cheaper than maintaining them per batch.
import { parseArgs } from "node:util";
import { consecutiveIsoWeeks, mondayOfIsoWeek } from "@/lib/counting/iso-week";
import { resolveDatabaseTarget } from "@/lib/database/config";
import { openDatabase } from "@/lib/database/open";
import { prepareDatabase } from "@/lib/database/prepare";
import { CLI_TIMEOUTS } from "@/lib/database/timeouts";

export const BENCH_ROUND = { code: "bench-2026-43", name: "Benchmark efterår 2026", isoYear: 2026, firstWeek: 43, weekCount: 3 };
const MUNICIPALITIES = 98;
const UNITS = ["Borgerservice", "Borgerservice – Telefon", "Jobcenter", "Ydelse", "Teknik og Miljø", "Dagtilbud"];
const BATCH = 500_000;
// Municipality k (number 800 + k) gets a share ∝ k^-0.8 of the registrations: the largest about 12 %,
// the smallest about 0.3 %, like Danish municipalities' populations. Units share their municipality's.
const SIZE_EXPONENT = 0.8;
const SLOTS = 10_000;

// Cumulative weights for a uniform random number r in [0,1).
const pick = (weights: [string, number][]) => {
  let acc = 0;
  const total = weights.reduce((s, [, w]) => s + w, 0);
  return `CASE ${weights.map(([v, w]) => `WHEN r < ${(acc += w / total).toFixed(4)} THEN ${v}`).join(" ")} ELSE ${weights.at(-1)![0]} END`;
};
const CHANNEL = pick([
  ["'TLFIND'", 32],
  ["'PRSNLG'", 17],
  ["'SLVBTJN'", 14],
  ["'EMLIND'", 9],
  ["'DOCIND'", 6],
  ["'PPRIND'", 3],
  ["'BRGDK'", 3],
  ["'TLFUD'", 5],
  ["'EMLUD'", 5],
  ["'DOKUD'", 5],
  ["'CHATIND'", 1],
]);
const TYPE = pick([
  ["'INFO'", 50],
  ["'OPRET'", 14],
  ["'STATUS'", 10],
  ["'VEJL'", 21],
  ["'SLVBTJN'", 3],
  ["'FEJL'", 2],
]);

export async function generateData(registrations: number, log: (m: string) => void = console.log, url?: string) {
  const database = openDatabase(url ? { kind: "server", url } : resolveDatabaseTarget(), { timeouts: CLI_TIMEOUTS });
  const sql = database.sql;
  try {
    await prepareDatabase(database, { demoOnFirstStart: false, log });
    const [pkg] = await sql.query<{ id: string }>(
      `SELECT package_id AS id FROM counting_round WHERE package_id IS NOT NULL ORDER BY starts_on DESC LIMIT 1`,
    );
    await sql.query(
      `INSERT INTO counting_round (id, code, name, starts_on, iso_year, first_week, week_count, package_id)
       VALUES (gen_random_uuid(), $1, $2, $3::date, $4, $5, $6, $7::uuid) ON CONFLICT (code) DO NOTHING`,
      [
        BENCH_ROUND.code,
        BENCH_ROUND.name,
        mondayOfIsoWeek(BENCH_ROUND.isoYear, BENCH_ROUND.firstWeek).toISOString().slice(0, 10),
        BENCH_ROUND.isoYear,
        BENCH_ROUND.firstWeek,
        BENCH_ROUND.weekCount,
        pkg?.id ?? null,
      ],
    );
    const [round] = await sql.query<{ id: string }>(`SELECT id FROM counting_round WHERE code = $1`, [BENCH_ROUND.code]);
    for (let i = 0; i < MUNICIPALITIES; i++) {
      const number = 801 + i;
      await sql.query(`INSERT INTO municipality (id, number, name) VALUES (gen_random_uuid(), $1, $2) ON CONFLICT (number) DO NOTHING`, [
        number,
        `Genereret Kommune ${number}`,
      ]);
      const [m] = await sql.query<{ id: string }>(`SELECT id FROM municipality WHERE number = $1`, [number]);
      const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit WHERE municipality_id = $1::uuid`, [m.id]);
      if (!Number(n)) {
        for (const name of UNITS)
          await sql.query(`INSERT INTO unit (id, municipality_id, name, updated_at) VALUES (gen_random_uuid(), $1::uuid, $2, now())`, [
            m.id,
            name,
          ]);
      }
      for (const w of consecutiveIsoWeeks({ isoYear: BENCH_ROUND.isoYear, isoWeek: BENCH_ROUND.firstWeek }, BENCH_ROUND.weekCount)) {
        await sql.query(
          `INSERT INTO municipality_counting_week (id, municipality_id, round_id, iso_year, iso_week) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4) ON CONFLICT DO NOTHING`,
          [m.id, round.id, w.isoYear, w.isoWeek],
        );
      }
    }
    const monday = mondayOfIsoWeek(BENCH_ROUND.isoYear, BENCH_ROUND.firstWeek).toISOString().slice(0, 10);
    const started = Date.now();
    const [{ bulk }] = await sql.query<{ bulk: boolean }>(`SELECT rolsuper AS bulk FROM pg_roles WHERE rolname = current_user`);
    // A large bulk load writes without the secondary indexes and builds them afterwards (much faster).
    const indexes =
      bulk && registrations >= 1_000_000
        ? await sql.query<{ name: string; definition: string }>(
            `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'registration' AND indexname <> 'registration_pkey'`,
          )
        : [];
    for (const index of indexes) await sql.exec(`DROP INDEX "${index.name}"`);
    for (let done = 0; done < registrations; done += BATCH) {
      const n = Math.min(BATCH, registrations - done);
      await sql.transaction(async (tx) => {
        if (bulk) await tx.exec(`SET LOCAL session_replication_role = replica`);
        await tx.query(
          `WITH u AS (SELECT u.id, u.municipality_id, row_number() OVER (ORDER BY m.number, u.id) AS idx, power(m.number - 800, -${SIZE_EXPONENT}) AS w
                    FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE m.number BETWEEN 801 AND ${800 + MUNICIPALITIES}),
              units AS (SELECT array_agg(u.id ORDER BY idx) AS ids, array_agg(u.municipality_id ORDER BY idx) AS ms FROM u),
              cum AS MATERIALIZED (SELECT idx, sum(w) OVER (ORDER BY idx) / sum(w) OVER () AS c FROM u),
              slots AS (SELECT array_agg((SELECT min(idx) FROM cum WHERE cum.c >= (s - 0.5) / ${SLOTS}.0)::int ORDER BY s) AS a FROM generate_series(1, ${SLOTS}) s),
              tasks AS (SELECT array_agg(t.id) AS ids FROM task t WHERE t.id IN (SELECT task_id FROM task_package_item WHERE package_id = $2::uuid) OR $2::uuid IS NULL),
              g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7 FROM generate_series(1, $1::int) i),
              x AS (SELECT g.*, slots.a[1 + floor(g.r1 * ${SLOTS})::int] AS ui, units.ids, units.ms, tasks.ids AS tids,
                     (($3::date + (floor(g.r2 * 15)::int / 5) * 7 + (floor(g.r2 * 15)::int % 5))::timestamp
                        + make_interval(hours => 8 + floor(power(g.r3, 1.3) * 8)::int, mins => floor(g.r4 * 60)::int)) AT TIME ZONE 'Europe/Copenhagen' AS at
                    FROM g, units, tasks, slots),
              y AS (SELECT x.*, (SELECT ${CHANNEL} FROM (SELECT x.r5 AS r) s) AS channel, (SELECT ${TYPE} FROM (SELECT x.r6 AS r) s) AS ctype FROM x)
         INSERT INTO registration (id, municipality_id, unit_id, task_id, channel_code, contact_type_code, closure_code, form, quantity,
                                   occurred_at, iso_year, iso_week, source, is_test, in_counting_week, updated_at)
         SELECT gen_random_uuid(), y.ms[y.ui], y.ids[y.ui], y.tids[1 + floor(y.r7 * cardinality(y.tids))::int], y.channel, y.ctype,
                CASE WHEN random() < 0.67 THEN 'STRAKS' ELSE 'HOLD' END,
                CASE WHEN c.asks_form THEN random() < 0.45 ELSE NULL END,
                CASE WHEN y.r4 < 0.02 THEN 2 + floor(y.r1 * 39)::int ELSE 1 END,
                y.at, extract(isoyear FROM y.at AT TIME ZONE 'Europe/Copenhagen')::int, extract(week FROM y.at AT TIME ZONE 'Europe/Copenhagen')::int,
                CASE WHEN y.r4 < 0.02 THEN 'MASS' ELSE 'MANUAL' END::"RegistrationSource", false, true, now()
         FROM y JOIN channel c ON c.code = y.channel`,
          [n, pkg?.id ?? null, monday],
        );
      });
      log(
        `${(done + n).toLocaleString("da-DK")} af ${registrations.toLocaleString("da-DK")} registreringer (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
    for (const index of indexes) {
      const t = Date.now();
      await sql.exec(index.definition);
      log(`Indeks ${index.name} bygget (${Math.round((Date.now() - t) / 1000)} s)`);
    }
    if (bulk && registrations > 0) {
      const rebuilt = Date.now();
      await sql.query(`SELECT report_rollups_rebuild()`);
      log(`Rapport-aggregater genopbygget (${Math.round((Date.now() - rebuilt) / 1000)} s)`);
    }
    await sql.exec("ANALYZE");
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { registrations: { type: "string", default: "200000" } } });
  generateData(Number(values.registrations)).then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
