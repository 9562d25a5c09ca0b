// Requests per token in a sliding window, counted in this process's memory. Several app processes
// behind a load balancer each count on their own (the limit then multiplies by their number); the
// limit protects the database from a runaway client, it is not a quota.

export const API_RATE_LIMIT = { requests: 60, windowMs: 60_000 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request for `key` unless the window is full; then says when the next one may come. */
  take(key: string, now: number = Date.now()): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  /** Forgets every key (tests). */
  reset(): void {
    this.hits.clear();
  }
}

/** The ingestion API's limiter: one per process, shared by every request to the route. */
export const apiRateLimiter = new SlidingWindowLimiter(API_RATE_LIMIT.requests, API_RATE_LIMIT.windowMs);
