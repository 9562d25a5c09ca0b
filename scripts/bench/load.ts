// A small closed-loop load generator: N clients, each sending its next request as soon as the last
// one answered, for a fixed time. Exact percentiles from every latency sample.

export interface LoadResult {
  clients: number;
  seconds: number;
  ok: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  firstError?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(
  clients: number,
  seconds: number,
  makeRequest: () => { url: string; init: RequestInit },
  isOk: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<LoadResult> {
  return runFlowLoad(clients, seconds, async () => {
    const { url, init } = makeRequest();
    const response = await fetch(url, init);
    const body = await response.text();
    return isOk(response.status) ? null : `${response.status} ${body.slice(0, 200)}`;
  });
}

/**
 * The closed loop for a flow of one or more requests (runLoad: one; a single sign-on: Spor, the
 * provider, back to Spor): each client runs `flow` again as soon as the last one settled. A flow that
 * returns an error text counts as an error with its latency; one that throws (no answer) counts as an
 * error without one. Latency is the whole flow's.
 */
export async function runFlowLoad(clients: number, seconds: number, flow: () => Promise<string | null>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  async function client() {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const problem = await flow();
        latencies.push(performance.now() - t0);
        if (problem) {
          errors++;
          firstError ??= problem;
        }
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    seconds: elapsed,
    ok: latencies.length - errors,
    errors,
    perSecond: (latencies.length - errors) / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    firstError,
  };
}
