import { describe, expect, it } from "vitest";
import { directive, FILES, importBase, resolveImport, sourceText, specifiers } from "../helpers/source-graph";

// Every server module says so: a file under lib/ that reaches the database (lib/db.ts, lib/database/,
// the Prisma client, pg, PGlite) or Better Auth's server starts with `import "server-only";`, so a
// client component that imported it by mistake fails the build instead of shipping it.
//
// Not marked (they would break where they run):
// - files a "use client" module pulls into the browser through value imports (only types reach the
//   database there; import-graph.test.ts checks that);
// - files the import worker thread loads (lib/exchange/import-worker.ts): Next bundles the thread
//   apart from the server components, outside the react-server layer;
// - .mjs files, which plain Node runs (lib/server/, the PGlite worker).
// Vitest aliases server-only to its empty module (vitest.config.ts); the CLI, the benchmarks and
// scripts register lib/outside-next.mjs, which resolves it the same way under plain Node.

/** What makes a module a server module: the database, the Prisma client, pg, PGlite, Better Auth's server. */
const SERVER_PACKAGE = /^(@prisma\/|pg$|@electric-sql\/pglite|pglite-prisma-adapter|better-auth(\/(?!react|client)|$))/;
function reachesServer(file: string): boolean {
  return specifiers(file).some(({ spec }) => {
    if (SERVER_PACKAGE.test(spec)) return true;
    // lib/generated is not a source file of ours, so match the path rather than resolve it.
    return /^lib\/(db(\.ts)?$|database\/|generated\/)/.test(importBase(file, spec));
  });
}

/** Everything the entry files load through value imports (for the browser, a "use server" module is a reference, not code). */
function valueClosure(entries: string[], stopAtServerActions: boolean): Set<string> {
  const seen = new Set(entries);
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    for (const { spec, typeOnly } of specifiers(file)) {
      if (typeOnly) continue;
      const next = resolveImport(file, spec);
      if (!next || seen.has(next)) continue;
      if (stopAtServerActions && directive(next) === "use server") continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

const MARK = /^import\s+["']server-only["'];?\s*$/m;

const browser = valueClosure(
  FILES.filter((f) => directive(f) === "use client"),
  true,
);
const worker = valueClosure(["lib/exchange/import-worker.ts"], false);
const exempt = (file: string) => browser.has(file) || worker.has(file) || file.endsWith(".mjs");
const SERVER_MODULES = FILES.filter(
  (f) => f.startsWith("lib/") && (f === "lib/db.ts" || f.startsWith("lib/database/") || reachesServer(f)),
);

describe("server-only", () => {
  it("finds the server modules (a sanity check: the rule is not vacuous)", () => {
    expect(SERVER_MODULES.length).toBeGreaterThan(50);
    expect(worker.has("lib/database/bulk.ts")).toBe(true);
    expect(browser.size).toBeGreaterThan(20);
  });

  it("marks every server module that neither the browser nor the import worker loads", () => {
    expect(SERVER_MODULES.filter((f) => !exempt(f) && !MARK.test(sourceText(f)))).toEqual([]);
  });

  it("never marks a module the browser or the import worker loads", () => {
    expect(FILES.filter((f) => exempt(f) && MARK.test(sourceText(f)))).toEqual([]);
  });
});
