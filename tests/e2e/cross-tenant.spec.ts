import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// A user of one municipality guesses ids of another in URLs, route handlers and actions.
// Every attempt must be refused and reveal nothing.

async function unitIdsOnPage(page: import("@playwright/test").Page): Promise<string[]> {
  return page.locator("[data-unit-id]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-unit-id") ?? ""));
}

test("a Køge coordinator cannot open København's administration by URL", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  const response = await page.goto("/administration?kommune=101");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("København")).toHaveCount(0);
});

test("a registrant cannot open administration, data or national pages", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  for (const path of ["/administration", "/data", "/national", "/rapporter"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("route handlers refuse another municipality's unit ids", async ({ page }) => {
  // Learn a København unit id the honest way, as København's registrant.
  await signIn(page, USERS.registrantKbh);
  await page.goto("/registrering");
  const [kbhUnit] = await unitIdsOnPage(page);
  expect(kbhUnit).toMatch(/^[0-9a-f-]{36}$/);
  expect((await page.request.get(`/api/units/${kbhUnit}`)).status()).toBe(200);
  await page.context().clearCookies();

  await signIn(page, USERS.registrantKoege);
  const denied = await page.request.get(`/api/units/${kbhUnit}`);
  expect(denied.status()).toBe(404);
  expect(await denied.text()).not.toContain("København");
  // A malformed id gets the same answer as a foreign one.
  expect((await page.request.get("/api/units/not-a-uuid")).status()).toBe(404);
});

test("an action called with another municipality's unit id is refused and changes nothing", async ({ page }) => {
  await signIn(page, USERS.registrantKbh);
  await page.goto("/registrering");
  const [kbhUnit] = await unitIdsOnPage(page);
  await page.context().clearCookies();

  await signIn(page, USERS.registrantKoege);
  await page.goto("/registrering");
  const before = await page.context().cookies();
  // Tamper with the unit picker's value, as an attacker with dev tools would.
  const form = page.locator('form[data-form="choose-unit"]').filter({ has: page.locator('button[type="submit"]') }).first();
  await form.locator('[name="unitId"]').evaluate((el, id) => {
    (el as HTMLInputElement).value = id;
  }, kbhUnit);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByText("Du kan ikke registrere i den enhed.")).toBeVisible();
  const after = await page.context().cookies();
  expect(after.find((c) => c.name === "spor.unit")?.value).toBe(before.find((c) => c.name === "spor.unit")?.value);
});
