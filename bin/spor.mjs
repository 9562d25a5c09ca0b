#!/usr/bin/env node
// `npx spor …`: the operators' command line. It runs the TypeScript sources through tsx, from the
// project root, so it uses exactly the app's code and the app's database selection.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) {
  const generated = spawnSync(process.execPath, [path.join(root, "scripts/prisma-generate.mjs")], { stdio: "inherit" });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
