import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { CHROMIUM, e2eBrowserPath } from "./tests/e2e/browser";
import { E2E_WORKERS, serverPort, workerServerPort } from "./tests/e2e/servers";

// End-to-end tests drive Debian's Chromium (its headless shell where installed, tests/e2e/browser.ts;
// never a downloaded browser) against the production build (`next build` first). Each worker has its
// own server on its own port with a fresh embedded database and demo data (tests/e2e/servers.ts);
// this config is loaded again in every worker, which so gets its own server's address as baseURL.
const DATA_DIR = process.env.E2E_DATA_DIR ?? `data/e2e-${process.pid}`;
const browser = e2eBrowserPath();
// Afrapportering's server PDF is printed by the full chromium, as docs/deployment.md has installations do.
const chromium = process.env.CHROMIUM_PATH ?? CHROMIUM;
for (const executable of new Set([browser, chromium])) {
  if (!fs.existsSync(executable)) {
    throw new Error(`Chromium findes ikke på ${executable}. Installér det med: apt-get install -y chromium chromium-headless-shell`);
  }
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
  // The tests of a file run in order in one worker; files are shared out between the workers.
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: 0,
  // Two workers share two cores: on a busy machine (load 20–27, 2026-12-06) the slowest test on the
  // default limit took 47 s with two workers, about 1.7 times its time with one; 120 s keeps every
  // test at least twice its time away from its limit.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${workerServerPort()}`,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    // Locally, a trace of every test, kept when it fails: actions, DOM snapshots, network and console,
    // without the screencast (whose frames cost about a tenth of the browser's CPU time). In CI no
    // trace at all: nobody can open one there (CI keeps what the run printed, and the list reporter
    // prints each failure's error and call log), and without them accessibility.spec took 0.88× the
    // machine's CPU time (docs/benchmarks.md, "Test suite").
    trace: process.env.CI ? "off" : { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      executablePath: browser,
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
  webServer: Array.from({ length: E2E_WORKERS }, (_, index) => {
    const port = serverPort(index);
    const baseUrl = `http://localhost:${port}`;
    const dataDir = `${DATA_DIR}-${index}`;
    return {
      // The same start as `npm start` after its build (bin/spor.mjs serve), so CI proves it serves.
      // exec: Playwright's SIGTERM at the end reaches the supervisor, which stops the server cleanly
      // (and the server's CPU time is counted with the run's, scripts/test-all.sh).
      command: `rm -rf ${dataDir} && exec node bin/spor.mjs serve`,
      url: `${baseUrl}/api/health`,
      // Two servers migrate and seed at the same time: more than one alone needs on a busy machine.
      timeout: 240_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 },
      stdout: "pipe" as const,
      // SPOR_SECRETS_KEY: a fixed test key for the single sign-on settings (tests/e2e/sso.spec.ts).
      // SPOR_CHROMIUM_PATH: Afrapportering's server PDF, printed by Debian's chromium (tests/e2e/management-report.spec.ts).
      env: {
        SPOR_DATA_DIR: dataDir,
        PORT: String(port),
        SPOR_BASE_URL: baseUrl,
        SPOR_DEMO: "1",
        SPOR_LOG_LEVEL: "warn",
        SPOR_SECRETS_KEY: Buffer.alloc(32, 11).toString("base64"),
        SPOR_CHROMIUM_PATH: chromium,
        ...(deploymentId ? { NEXT_DEPLOYMENT_ID: deploymentId } : {}),
        // Login via KOMBIT (SAML): the test identity provider tests/e2e/saml.spec.ts starts on the
        // worker's server port + 100, with the fixed test keys in tests/fixtures/saml.
        SPOR_SAML_IDP_ENTITY_ID: "https://contexthandler.test.kombit.invalid/runtime/saml2/metadata.idp",
        SPOR_SAML_IDP_SSO_URL: `http://127.0.0.1:${port + 100}/sso`,
        SPOR_SAML_IDP_CERT: "tests/fixtures/saml/idp-cert.pem",
        SPOR_SAML_SP_KEY: "tests/fixtures/saml/sp-key.pem",
        SPOR_SAML_SP_CERT: "tests/fixtures/saml/sp-cert.pem",
      },
    };
  }),
});
