#!/usr/bin/env node
// `npx spor …`: the operators' command line. It runs the TypeScript sources through tsx, from the
// project root, so it uses exactly the app's code and the app's database selection.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

// `serve` takes no arguments: with any (--help, or a mistake) it goes to the command line below,
// which prints its usage or a Danish error.
if (process.argv[2] === "serve" && process.argv.length === 3) {
  // The web server (`npm start`): Spor's own small server around Next.js's request handler
  // (lib/server/http-server.mjs) on PORT (default 3000), kept running by a supervisor that restarts it
  // with a growing pause when it dies and passes SIGINT/SIGTERM on for a clean stop
  // (lib/server/supervisor.mjs). The database is opened, migrated and seeded by instrumentation.ts
  // when the server starts. The heap is capped (SPOR_MAX_HEAP_MB, default 384) so V8 collects garbage
  // early instead of letting the process grow by hundreds of MB while streaming a large export; the
  // live data stays far below the cap (docs/benchmarks.md, "Data exchange").
  const heap = process.env.SPOR_MAX_HEAP_MB || "384";
  const { supervise } = await import("../lib/server/supervisor.mjs");
  const { log } = await import("../lib/server/log.mjs");
  // The server drains for up to SPOR_DRAIN_SECONDS after SIGTERM (lib/server/http-server.mjs); the
  // supervisor gives it 5 s more before SIGKILL.
  const drain = Number(process.env.SPOR_DRAIN_SECONDS || 10);
  const supervisor = supervise({
    log: (line) => log.warn(line.replace(/^\[spor\] /gm, "")),
    stopGraceMs: (Number.isFinite(drain) && drain > 0 ? drain + 5 : 15) * 1000,
    command: process.execPath,
    args: [`--max-old-space-size=${heap}`, path.join(root, "lib/server/http-server.mjs")],
    env: { ...process.env, NODE_ENV: "production" },
    cwd: root,
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void supervisor.stop(signal));
  process.exit(await supervisor.done);
} else {
  // Every other command, and `serve` with arguments (its usage lives in lib/cli/commands.ts).
  await runCli();
}

async function runCli() {
  if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) {
    const generated = spawnSync(process.execPath, [path.join(root, "scripts/prisma-generate.mjs")], { stdio: "inherit" });
    if (generated.status !== 0) process.exit(generated.status ?? 1);
  }
  // Before any of Spor's modules: `import "server-only"` resolves to an empty module here, as in Next.
  await import("../lib/outside-next.mjs");
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  const { main } = await import("../lib/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
