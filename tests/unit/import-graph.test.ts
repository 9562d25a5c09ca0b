import { describe, expect, it } from "vitest";
import { directive, FILES, resolveImport, specifiers } from "../helpers/source-graph";

// The house rules of docs/architecture.md ("Layers"), checked on the import graph of the source:
// arrows point down (app → components → lib/<domain> → lib/database), no import cycles, and the
// database is reached from app/ only by the files listed below (a list that may only shrink).

/**
 * The project files a file imports. Type-only imports are included (they tie modules together too)
 * unless `valuesOnly`: those are erased from what runs, e.g. in the browser.
 */
function importsOf(file: string, valuesOnly = false): string[] {
  const found = new Set<string>();
  for (const { spec, typeOnly } of specifiers(file)) {
    if (valuesOnly && typeOnly) continue;
    const target = resolveImport(file, spec);
    if (target) found.add(target);
  }
  return [...found];
}

const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));
const RUNTIME_GRAPH = new Map(FILES.map((f) => [f, importsOf(f, true)]));
const isClient = (file: string) => directive(file) === "use client";
/** A "use server" module reaches the browser only as references to its actions, never its code. */
const isServerActions = (file: string) => directive(file) === "use server";
const layer = (file: string) => file.split("/")[0];

/**
 * app/ files that may reach the database themselves: none. Pages take their data from a domain's
 * queries.ts (or another read that takes the caller's access); route handlers get the database from
 * the route wrapper's context (`db`, `database`) and hand it to the domain. ESLint bans the imports
 * too (eslint.config.mjs); this list may only stay empty.
 */
const APP_DATABASE_ALLOWED = new Set<string>([]);

describe("the import graph", () => {
  it("reads the source (a sanity check: the rules below are not vacuous)", () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(GRAPH.get("lib/actions/action.ts")?.length).toBeGreaterThan(2);
  });

  it("points down: lib imports neither components nor app, components never app", () => {
    const upward = [...GRAPH].flatMap(([file, targets]) =>
      targets
        .filter(
          (t) =>
            (layer(file) === "lib" && ["components", "app"].includes(layer(t))) || (layer(file) === "components" && layer(t) === "app"),
        )
        .map((t) => `${file} → ${t}`),
    );
    expect(upward).toEqual([]);
  });

  it("has no cycles", () => {
    // Tarjan's strongly connected components; any component of two or more files is a cycle.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      indices.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of GRAPH.get(v) ?? []) {
        if (!indices.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
      if (low.get(v) === indices.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of FILES) if (!indices.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("never ships the database, auth or server code to the browser", () => {
    const server = (f: string) => f === "lib/db.ts" || /^lib\/(database|generated|auth\/auth|server)\b/.test(f);
    const clients = FILES.filter(isClient);
    expect(clients.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const client of clients) {
      // Everything the client file pulls into the bundle, through value imports.
      const seen = new Set([client]);
      const queue = [client];
      while (queue.length) {
        for (const next of RUNTIME_GRAPH.get(queue.pop()!) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          if (isServerActions(next)) continue;
          queue.push(next);
          if (server(next)) leaks.push(`${client} → ${next}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("keeps the database out of app/, but for the files still listed", () => {
    const reaching = FILES.filter(
      (f) => layer(f) === "app" && GRAPH.get(f)!.some((t) => t === "lib/db.ts" || t.startsWith("lib/database/")),
    );
    expect(reaching.filter((f) => !APP_DATABASE_ALLOWED.has(f))).toEqual([]);
    // A file that no longer reaches the database leaves the list.
    expect([...APP_DATABASE_ALLOWED].filter((f) => !reaching.includes(f))).toEqual([]);
  });
});
