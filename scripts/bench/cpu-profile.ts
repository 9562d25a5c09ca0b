// Reads a V8 CPU profile (`node --cpu-prof`, or node:inspector's Profiler) of one thread and lists
// its busy stretches: samples with no idle sample between them, longer than a threshold — an upper
// bound of its long tasks (callbacks run back to back without idling count as one stretch), each with its share of garbage collection and the functions that took
// most of it by self time. A profile counts the thread's own work; time the thread waited for a core
// on a loaded machine shows as a gap between samples, which is left out (a sample interval over
// MAX_GAP_MS ends the stretch), so these are the server's own blocking tasks, not the machine's.
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface LongTask {
  startMs: number;
  ms: number;
  gcMs: number;
  top: { name: string; ms: number }[];
}

/** A gap between two samples over this is time the thread did not run (no core) or the sampler stalled. */
const MAX_GAP_MS = 20;

export function longTasks(file: string, thresholdMs = 50): { tasks: LongTask[]; busyMs: number; gcMs: number; spanMs: number } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n: Node) => {
    const f = n.callFrame;
    const where = f.url ? ` ${f.url.replace(/^.*\/(\.next[^/]*|node_modules|lib|app)\//, "$1/")}:${f.lineNumber + 1}` : "";
    return `${f.functionName || "(anonymous)"}${where}`;
  };
  const tasks: LongTask[] = [];
  let busyMs = 0;
  let gcMs = 0;
  let run: { start: number; end: number; gc: number; self: Map<string, number> } | null = null;
  const close = () => {
    if (run && run.end - run.start >= thresholdMs) {
      tasks.push({
        startMs: (run.start - profile.startTime) / 1000,
        ms: (run.end - run.start) / 1000,
        gcMs: run.gc / 1000,
        top: [...run.self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([name, us]) => ({ name, ms: us / 1000 })),
      });
    }
    run = null;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const node = byId.get(profile.samples[i])!;
    const name = node.callFrame.functionName;
    if (name === "(idle)") {
      close();
      continue;
    }
    if (delta / 1000 > MAX_GAP_MS) close();
    const us = Math.min(delta, MAX_GAP_MS * 1000);
    busyMs += us / 1000;
    if (name === "(garbage collector)") gcMs += us / 1000;
    if (!run) run = { start: t - us, end: t, gc: 0, self: new Map() };
    run.end = t;
    if (name === "(garbage collector)") run.gc += us;
    const key = label(node);
    run.self.set(key, (run.self.get(key) ?? 0) + us);
  }
  close();
  return { tasks, busyMs, gcMs, spanMs: (profile.endTime - profile.startTime) / 1000 };
}

if (process.argv[1]?.endsWith("cpu-profile.ts")) {
  for (const file of process.argv.slice(2)) {
    const r = longTasks(file, Number(process.env.THRESHOLD_MS ?? 50));
    console.log(
      `${file}: span ${(r.spanMs / 1000).toFixed(1)} s, busy ${r.busyMs.toFixed(0)} ms (GC ${r.gcMs.toFixed(0)} ms), ${r.tasks.length} tasks ≥ threshold`,
    );
    for (const task of r.tasks) {
      console.log(`  at ${(task.startMs / 1000).toFixed(2)} s: ${task.ms.toFixed(0)} ms (GC ${task.gcMs.toFixed(0)} ms)`);
      for (const f of task.top) console.log(`      ${f.ms.toFixed(1).padStart(7)} ms  ${f.name}`);
    }
  }
}
