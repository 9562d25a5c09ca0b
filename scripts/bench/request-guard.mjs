// The per-request cost of what Spor's server does before Next (lib/server/request-guard.mjs), alone.
// `node scripts/bench/request-guard.mjs`; quoted in docs/benchmarks.md.
import { createRequestGuard } from "../../lib/server/request-guard.mjs";
for (const hops of [0, 1]) {
  const guard = createRequestGuard({ trustedProxies: hops });
  const res = {};
  const N = 2_000_000;
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      const req = {
        headers: { host: "x", "content-length": "512", "x-forwarded-for": "203.0.113.9, 192.0.2.44", "x-spor-client-ip": "1.2.3.4" },
        socket: { remoteAddress: "::ffff:127.0.0.1" },
      };
      guard(req, res);
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t) / N);
  }
  console.log(`hops=${hops}: ${best.toFixed(0)} ns per request (best of 5 × ${N})`);
}
