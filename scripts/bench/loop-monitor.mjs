// Preloaded into the benchmarked server (NODE_OPTIONS=--import …, scripts/bench/upload.ts) when
// SPOR_BENCH_LOOP_DIR is set: perf_hooks' event-loop delay histogram of each process's main thread.
// On SIGUSR2 the process writes what it recorded since the last SIGUSR2 to <dir>/<pid>.json and
// starts again. <dir>/<pid>.ready tells the benchmark which processes listen (a process without
// the listener would be ended by the signal).
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const dir = process.env.SPOR_BENCH_LOOP_DIR;
if (dir && isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns) => Number(ns) / 1e6;
  process.on("SIGUSR2", () => {
    const report = {
      count: histogram.count,
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      p50Ms: ms(histogram.percentile(50)),
      meanMs: ms(histogram.mean),
    };
    histogram.reset();
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(report));
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${process.pid}.ready`), process.argv.join(" "));
  process.on("exit", () => fs.rmSync(path.join(dir, `${process.pid}.ready`), { force: true }));
}
