// Preloaded into the benchmarked server (NODE_OPTIONS=--import …, scripts/bench/upload.ts) when
// SPOR_BENCH_LOOP_DIR is set: perf_hooks' event-loop delay histogram of each process's main thread.
// On SIGUSR2 the process writes what it recorded since the last SIGUSR2 to <dir>/<pid>.json and
// starts again. <dir>/<pid>.ready tells the benchmark which processes listen (a process without
// the listener would be ended by the signal).
// With SPOR_BENCH_CPU_PROFILE=1 the main thread is also CPU-profiled (node:inspector; Node refuses
// --cpu-prof in NODE_OPTIONS): each SIGUSR2 writes the period's profile to <dir>/<pid>.<n>.cpuprofile.
import fs from "node:fs";
import { Session } from "node:inspector";
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
    // (reset after the profile is written, so that writing it does not count in the next period)
    const done = () => {
      histogram.reset();
      fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(report));
    };
    if (!profiler) return done();
    const n = ++profiles;
    profiler.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.${n}.cpuprofile`), JSON.stringify(result.profile));
      profiler.post("Profiler.start", done);
    });
  });
  let profiles = 0;
  let profiler = null;
  if (process.env.SPOR_BENCH_CPU_PROFILE === "1") {
    profiler = new Session();
    profiler.connect();
    profiler.post("Profiler.enable", () =>
      profiler.post("Profiler.setSamplingInterval", { interval: 1000 }, () => profiler.post("Profiler.start")),
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${process.pid}.ready`), process.argv.join(" "));
  process.on("exit", () => fs.rmSync(path.join(dir, `${process.pid}.ready`), { force: true }));
}
