import "server-only";
import fs from "node:fs";
import path from "node:path";
import { isServerProduction } from "./base-url";

// What several instances behind one load balancer must share (docs/deployment.md, "Several instances").
// A page rendered by one instance posts its server actions to whichever instance the balancer picks:
//  - NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Next derives the actions' ids from it and encrypts their bound
//    arguments with it. Without it every build gets a random key, and another node's build answers
//    "Failed to find Server Action". Set at build time (it is baked into the build) and at run time.
//  - NEXT_DEPLOYMENT_ID: names the build. Browsers holding pages of an older build reload instead of
//    calling actions or loading chunks that no longer exist (Next's version-skew protection).
// Required on a server installation in production (PostgreSQL and NODE_ENV=production); the embedded
// database is one process by construction and needs neither. A small function of its own so the
// general configuration check can take it in as it is.

type Env = Record<string, string | undefined>;

const KEY = "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY";
const DEPLOYMENT = "NEXT_DEPLOYMENT_ID";

/** What the build on disk was made with (read from Next's manifests), or null where unknown. */
export interface BuildFacts {
  deploymentId: string | null;
}

/** Problems with the shared settings, each a Danish sentence then its English translation. Empty: fine. */
export function instanceSettingsProblems(env: Env, build: BuildFacts | null): string[] {
  if (!isServerProduction(env)) return [];
  const problems: string[] = [];
  const key = env[KEY]?.trim();
  if (!key) {
    problems.push(
      `${KEY} mangler: alle instanser skal bygges og køre med den samme nøgle (lav den med \`openssl rand -base64 32\`). ` +
        `/ ${KEY} is required in production: build and run every instance with the same key (openssl rand -base64 32).`,
    );
  } else if (![16, 24, 32].includes(base64Length(key))) {
    problems.push(
      `${KEY} skal være 16, 24 eller 32 byte i base64 (fx fra \`openssl rand -base64 32\`). ` +
        `/ ${KEY} must be 16, 24 or 32 bytes, base64-encoded (e.g. from openssl rand -base64 32).`,
    );
  }
  const deployment = env[DEPLOYMENT]?.trim();
  if (!deployment) {
    problems.push(
      `${DEPLOYMENT} mangler: giv hver udgave et navn (fx versionsnummeret), det samme på alle instanser, ved build og start. ` +
        `/ ${DEPLOYMENT} is required in production: name each release (e.g. its version), the same on every instance, at build and at start.`,
    );
  } else if (!/^[A-Za-z0-9_-]+$/.test(deployment)) {
    problems.push(
      `${DEPLOYMENT} må kun indeholde bogstaver a–z, tal, - og _. / ${DEPLOYMENT} may contain only letters a–z, digits, - and _.`,
    );
  } else if (build && build.deploymentId !== deployment) {
    problems.push(
      `Buildet er lavet med ${DEPLOYMENT}=${build.deploymentId ?? "(ingen)"}, men serveren starter med ${deployment}: byg igen med \`npm run build\`. ` +
        `/ The build was made with ${DEPLOYMENT}=${build.deploymentId ?? "(none)"} but the server starts with ${deployment}: run npm run build again.`,
    );
  }
  return problems;
}

function base64Length(value: string): number {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return -1;
  return Buffer.from(value, "base64").length;
}

/** The deployment id the build in <distDir> was made with (Next writes it to routes-manifest.json). */
export function readBuildFacts(env: Env = process.env): BuildFacts | null {
  try {
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), env.SPOR_DIST_DIR ?? ".next", "routes-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { deploymentId?: string };
    return { deploymentId: manifest.deploymentId || null };
  } catch {
    return null;
  }
}
