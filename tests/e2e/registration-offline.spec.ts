import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { fetchToday, fields, openScreen, pick, savedId, tile } from "./registration-helpers";

// Never lost, never doubled: registrations made offline wait in IndexedDB, survive the tab being
// closed, and are sent exactly once when a page is open online again.

test("five registrations offline survive closing the tab and arrive exactly once", async ({ context, page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);

  // One online registration first, so Gentag has something to repeat.
  await page.keyboard.press("2"); // Telefon ud
  await tile(page, "task", "Flytning").click();
  await page.keyboard.press("3"); // Info
  await page.keyboard.press("1"); // Straks
  await page.keyboard.press("Enter");
  const online = await savedId(page);

  await context.setOffline(true);
  await expect(page.locator("[data-offline]")).toContainText("Ingen forbindelse");
  await page.keyboard.press("0"); // Fejlhenvendelse (type follows)
  await page.keyboard.press("1"); // Straks
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "pending");
  await expect(page.locator("[data-toast]")).toContainText("afventer afsendelse");
  for (let i = 0; i < 4; i++) await page.keyboard.press("g");

  const pending = page.locator("li[data-pending]");
  await expect(pending).toHaveCount(5);
  await expect(pending.filter({ hasText: "Afventer afsendelse" })).toHaveCount(5);
  await expect(page.locator("[data-pending-count]")).toHaveAttribute("data-pending-count", "5");
  const ids = await pending.evaluateAll((items) => items.map((li) => li.getAttribute("data-registration-id")!));
  expect(new Set(ids).size).toBe(5);
  await expectNoAxeViolations(page); // offline, pending

  // Close the tab while still offline; nothing has reached the server.
  await page.close();
  await context.setOffline(false);
  const fresh = await context.newPage();
  expect((await fetchToday(fresh, unitId)).ownCount).toBe(before.ownCount + 1);

  // A new page online sends the outbox on load.
  await fresh.goto("/registrering");
  await expect(fresh.locator("[data-registration-unit]")).toBeVisible();
  await expect.poll(async () => (await fetchToday(fresh, unitId)).ownCount, { timeout: 20_000 }).toBe(before.ownCount + 6);
  await expect(fresh.locator("li[data-pending]")).toHaveCount(0);
  const after = await fetchToday(fresh, unitId);
  const fejl = { channelCode: "TLFUD", task: "FEJL", contactTypeCode: "FEJL", closureCode: "STRAKS", form: null, isTest: false };
  expect(pick(after, ids).map(fields)).toEqual([fejl, fejl, fejl, fejl, fejl]);
  expect(pick(after, [online]).map(fields)[0].task).toBe("23.05.10");

  // Reloading again sends nothing twice.
  await fresh.reload();
  await expect(fresh.locator("[data-registration-unit]")).toBeVisible();
  await fresh.waitForTimeout(1000);
  expect((await fetchToday(fresh, unitId)).ownCount).toBe(before.ownCount + 6);
  for (const id of ids) await expect(fresh.locator(`li[data-registration-id="${id}"]`)).toHaveCount(1);
});

test("a registration the server refuses is shown as an error and dropped from the outbox", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  // Simulate a unit that left test mode between page load and save: the server refuses (409).
  await page.route("**/api/registrations", async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, isTest: true }) });
  });
  const before = await fetchToday(page, unitId);
  await page.keyboard.press("2");
  await tile(page, "task", "Pas").click();
  await page.keyboard.press("3");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Prøvetællingen er slut for enheden" })).toBeVisible();
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  await page.unroute("**/api/registrations");
  await page.reload();
  await expect(page.locator("[data-registration-unit]")).toBeVisible();
  await page.waitForTimeout(500);
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount);
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
});
