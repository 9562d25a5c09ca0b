import type { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface SporMetrics {
  registry: Registry;
  pools: Set<unknown>;
  requests: Counter<"route" | "method" | "status">;
  requestSeconds: Histogram<"route" | "method">;
  registrations: Counter<"source">;
  outboxRetries: Counter;
  signIns: Counter<"outcome">;
  rollupFlushSeconds: Histogram;
  importSeconds: Histogram<"kind" | "outcome">;
  exportSeconds: Histogram<"format" | "outcome">;
  poolConnections: Gauge<"state">;
  poolMax: Gauge;
}

export declare function metrics(): SporMetrics;
export declare function trackPool(pool: {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}): () => void;
export declare function timed<T>(histogram: Histogram<string>, labels: Record<string, string>, fn: () => Promise<T>, withOutcome?: boolean): Promise<T>;
