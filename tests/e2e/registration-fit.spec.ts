import { expect, type Page, test } from "@playwright/test";
import { activate, createUnit, invite, setChannels, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn } from "./helpers";

// Issue 14, "the whole registration fits": for a unit with 12 channels and 24 tasks (the most a unit
// is set up with), every step and Gem are visible without scrolling at 1366×768 and on a 1024×768
// tablet, nothing covers a tile, and Gem does not move when a registration is saved (the toast
// appears below it).

const TWELVE_CHANNELS = [
  "PRSNLG",
  "TLFIND",
  "EMLIND",
  "PPRIND",
  "DOCIND",
  "SMSIND",
  "CHATIND",
  "SOMEIND",
  "TLFUD",
  "EMLUD",
  "PPRUD",
  "DOKUD",
];

/** Adds tasks from KLE searches until the unit has `count` besides Fejlhenvendelse. */
async function addTasks(page: Page, count: number) {
  let added = 0;
  for (const prefix of ["23", "29", "25", "05", "02", "27", "32"]) {
    if (added >= count) break;
    await page.getByLabel("KLE-nummer eller ord fra titlen").fill(prefix);
    await page.getByRole("button", { name: "Søg", exact: true }).click();
    const results = page.getByRole("form", { name: "Søgeresultater" });
    await expect(results).toBeVisible();
    let ticked = 0;
    for (const box of await results.getByRole("checkbox").all()) {
      if (added + ticked >= count) break;
      if (await box.isDisabled()) continue;
      await box.check();
      ticked++;
    }
    if (ticked === 0) continue;
    await results.getByRole("button", { name: "Tilføj valgte opgaver" }).click();
    await expect(page.getByText(`${ticked} opgave${ticked === 1 ? " er" : "r er"} tilføjet.`)).toBeVisible();
    added += ticked;
  }
  expect(added).toBe(count);
}

/** Every step, Gem and the quick bar inside the viewport, with the page not scrolled. */
async function expectWholeRegistrationVisible(page: Page) {
  const layout = await page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return {
      scrollY: window.scrollY,
      height: window.innerHeight,
      width: document.documentElement.clientWidth,
      parts: [...document.querySelectorAll("[data-step], [data-save]")].map((el) => ({
        name: el.getAttribute("data-step") ?? "Gem",
        ...box(el),
      })),
    };
  });
  expect(layout.scrollY).toBe(0);
  for (const part of layout.parts) {
    expect(part.bottom, `${part.name} ends inside the window`).toBeLessThanOrEqual(layout.height);
    expect(part.right, `${part.name} is not cut off at the right`).toBeLessThanOrEqual(layout.width);
  }
  return layout;
}

/**
 * With a channel that asks for the form chosen (the Blanket step shown), everything fits; a
 * registration keyed in with `taskKey` shows its toast, everything still fits and Gem has not moved.
 */
async function registerAndKeepGemInPlace(page: Page, taskKey: string) {
  await page.locator('[data-step="channel"] label').filter({ hasText: "Personligt fremmøde" }).first().click();
  await expect(page.locator('[data-step="form"]')).toBeVisible();
  const before = await expectWholeRegistrationVisible(page);
  for (const key of [taskKey, "1", "1", "2", "Enter"]) await page.keyboard.press(key); // task, type, closure, form: no, save
  await expect(page.locator("[data-toast-status]")).toHaveAttribute("data-toast-status", /sending|saved/);
  const after = await expectWholeRegistrationVisible(page);
  expect(after.parts.find((p) => p.name === "Gem")).toEqual(before.parts.find((p) => p.name === "Gem"));
  await expectNoAxeViolations(page);
}

test("a unit with 12 channels and 24 tasks registers on one screen at 1366×768 and on a 1024×768 tablet", async ({ page, browser }) => {
  test.slow(); // the setup takes many form submissions on a busy machine
  await signIn(page, "koordinator@koege.test");
  const name = unique("Borgerservice Fuld");
  await createUnit(page, name, "CITIZEN_SERVICE");
  await setChannels(page, TWELVE_CHANNELS);
  await addTasks(page, 24);
  const link = await invite(page, { name: "Fie Fuldskærm", email: `${unique("fit").replace(" ", "-")}@koege.test`, units: [name] });

  const registrant = await activate(browser, link);
  await registrant.setViewportSize({ width: 1366, height: 768 });
  await registrant.goto("/registrering");
  await expect(registrant.locator('[data-step="task"] input[type="radio"]')).toHaveCount(25);
  await expect(registrant.locator('[data-step="channel"] input[type="radio"]')).toHaveCount(12);
  await expectWholeRegistrationVisible(registrant);

  await registerAndKeepGemInPlace(registrant, "1");

  // The same screen on a landscape tablet: three tighter columns, KLE numbers left to screen readers.
  await registrant.setViewportSize({ width: 1024, height: 768 });
  await registrant.reload();
  await expect(registrant.locator('[data-step="task"] input[type="radio"]')).toHaveCount(25);
  await registerAndKeepGemInPlace(registrant, "2");
});
