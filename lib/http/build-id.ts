import fs from "node:fs";
import path from "node:path";

// The id of the running build (Next writes it to <distDir>/BUILD_ID). The service worker is registered
// as /sw.js?v=<build id>, so a new build installs a new worker that drops the old build's caches.
// With a deployment id (NEXT_DEPLOYMENT_ID, docs/deployment.md) Next writes the same constant BUILD_ID
// for every build, so the id is then BUILD_ID plus the deployment id from routes-manifest.json.
let cached: string | null = null;

export function buildId(): string {
  if (cached) return cached;
  try {
    const dir = path.join(/* turbopackIgnore: true */ process.cwd(), process.env.SPOR_DIST_DIR ?? ".next");
    cached = fs.readFileSync(path.join(dir, "BUILD_ID"), "utf8").trim() || "dev";
    const manifest = path.join(dir, "routes-manifest.json");
    const { deploymentId } = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, "utf8")) as { deploymentId?: string }) : {};
    if (deploymentId) cached = `${cached}-${deploymentId}`;
  } catch {
    cached = "dev";
  }
  return cached;
}
