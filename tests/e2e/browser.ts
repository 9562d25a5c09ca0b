import fs from "node:fs";

// The browser the end-to-end tests drive (playwright.config.ts, and the persistent profile of
// tests/e2e/registration-offline-shell.spec.ts): Debian's chromium-headless-shell where it is
// installed, else Debian's chromium; CHROMIUM_PATH overrides both. The headless shell is the same
// Chromium build and Blink as /usr/bin/chromium (package chromium-headless-shell, same version) without
// the desktop browser around it: the same spec took 0.6× the browser's CPU time in it
// (docs/benchmarks.md, "Test suite"). Never a downloaded browser.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
export const CHROMIUM = "/usr/bin/chromium";

export function e2eBrowserPath(): string {
  return process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM);
}
