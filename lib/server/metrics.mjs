// Spor's Prometheus metrics (prom-client), served by GET /api/metrics (docs/deployment.md, "Metrics").
// One registry per process, kept on globalThis: Next's bundle and plain Node may each load this module,
// and both must count into the same metrics. Spor runs one server process per instance (bin/spor.mjs
// serve), so the process's registry is the instance's: no cluster aggregation needed.
import client from "prom-client";

const KEY = Symbol.for("spor.metrics");

/** Seconds buckets for requests (most answer in milliseconds; exports and imports take longer). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "spor_" });
  /** The connection pools this process opened (lib/database/open.ts), for the pool gauges. */
  const pools = new Set();
  const sum = (read) => [...pools].reduce((total, pool) => total + read(pool), 0);
  return {
    registry,
    pools,
    requests: new client.Counter({
      name: "spor_http_requests_total",
      help: "Requests answered by route handlers and server actions, by route, method and status.",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    requestSeconds: new client.Histogram({
      name: "spor_http_request_duration_seconds",
      help: "Time from the route handler or server action starting to its answer, by route and method.",
      labelNames: ["route", "method"],
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    registrations: new client.Counter({
      name: "spor_registrations_stored_total",
      help: "Registrations stored (new rows, not repeats of an id already stored), by source.",
      labelNames: ["source"],
      registers: [registry],
    }),
    outboxRetries: new client.Counter({
      name: "spor_outbox_retries_total",
      help: "Registrations the registration screen's outbox sent again after an earlier attempt failed.",
      registers: [registry],
    }),
    signIns: new client.Counter({
      name: "spor_sign_ins_total",
      help: "Password sign-in attempts by outcome.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    rollupFlushSeconds: new client.Histogram({
      name: "spor_rollup_flush_duration_seconds",
      help: "Time to flush pending registrations into the report rollups.",
      buckets: JOB_BUCKETS,
      registers: [registry],
    }),
    importSeconds: new client.Histogram({
      name: "spor_import_duration_seconds",
      help: "Time to read, check and store an uploaded file, by kind and outcome.",
      labelNames: ["kind", "outcome"],
      buckets: JOB_BUCKETS,
      registers: [registry],
    }),
    exportSeconds: new client.Histogram({
      name: "spor_export_duration_seconds",
      help: "Time to stream an export to the client, by format and outcome.",
      labelNames: ["format", "outcome"],
      buckets: JOB_BUCKETS,
      registers: [registry],
    }),
    poolConnections: new client.Gauge({
      name: "spor_db_pool_connections",
      help: "Database pool connections by state (total, idle, waiting clients). 0 on the embedded database.",
      labelNames: ["state"],
      registers: [registry],
      collect() {
        this.set(
          { state: "total" },
          sum((pool) => pool.totalCount),
        );
        this.set(
          { state: "idle" },
          sum((pool) => pool.idleCount),
        );
        this.set(
          { state: "waiting" },
          sum((pool) => pool.waitingCount),
        );
      },
    }),
    poolMax: new client.Gauge({
      name: "spor_db_pool_max_connections",
      help: "The most connections this process's database pools may open.",
      registers: [registry],
      collect() {
        this.set(sum((pool) => pool.options?.max ?? 0));
      },
    }),
  };
}

/** The process's metrics (created on first use). */
export function metrics() {
  return (globalThis[KEY] ??= create());
}

/**
 * Counts a pool's connections in spor_db_pool_connections; the returned function stops that (on close).
 * @param {{ totalCount: number, idleCount: number, waitingCount: number, options?: { max?: number } }} pool
 * @returns {() => void}
 */
export function trackPool(pool) {
  const { pools } = metrics();
  pools.add(pool);
  return () => void pools.delete(pool);
}

/**
 * Runs `fn` and observes its duration in `histogram` with the labels, plus outcome "ok" or "error"
 * when `withOutcome` is set.
 * @template T
 * @param {import("prom-client").Histogram<string>} histogram
 * @param {Record<string, string>} labels
 * @param {() => Promise<T>} fn
 * @param {boolean} [withOutcome]
 * @returns {Promise<T>}
 */
export async function timed(histogram, labels, fn, withOutcome = false) {
  const end = histogram.startTimer(labels);
  try {
    const result = await fn();
    end(withOutcome ? { outcome: "ok" } : {});
    return result;
  } catch (error) {
    end(withOutcome ? { outcome: "error" } : {});
    throw error;
  }
}
