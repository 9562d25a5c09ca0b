import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { fetchToday, openScreen, tile } from "./registration-helpers";

// WCAG 2.1.4: single-key shortcuts can be switched off, and then no single key acts. Run as the
// unit lead (who also registers) so the setting never affects the other specs' registrant.

test("switching single-key shortcuts off disables digits and letters, not Enter and Escape", async ({ page }) => {
  await signIn(page, USERS.leadKoege);
  const unitId = await openScreen(page);
  const setting = page.getByRole("checkbox", { name: "Genvejstaster med én tast" });
  try {
    await expect(setting).toBeChecked();
    await expect(page.locator("[data-registration-panel] kbd").first()).toBeVisible();
    await setting.uncheck();
    // Saved on the account: still off after a reload.
    await page.reload();
    const reloadedUnit = await openScreen(page);
    expect(reloadedUnit).toBe(unitId);
    await expect(setting).not.toBeChecked();
    // No key hints on the tiles any more.
    await expect(page.locator("[data-step] label kbd")).toHaveCount(0);

    const before = await fetchToday(page, unitId);
    await page.keyboard.press("1");
    await page.keyboard.press("g");
    await page.keyboard.press("/");
    await expect(page.locator('[data-step="channel"] input:checked')).toHaveCount(0);
    await expect(page.locator("[data-task-search]")).not.toBeFocused();

    // Mouse and Enter still register; Escape still clears.
    await tile(page, "channel", "E-mail").first().click();
    await tile(page, "task", "Flytning").click();
    await tile(page, "type", "Generelle råd og vejledning").click();
    await tile(page, "closure", "Straksafsluttet").click();
    await tile(page, "form", "Nej, ingen blanket").click();
    await page.keyboard.press("Escape");
    await expect(page.locator('[data-step="task"] input:checked')).toHaveCount(0);
    await tile(page, "task", "Flytning").click();
    await tile(page, "type", "Generelle råd og vejledning").click();
    await tile(page, "closure", "Straksafsluttet").click();
    await tile(page, "form", "Nej, ingen blanket").click();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);
    // "g" did not repeat anything.
    await page.keyboard.press("g");
    await page.waitForTimeout(500);
    expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);
  } finally {
    const reset = await page.request.put("/api/settings", {
      data: { shortcutsEnabled: true },
      headers: { "Content-Type": "application/json" },
    });
    expect(reset.status()).toBe(200);
  }
});
