import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "spor-demo-2026";

export const USERS = {
  national: "national@spor.test",
  coordinatorKoege: "koordinator@koege.test",
  leadKoege: "leder@koege.test",
  registrantKoege: "medarbejder@koege.test",
  coordinatorKbh: "koordinator@kbh.test",
  registrantKbh: "medarbejder@kbh.test",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Log ud" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Runs axe for WCAG 2.0/2.1 A and AA on the current page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
