import { type Browser, expect, type Page } from "@playwright/test";

// Steps of the administration specs. All specs share one server and database, so every name and
// e-mail made here is unique (Date.now()) and checks look only at what the test made itself.

export const NEW_PASSWORD = "tælleuge er en god uge";

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Creates a unit from the overview page and lands on its own page; returns its id. */
export async function createUnit(page: Page, name: string, kind = "JOB_CENTRE"): Promise<string> {
  await page.goto("/administration");
  const form = page.getByRole("form", { name: "Ny enhed" });
  await form.getByLabel("Navn").fill(name);
  await form.getByLabel("Type").selectOption(kind);
  await form.getByRole("button", { name: "Opret enhed" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/administration/enheder/")[1].split("?")[0];
}

/** Ticks exactly these channels and saves. */
export async function setChannels(page: Page, codes: string[]) {
  const form = page.getByRole("form", { name: "Kanaler" });
  for (const box of await form.locator('input[name="channel"]').all()) {
    const code = await box.getAttribute("value");
    if (codes.includes(code!)) await box.check();
    else await box.uncheck();
  }
  await form.getByRole("button", { name: "Gem kanaler" }).click();
  await expect(form.getByText("Kanalerne er gemt.")).toBeVisible();
}

/** Invites a person from the users page and returns the activation link shown once. */
export async function invite(page: Page, input: { name: string; email: string; role?: string; units: string[] }): Promise<string> {
  await page.goto("/administration/brugere");
  const form = page.getByRole("form", { name: "Invitér en bruger" });
  await form.getByLabel("Navn").fill(input.name);
  await form.getByLabel("E-mail").fill(input.email);
  await form.getByLabel("Rolle").selectOption(input.role ?? "REGISTRANT");
  for (const unit of input.units) await form.getByRole("checkbox", { name: unit, exact: true }).check();
  await form.getByRole("button", { name: "Invitér" }).click();
  const link = form.getByTestId("secrets").getByLabel(/Aktiveringslink til/);
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** Opens the link in a fresh browser, chooses a password, and returns the signed-in page. */
export async function activate(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Aktivér din bruger i Spor" })).toBeVisible();
  await page.getByLabel("Ny adgangskode").fill(NEW_PASSWORD);
  await page.getByLabel("Gentag adgangskoden").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Aktivér og log ind" }).click();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
  return page;
}

/** A round's card on the counting-weeks page (earlier rounds sit in a closed <details>). */
export async function roundCard(page: Page, name: string) {
  await page.goto("/administration/taelleuger");
  const card = page.locator(`li[data-round="${name}"]`);
  if (!(await card.isVisible())) await page.getByText(/Tidligere runder/).click();
  await expect(card).toBeVisible();
  return card;
}
