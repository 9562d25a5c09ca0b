import { expect, type Page, test } from "@playwright/test";
import { activate, createUnit, invite, setChannels, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { fetchToday, fields, keyOf, nextSavedId, openScreen, pick, savedId, SKRANKE_KEYS, tile } from "./registration-helpers";

// Keys are a contract: every choice has a key shown on its tile, keys follow the coordinator's order,
// they work wherever focus is outside a text field (and the badge says so), and keys typed before
// the screen is interactive are not lost.

const badge = (page: Page) => page.locator("[data-step-badge]");

test("every task has a key, letters after 9, and keys work outside the panel; the badge tells the truth", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);

  // The demo's Skranke counts 11 tasks and Fejlhenvendelse: 1–9, then A and S, and 0.
  const keys = await page.locator('[data-step="task"] label:has(input[type="radio"]) kbd').allTextContents();
  expect(keys.map((k) => k.trim())).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "S", "0"]);
  expect(await keyOf(tile(page, "task", "Navne- og adressebeskyttelse"))).toBe("A");
  await expect(badge(page)).toHaveText("Aktivt trin: tast et tal");

  // Kanal 2 (Telefon ud), then the tenth task by its letter.
  await page.keyboard.press(SKRANKE_KEYS.channel.TLFUD);
  await expect(page.locator('[data-step="task"]')).toHaveAttribute("aria-current", "step");
  await expect(badge(page)).toHaveText("Aktivt trin: tast tallet eller bogstavet");
  await page.keyboard.press("a");
  await expect(tile(page, "task", "Navne- og adressebeskyttelse").locator("input")).toBeChecked();
  await page.keyboard.press("3"); // Information
  await page.keyboard.press("1"); // Straks

  // A favourite from this selection; its name field is a text field: the badge says keys rest there.
  const name = `Taster ${Date.now() % 100000}`;
  await page.getByText(/Administrér favoritter/).click();
  const nameField = page.getByLabel("Navn på favorit");
  await nameField.fill(name);
  await expect(badge(page)).toContainText("tasterne virker, når du er ude af tekstfeltet");
  await page.getByRole("button", { name: "Gem som favorit" }).click();
  await expect(page.locator(`button[data-favourite="${name}"]`)).toBeVisible();
  // Saving it brings focus back to the registration; Enter saves.
  await expect(page.locator("[data-registration-panel] :focus")).toHaveCount(1);
  await page.keyboard.press("Enter");
  const first = await savedId(page);

  // Gentag by its key, then the same choices again by keys: as a second favourite they are refused, in Danish.
  await page.keyboard.press("g");
  const second = await nextSavedId(page, first);
  await page.keyboard.press("a");
  await page.keyboard.press("3");
  await page.keyboard.press("1");
  await nameField.fill(`${name} igen`);
  await nameField.press("Enter");
  await expect(page.getByText(`Du har allerede favoritten "${name}" med de samme valg.`)).toBeVisible();

  // Focus outside the panel (the favourite's delete button, in the side column): keys still act.
  // The next open step is the counter's optional question: its badge, and Escape, act from here.
  await page.getByRole("button", { name: `Slet favorit ${name}` }).focus();
  await expect(page.locator('[data-step^="q:"] [data-step-badge]')).toHaveText("Aktivt trin: tast et tal");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(page.locator('[data-step="channel"] input:checked')).toHaveCount(0);
  await page.getByRole("button", { name: `Slet favorit ${name}` }).focus();
  await expect(badge(page)).toHaveText("Aktivt trin: tast et tal");
  await page.keyboard.press(SKRANKE_KEYS.channel.TLFUD);
  await expect(tile(page, "channel", "Telefon").locator("input")).toBeChecked();
  await page.keyboard.press("s"); // the eleventh task
  await page.keyboard.press("3");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  const third = await nextSavedId(page, second);

  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 3);
  const expected = (task: string) => ({
    channelCode: "TLFUD",
    task,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    isTest: false,
  });
  expect(pick(after, [first, second, third]).map(fields)).toEqual([expected("23.05.05"), expected("23.05.05"), expected("32.42.08")]);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: `Slet favorit ${name}` }).click();
  await expect(page.locator(`button[data-favourite="${name}"]`)).toHaveCount(0);
});

