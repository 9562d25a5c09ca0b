import { expect, type Locator, type Page, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { fetchToday, keyOf, openScreen, savedId, SKRANKE_KEYS, taskIdOf, tile } from "./registration-helpers";

// The interaction budget of the issue, counted as clicks + key presses per registration:
// a repeat or a favourite takes 1, a new combination at most 6 (TraceTool needed 7).
// Each count is also checked against the database: exactly one new row.

class Counter {
  count = 0;
  constructor(private readonly page: Page) {}
  async click(locator: Locator) {
    this.count++;
    await locator.click();
  }
  async press(key: string) {
    this.count++;
    await this.page.keyboard.press(key);
  }
}

async function measure(page: Page, unitId: string, action: (counter: Counter) => Promise<void>): Promise<number> {
  const before = await fetchToday(page, unitId);
  const previous = await page.locator("[data-toast]").getAttribute("data-toast");
  const counter = new Counter(page);
  await action(counter);
  if (previous) await expect(page.locator("[data-toast]")).not.toHaveAttribute("data-toast", previous);
  await savedId(page);
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);
  return counter.count;
}

test("interactions per registration: new combination ≤ 6, repeat 1, favourite 1", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  let unitId = await openScreen(page);
  // A favourite to use (setup, not counted), made through the same endpoint the screen uses.
  const name = `Budget ${Date.now() % 100000}`;
  const favourite = await page.request.post("/api/favourites", {
    data: {
      unitId,
      name,
      channelCode: "TLFUD",
      taskId: await taskIdOf(page, "Pas"),
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
    },
    headers: { "Content-Type": "application/json" },
  });
  expect(favourite.status()).toBe(201);
  const favouriteId = ((await favourite.json()) as { id: string }).id;
  unitId = await openScreen(page);

  const counts: Record<string, number> = {};
  // New combination with the mouse, from nothing chosen, on a channel that asks for a form (the longest path).
  counts.newByMouse = await measure(page, unitId, async (c) => {
    await c.click(tile(page, "channel", "Personligt fremmøde"));
    await c.click(tile(page, "task", "Flytning"));
    await c.click(tile(page, "type", "Oprettelse af ny sag"));
    await c.click(tile(page, "closure", "Straksafsluttet"));
    await c.click(tile(page, "form", "Nej, ingen blanket"));
    await c.press("Enter");
  });
  // The next new combination by keyboard: the channel is still chosen.
  const pasKey = SKRANKE_KEYS.task.Pas;
  expect(await keyOf(tile(page, "task", "Pas"))).toBe(pasKey);
  counts.nextByKeyboard = await measure(page, unitId, async (c) => {
    await c.press(pasKey);
    await c.press("2"); // Status
    await c.press("1"); // Straks
    await c.press("1"); // Blanket: ja
    await c.press("Enter");
  });
  counts.repeatByKey = await measure(page, unitId, (c) => c.press("g"));
  counts.repeatByClick = await measure(page, unitId, (c) => c.click(page.getByRole("button", { name: /Gentag/ })));
  const favouriteButton = page.locator(`button[data-favourite="${name}"]`);
  counts.favouriteByClick = await measure(page, unitId, (c) => c.click(favouriteButton));
  const favouriteKey = (await keyOf(favouriteButton)).toLowerCase();
  counts.favouriteByKey = await measure(page, unitId, (c) => c.press(favouriteKey));

  test.info().annotations.push({ type: "interactions", description: JSON.stringify(counts) });
  console.log(`interactions per registration: ${JSON.stringify(counts)}`);
  expect(counts.newByMouse).toBeLessThanOrEqual(6);
  expect(counts.nextByKeyboard).toBeLessThanOrEqual(6);
  expect(counts.repeatByKey).toBe(1);
  expect(counts.repeatByClick).toBe(1);
  expect(counts.favouriteByClick).toBe(1);
  expect(counts.favouriteByKey).toBe(1);

  expect((await page.request.delete(`/api/favourites/${favouriteId}`)).status()).toBe(200);
});
