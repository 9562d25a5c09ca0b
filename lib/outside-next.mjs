// `import "server-only"` marks the modules that must never reach the browser (tests/unit/server-only.test.ts).
// Next.js resolves it to an empty module in server code; plain Node resolves the package's default
// export, which throws. Code that runs Spor's TypeScript outside Next (the CLI in bin/spor.mjs, the
// benchmarks and scripts through tsx) registers this file first: it resolves "server-only" with the
// react-server condition, to the same empty module. Vitest aliases it in vitest.config.ts.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
