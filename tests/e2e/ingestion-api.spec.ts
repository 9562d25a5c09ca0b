import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// A coordinator creates an API token (seen once), another system sends registrations with it,
// the coordinator revokes it, and the next call is refused.

const occurredAt = new Date(Date.now() - 3600_000).toISOString();
const registration = (unit: string, quantity: number) => ({
  id: crypto.randomUUID(),
  unit,
  task: "23.05.10",
  channelCode: "SLVBTJN",
  contactTypeCode: "OPRET",
  closureCode: "STRAKS",
  form: false,
  occurredAt,
  quantity,
});

test("create a token, send registrations with it, revoke it, and the next call is 401", async ({ page, request }) => {
  await signIn(page, USERS.coordinatorKoege, "/administration/api-noegler");
  await expectNoAxeViolations(page);

  const name = `Køsystem ${crypto.randomUUID().slice(0, 6)}`;
  const form = page.getByRole("form", { name: "Ny API-nøgle" });
  await form.getByLabel("Navn").fill(name);
  await form.getByRole("checkbox", { name: "Borgerservice", exact: true }).check();
  await form.getByRole("button", { name: "Opret nøgle" }).click();
  const secretField = form.getByTestId("secrets").getByLabel(`API-nøgle til ${name}`);
  await expect(secretField).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^spor_[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);

  // Shown once: after a reload only the first characters are listed.
  await page.reload();
  const row = page.locator(`tr[data-token="${name}"]`);
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText("Aldrig");
  expect(await page.content()).not.toContain(secret);

  const headers = { authorization: `Bearer ${secret}` };
  const quantity = 300 + Math.floor(Math.random() * 600);
  const batch = { registrations: [registration("Borgerservice", quantity), registration("Borgerservice – Telefon", 2)] };
  const created = await request.post("/api/v1/registrations", { headers, data: batch });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ created: 2, totalQuantity: quantity + 2 });
  const resent = await request.post("/api/v1/registrations", { headers, data: batch });
  expect(resent.status()).toBe(200);
  expect((await resent.json()).alreadyStored).toHaveLength(2);
  const outside = await request.post("/api/v1/registrations", { headers, data: { registrations: [registration("Jobcenter", 1)] } });
  expect(outside.status()).toBe(422);
  expect((await outside.json()).errors[0]).toMatchObject({
    index: 0,
    field: "unit",
    message: 'Nøglen må ikke indberette for enheden "Jobcenter".',
  });

  // The batch is listed with the uploads, where it can be undone.
  await page.goto("/data");
  await expect(page.getByRole("row").filter({ hasText: (quantity + 2).toLocaleString("da-DK") })).toContainText(`API-nøgle: ${name}`);

  await page.goto("/administration/api-noegler");
  await expect(row).not.toContainText("Aldrig");
  await row.getByRole("button", { name: `Tilbagekald ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Tilbagekald API-nøglen ${name}?` });
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Tilbagekald nøglen" }).click();
  await expect(page.getByText(`API-nøglen "${name}" er tilbagekaldt.`)).toBeVisible();

  const refused = await request.post("/api/v1/registrations", { headers, data: { registrations: [registration("Borgerservice", 1)] } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatch(/tilbagekaldt/);
});

test("national staff see a municipality's tokens but cannot create or revoke them", async ({ page }) => {
  await signIn(page, USERS.national, "/administration/api-noegler?kommune=259");
  await expect(page.getByRole("heading", { name: "API-nøgler – Køge" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Ny API-nøgle" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Tilbagekald/ })).toHaveCount(0);
});
