import fs from "node:fs";
import path from "node:path";

// The project's own source as a graph of imports, read from the files (no bundler): the common
// ground of tests/unit/import-graph.test.ts (layers, cycles) and tests/unit/server-only.test.ts.

export const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".mjs", ".js"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return rel === "lib/generated" ? [] : sourceFiles(rel);
    return EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith(".d.mts") ? [rel] : [];
  });
}

/** Every source file of app/, components/ and lib/ (the generated Prisma client left out), relative to the root. */
export const FILES = ["app", "components", "lib"].flatMap(sourceFiles);
const KNOWN = new Set(FILES);

const texts = new Map<string, string>();
/** A source file's text (read once). */
export function sourceText(file: string): string {
  let text = texts.get(file);
  if (text === undefined) texts.set(file, (text = fs.readFileSync(path.join(ROOT, file), "utf8")));
  return text;
}

const STATEMENT =
  /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;

/** What a file imports, as written; `typeOnly` for `import type` / `export type` (erased from what runs). */
export function specifiers(file: string): { spec: string; typeOnly: boolean }[] {
  return [...sourceText(file).matchAll(STATEMENT)].map((m) => ({
    spec: m[1] ?? m[2] ?? m[3],
    typeOnly: /^\s*(import|export)\s+type\s/.test(m[0].replace(/^[\s;]+/, "")),
  }));
}

/** The path an import names, before resolving it to a file ("" for a package). */
export function importBase(file: string, spec: string): string {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return "";
}

/** The project file an import resolves to, or null (a package, or a file outside FILES). */
export function resolveImport(file: string, spec: string): string | null {
  const base = importBase(file, spec);
  if (!base) return null;
  const stem = base.replace(/\.(ts|tsx|mts|mjs|js)$/, "");
  return [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => `${stem}/index${e}`)].find((c) => KNOWN.has(c)) ?? null;
}

/** The module's directive: its first statement, after any comments. */
export const directive = (file: string) =>
  /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*["'](use client|use server)["']/.exec(sourceText(file))?.[1];