test("no key is lost: keys typed right after navigation on a 4× slower CPU give exactly that registration", async ({ page }) => {
  test.setTimeout(180_000); // five page loads on a CPU slowed four times
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  try {
    const ids: string[] = [];
    const buffered: number[] = [];
    const before = await fetchToday(page, unitId);
    // Five loads, as in the measurement. With the page's key buffer removed, this lost a key
    // in one of five loads (checked by hand on 2026-12-05); with it, every load registers exactly this.
    for (let load = 0; load < 5; load++) {
      await page.goto("/registrering", { waitUntil: "commit" });
      // As soon as the tiles are there, a clerk types: Personligt fremmøde, Flytning, Information,
      // Straks, blanket ja, Enter (past the counter's optional question: it is the only one, so Enter saves).
      // (The tiles are in the server's HTML: they exist long before the page's JavaScript has run.)
      await page.waitForSelector('[data-step="channel"] input[type="radio"]', { state: "attached" });
      for (const key of [SKRANKE_KEYS.channel.PRSNLG, SKRANKE_KEYS.task.Flytning, "3", "1", "1", "Enter"]) await page.keyboard.press(key);
      ids.push(await savedId(page));
      buffered.push(await page.evaluate(() => (window as unknown as { __sporKeys?: { replayed?: number } }).__sporKeys?.replayed ?? 0));
    }
    const after = await fetchToday(page, unitId);
    expect(after.ownCount).toBe(before.ownCount + 5);
    const expected = { channelCode: "PRSNLG", task: "23.05.10", contactTypeCode: "INFO", closureCode: "STRAKS", form: true, isTest: false };
    expect(pick(after, ids).map(fields)).toEqual(Array(5).fill(expected));
    expect(new Set(ids).size).toBe(5);
    // How many of the keys landed before the screen was interactive (kept and replayed), per load.
    test.info().annotations.push({ type: "buffered keys per load", description: JSON.stringify(buffered) });
    console.log(`keys typed before the screen was interactive, per load: ${JSON.stringify(buffered)}`);
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
});

test("keys that arrive while the screen replays the keys typed during loading keep their order", async ({ page }) => {
  test.setTimeout(180_000); // five page loads on a CPU slowed four times
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  // A clerk faster than the page: from the moment the tiles exist, one key per task of the browser's
  // event loop, so some keys are kept by the loading page's buffer and the rest arrive while the
  // screen is still replaying them (between its renders). Keys are dispatched in the page, because
  // the browser's own input pipeline waits for a busy page and would never interleave like this.
  const sequence = [SKRANKE_KEYS.channel.PRSNLG, SKRANKE_KEYS.task.Flytning, "3", "1", "1", "Enter"];
  await page.addInitScript((keys: string[]) => {
    const start = () => {
      let i = 0;
      const next = () => {
        if (i >= keys.length) return;
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent("keydown", { key: keys[i++], bubbles: true, cancelable: true }));
        setTimeout(next, 0);
      };
      next();
    };
    const ready = () => document.querySelector('[data-step="channel"] input[type="radio"]');
    new MutationObserver((_, observer) => {
      if (!ready()) return;
      observer.disconnect();
      start();
    }).observe(document, { childList: true, subtree: true });
  }, sequence);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  try {
    const ids: string[] = [];
    const before = await fetchToday(page, unitId);
    for (let load = 0; load < 5; load++) {
      await page.goto("/registrering", { waitUntil: "commit" });
      ids.push(await savedId(page));
    }
    const after = await fetchToday(page, unitId);
    expect(after.ownCount).toBe(before.ownCount + 5);
    const expected = { channelCode: "PRSNLG", task: "23.05.10", contactTypeCode: "INFO", closureCode: "STRAKS", form: true, isTest: false };
    expect(pick(after, ids).map(fields)).toEqual(Array(5).fill(expected));
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
});

test("the coordinator orders a unit's tasks and channels, and the registrant's keys follow", async ({ page, browser }) => {
  test.setTimeout(180_000); // a journey across two roles: unit, invitation, activation, registration
  await signIn(page, USERS.coordinatorKoege);
  const name = unique("Tasteenhed");
  await createUnit(page, name, "OTHER");
  await setChannels(page, ["TLFIND", "EMLIND", "TLFUD"]);
  await page.getByLabel("KLE-nummer eller ord fra titlen").fill("23.09");
  await page.getByRole("button", { name: "Søg", exact: true }).click();
  const results = page.getByRole("form", { name: "Søgeresultater" });
  await results.getByRole("checkbox", { name: /23\.09\.02/ }).check();
  await results.getByRole("checkbox", { name: /23\.09\.04/ }).check();
  await results.getByRole("button", { name: "Tilføj valgte opgaver" }).click();
  await expect(page.getByText("2 opgaver er tilføjet.")).toBeVisible();

  const order = page.getByRole("region", { name: "Rækkefølge og taster" });
  const tasks = order.getByRole("list", { name: "Opgaver" });
  const rows = tasks.getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("23.09.02");
  await expect(rows.nth(0).locator("kbd")).toHaveText("1");
  await expectNoAxeViolations(page);

  // Kørekort up: it takes key 1, and focus stays on the row's button for the next press.
  await order.getByRole("button", { name: /Flyt opgaven 23\.09\.04 .* op/ }).click();
  await expect(order.getByText("Opgaven er flyttet op.", { exact: false })).toBeVisible();
  await expect(rows.nth(0)).toContainText("23.09.04");
  await expect(rows.nth(0).locator("kbd")).toHaveText("1");
  await expect(order.getByRole("button", { name: /Flyt opgaven 23\.09\.04 .* ned/ })).toBeFocused();
  // E-mail ind before Telefon ind.
  await order.getByRole("button", { name: /Flyt kanalen E-mail ind op/ }).click();
  await expect(order.getByRole("list", { name: "Kanaler ind" }).getByRole("listitem").first()).toContainText("E-mail");
  // No ended round to sort by: said so, nothing moves.
  await order.getByRole("form", { name: "Sortér opgaverne" }).getByRole("button", { name: "Sortér efter sidste rundes brug" }).click();
  // (No ended round, or one without this new unit's registrations: either way nothing moves.)
  await expect(order.getByText(/ingen brug at sortere efter|står allerede efter brugen/)).toBeVisible();
  await expect(rows.nth(0)).toContainText("23.09.04");
  await expectNoAxeViolations(page);

  // The registrant's screen has the same keys.
  const email = `${unique("taster").replace(" ", "-")}@koege.test`;
  const registrant = await activate(browser, await invite(page, { name: "Tea Taster", email, units: [name] }));
  await registrant.goto("/registrering");
  await expect(registrant.locator("[data-registration-unit]")).toBeVisible();
  expect(await keyOf(tile(registrant, "task", "Kørekort"))).toBe("1");
  expect(await keyOf(tile(registrant, "task", "Pas"))).toBe("2");
  const channels = registrant.locator('[data-step="channel"] label');
  await expect(channels.nth(0)).toContainText("E-mail");
  await expect(channels.nth(0).locator("kbd")).toHaveText("1");
  await expect(channels.nth(1)).toContainText("Telefon");
  await expect(channels.nth(1).locator("kbd")).toHaveText("2");
  await registrant.context().close();
});
