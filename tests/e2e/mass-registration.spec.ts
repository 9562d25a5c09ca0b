import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signOut, USERS } from "./helpers";

// A coordinator mass-registers a count, sees it in the list, gets the same choices again, and deletes it.

async function fillChoices(page: Page) {
  const form = page.locator('form[data-form="mass-registration"]');
  await form.getByLabel("Enhed", { exact: true }).selectOption({ label: "Borgerservice" });
  await form.getByRole("radio", { name: /^Ind/ }).check();
  await form.getByLabel("Kanal", { exact: true }).selectOption({ label: "Papirbrev" });
  await form.getByLabel("Opgave", { exact: true }).selectOption({ index: 1 });
  await form.getByLabel("Type", { exact: true }).selectOption({ label: "Oprettelse af ny sag" });
  await form.getByLabel("Afslutning", { exact: true }).selectOption({ label: "Straksafsluttet" });
  await form.getByRole("radio", { name: /^Nej/ }).check();
  return form;
}

test("a coordinator saves a mass registration, sees it listed with the choices remembered, and deletes it", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege);
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Masseregistrering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Masseregistrering" })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = await fillChoices(page);
  const quantity = form.getByLabel("Antal henvendelser");
  // No quantity: refused at the field, which takes focus and carries the message.
  await form.getByRole("button", { name: "Gem masseregistrering" }).click();
  const message = "Antal skal være et helt tal fra 1 til 1.000.000.";
  await expect(form.locator("#mass-quantity-error")).toHaveText(`⚠ ${message}`);
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await expect(quantity).toHaveAttribute("aria-describedby", "mass-quantity-error");
  await expect(quantity).toBeFocused();
  await expectNoAxeViolations(page);

  const unique = 7000 + Math.floor(Math.random() * 900);
  const shown = unique.toLocaleString("da-DK");
  await quantity.fill(String(unique));
  await form.getByRole("button", { name: "Gem masseregistrering" }).click();
  await expect(form.getByRole("status")).toContainText(`Masseregistreringen med ${shown} henvendelser er gemt.`);
  await expect(quantity).toHaveValue("");
  const row = page.getByRole("row").filter({ hasText: shown });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Papirbrev (ind)");
  await expect(row).toContainText("Anders Holm");

  // A fresh page offers the same choices again (read from the last mass registration).
  await page.reload();
  await expect(form.getByLabel("Kanal", { exact: true })).toHaveValue("PPRIND");
  await expect(form.getByLabel("Type", { exact: true })).toHaveValue("OPRET");
  await expect(form.getByRole("radio", { name: /^Nej/ })).toBeChecked();

  await row.getByRole("button", { name: /Slet masseregistreringen/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Slet masseregistreringen/ });
  await expect(dialog).toContainText("Dens henvendelser fjernes fra alle tal.");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Ja, slet" }).click();
  await expect(page.getByRole("row").filter({ hasText: shown })).toHaveCount(0);
});

test("a unit lead mass-registers only in their units; national staff only read", async ({ page }) => {
  await signIn(page, USERS.leadKoege, "/masseregistrering");
  const units = await page.getByLabel("Enhed", { exact: true }).locator("option").allInnerTexts();
  expect(units).toEqual(["Borgerservice", "Borgerservice / Borgerservice – Skranke", "Borgerservice / Borgerservice – Telefon"]);

  await signOut(page);
  await signIn(page, USERS.national, "/masseregistrering");
  await expect(page.getByText("kan du se kommunernes masseregistreringer, men ikke oprette eller slette dem")).toBeVisible();
  await expect(page.locator('form[data-form="mass-registration"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Slet/ })).toHaveCount(0);
});

test("a tampered form aimed at another municipality's unit is refused and writes nothing", async ({ page, browser }) => {
  await signIn(page, USERS.coordinatorKoege, "/masseregistrering");
  const koegeUnit = await page
    .getByLabel("Enhed", { exact: true })
    .locator("option", { hasText: /^Jobcenter$/ })
    .getAttribute("value");

  const other = await browser.newContext();
  const kbh = await other.newPage();
  await signIn(kbh, USERS.coordinatorKbh, "/masseregistrering");
  const rowsBefore = await kbh.getByRole("row").count();
  const form = await fillChoices(kbh);
  await form.getByLabel("Antal henvendelser").fill("5");
  // Point the chosen option at Køge's unit, as a hand-edited request would.
  await form.getByLabel("Enhed", { exact: true }).evaluate((select, id) => {
    (select as HTMLSelectElement).selectedOptions[0].value = id!;
  }, koegeUnit);
  await form.getByRole("button", { name: "Gem masseregistrering" }).click();
  await expect(form.locator("#mass-unitId-error")).toHaveText("⚠ Du kan ikke masseregistrere i den enhed.");
  await kbh.reload();
  expect(await kbh.getByRole("row").count()).toBe(rowsBefore);
  await other.close();
});
