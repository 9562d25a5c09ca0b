import fs from "node:fs";
import path from "node:path";

// The id of the running build (Next writes it to <distDir>/BUILD_ID). The service worker is registered
// as /sw.js?v=<build id>, so a new build installs a new worker that drops the old build's caches.
let cached: string | null = null;

export function buildId(): string {
  if (cached) return cached;
  try {
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), process.env.SPOR_DIST_DIR ?? ".next", "BUILD_ID");
    cached = fs.readFileSync(file, "utf8").trim() || "dev";
  } catch {
    cached = "dev";
  }
  return cached;
}
