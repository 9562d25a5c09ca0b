import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the production
// build (`next build` first), served on its own port with a fresh embedded database and demo data.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = process.env.E2E_DATA_DIR ?? `data/e2e-${process.pid}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  throw new Error(`Chromium findes ikke på ${chromium}. Installér det med: apt-get install -y chromium`);
}

// The deployment id the build in .next was made with: the server must run with the same one, or
// the client takes every router.refresh() for a new release and reloads the whole page (which loses
// form state). CI exports it (scripts/test-all.sh); a local run after a build with it gets it here.
function builtDeploymentId(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(".next/routes-manifest.json", "utf8")) as { deploymentId?: string }).deploymentId || undefined;
  } catch {
    return undefined;
  }
}
const deploymentId = process.env.NEXT_DEPLOYMENT_ID ?? builtDeploymentId();

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The same start as `npm start` after its build (bin/spor.mjs serve), so CI proves it serves.
    command: `rm -rf ${DATA_DIR} && node bin/spor.mjs serve`,
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // SPOR_SECRETS_KEY: a fixed test key for the single sign-on settings (tests/e2e/sso.spec.ts).
    // SPOR_CHROMIUM_PATH: Afrapportering's server PDF, printed by the same Chromium (tests/e2e/management-report.spec.ts).
    env: {
      SPOR_DATA_DIR: DATA_DIR,
      PORT: String(PORT),
      SPOR_BASE_URL: BASE_URL,
      SPOR_DEMO: "1",
      SPOR_LOG_LEVEL: "warn",
      SPOR_SECRETS_KEY: Buffer.alloc(32, 11).toString("base64"),
      SPOR_CHROMIUM_PATH: chromium,
      ...(deploymentId ? { NEXT_DEPLOYMENT_ID: deploymentId } : {}),
      // Login via KOMBIT (SAML): the test identity provider tests/e2e/saml.spec.ts starts on PORT + 100,
      // with the fixed test keys in tests/fixtures/saml.
      SPOR_SAML_IDP_ENTITY_ID: "https://contexthandler.test.kombit.invalid/runtime/saml2/metadata.idp",
      SPOR_SAML_IDP_SSO_URL: `http://127.0.0.1:${PORT + 100}/sso`,
      SPOR_SAML_IDP_CERT: "tests/fixtures/saml/idp-cert.pem",
      SPOR_SAML_SP_KEY: "tests/fixtures/saml/sp-key.pem",
      SPOR_SAML_SP_CERT: "tests/fixtures/saml/sp-cert.pem",
    },
  },
});
