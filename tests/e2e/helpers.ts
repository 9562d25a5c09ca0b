import AxeBuilder from "@axe-core/playwright";
import { type Cookie, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "spor-demo-2026";

export const USERS = {
  national: "national@spor.test",
  coordinatorKoege: "koordinator@koege.test",
  leadKoege: "leder@koege.test",
  registrantKoege: "medarbejder@koege.test",
  coordinatorKbh: "koordinator@kbh.test",
  registrantKbh: "medarbejder@kbh.test",
} as const;

/** Signs in through the login form and lands on the start page (auth.spec.ts tests the form itself). */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
}

// Session cookies per e-mail and password, kept for this worker process: every test signed in
// through the form (login page, password hash, redirect) cost seconds per test on a busy machine.
// A later signIn puts the cookie into the test's fresh browser context and opens the page the test
// starts on (by default the start page, which is where the form lands too). If the session has ended
// meanwhile (a test signed out, a user was deactivated), that page sends the browser to the login
// page and we sign in again.
const sessions = new Map<string, Cookie[]>();
const sessionKey = (email: string, password: string) => `${email}\n${password}`;

/**
 * Signs in and opens `path`, a page of the signed-in app. A test that starts elsewhere than the start
 * page names it here instead of a page.goto after signIn: a kept session then opens it directly,
 * without loading the start page first (which sends each user on to their first section).
 */
export async function signIn(page: Page, email: string, path = "/", password = DEMO_PASSWORD) {
  const key = sessionKey(email, password);
  const cookies = sessions.get(key);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(path);
    if (!new URL(page.url()).pathname.startsWith("/login")) {
      await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
      return;
    }
    sessions.delete(key);
    await page.context().clearCookies();
  }
  await signInWithForm(page, email, password);
  const session = (await page.context().cookies()).filter((c) => c.name.includes("session_token"));
  if (session.length > 0) sessions.set(key, session);
  if (path !== "/") await page.goto(path);
}

export async function signOut(page: Page) {
  const ended = new Set((await page.context().cookies()).map((c) => c.value));
  await page.getByRole("button", { name: "Log ud" }).click();
  await expect(page).toHaveURL(/\/login/);
  // That session is gone on the server: the next signIn for its user uses the form again.
  for (const [key, cookies] of sessions) if (cookies.some((c) => ended.has(c.value))) sessions.delete(key);
}

/** Runs axe for WCAG 2.0/2.1 A and AA on the current page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page) {
  // Scan a settled page: right after a form's router.refresh() the document can be mid-render for a
  // moment, without its <title> (seen once as axe's "document-title" on a busy machine). Every Spor
  // page has a title, so waiting for one costs nothing on a settled page.
  await page.waitForLoadState("load");
  await expect(page).toHaveTitle(/\S/);
  // Legacy mode runs axe.run in the page itself (and in any same-origin frame; Spor has none). The
  // default mode opens a new blank page (a new renderer process) per scan, injects axe there a second
  // time and copies every checked node over to it: 4.3 s against 2.0 s per scan of a report page at
  // load ~7 (docs/benchmarks.md, "Test suite"). Same rules, same violations, every node of each.
  // resultTypes: passed and inapplicable rules list one node instead of all (nothing here reads them).
  // options() replaces the run options, so it comes before withTags(), which adds to them.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
