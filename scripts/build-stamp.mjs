// Build once, run many: `npm run build` records what it built from (a hash of the sources, the lock
// file and the build-time settings) in <distDir>/spor-build-stamp; `npm start` rebuilds only when that
// record is missing or differs, so a restart serves at once and several instances can serve one build.
//
//   node scripts/build-stamp.mjs write   after a successful build
//   node scripts/build-stamp.mjs check   exit 0 when the build is current, 1 (with the reason) when not
//
// Hashing the sources (a few hundred small files) takes tens of milliseconds; no git needed, so it
// also works in an unpacked tarball.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** What a build is made from: these folders (all files) and these files at the root. */
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "prisma.config.ts",
];
/** Generated from the sources above (prisma generate): not hashed twice. */
const SKIP = new Set(["lib/generated"]);
/**
 * Settings Next bakes into the build. The server-action key is recorded as a hash only: the stamp
 * file must not hold the secret.
 */
const BUILD_ENV = ["NEXT_DEPLOYMENT_ID", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"];

function listFiles(dir, out) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (SKIP.has(rel)) continue;
    if (entry.isDirectory()) listFiles(rel, out);
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** The hash of everything a build depends on. */
export function sourceHash(env = process.env) {
  const hash = crypto.createHash("sha256");
  const files = SOURCE_DIRS.filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => listFiles(d, []));
  files.push(...SOURCE_FILES.filter((f) => fs.existsSync(path.join(root, f))));
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  for (const name of BUILD_ENV) hash.update(`${name}=${env[name] ?? ""}\0`);
  return hash.digest("hex");
}

function stampFile(env = process.env) {
  return path.join(root, env.SPOR_DIST_DIR ?? ".next", "spor-build-stamp");
}

/** Why the build must be made (null: it is current). */
export function staleReason(env = process.env) {
  const file = stampFile(env);
  if (!fs.existsSync(path.join(path.dirname(file), "BUILD_ID"))) return "der er ingen build endnu";
  if (!fs.existsSync(file)) return "buildet er ikke lavet med `npm run build`";
  if (fs.readFileSync(file, "utf8").trim() !== sourceHash(env)) return "kildekoden, pakkerne eller build-indstillingerne er ændret";
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "write") {
    fs.writeFileSync(stampFile(), `${sourceHash()}\n`);
  } else if (command === "check") {
    const reason = staleReason();
    if (reason) {
      console.log(`[spor] Bygger Spor, fordi ${reason}.`);
      process.exit(1);
    }
    console.log("[spor] Buildet er opdateret; starter uden at bygge.");
  } else {
    console.error("Brug: node scripts/build-stamp.mjs write|check");
    process.exit(2);
  }
}
