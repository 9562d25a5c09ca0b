#!/usr/bin/env node
// `npx spor …`: the operators' command line. It runs the TypeScript sources through tsx, from the
// project root, so it uses exactly the app's code and the app's database selection.
import { existsSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

if (process.argv[2] === "serve") {
  // The web server (`npm start`): Next.js's production server on PORT (default 3000). The database is
  // opened, migrated and seeded by instrumentation.ts when the server starts. The heap is capped
  // (SPOR_MAX_HEAP_MB, default 384) so V8 collects garbage early instead of letting the process grow
  // by hundreds of MB while streaming a large export; the live data stays far below the cap
  // (docs/benchmarks.md, "Data exchange").
  const port = process.env.PORT || "3000";
  const heap = process.env.SPOR_MAX_HEAP_MB || "384";
  const next = path.join(root, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [`--max-old-space-size=${heap}`, next, "start", "-p", port], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await runCli();
}

async function runCli() {
  if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) {
    const generated = spawnSync(process.execPath, [path.join(root, "scripts/prisma-generate.mjs")], { stdio: "inherit" });
    if (generated.status !== 0) process.exit(generated.status ?? 1);
  }
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  const { main } = await import("../lib/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
