import { expect, type Page, test } from "@playwright/test";
import { activate, createUnit, invite, setChannels, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { fetchToday, fields, openScreen, SKRANKE_KEYS } from "./registration-helpers";

// One contact about several tasks, a hand-off and the plausibility hint (issue 16; docs/method.md,
// "Hand-offs and several tasks"). Skranke's keys are fixed (registration-helpers.ts); the types are
// 1 Ny sag … 3 Info, 4 Vejledning, 6 Fejlhenvendelse; the closures 1 Straks, 2 Videre behandling,
// 3 Stillet videre (appended: no key moved).

const TYPE = { OPRET: "1", INFO: "3", VEJL: "4", FEJL: "6" } as const;
const CLOSURE = { STRAKS: "1", HOLD: "2", VIDERE: "3" } as const;

/** + : the task chosen so far goes on the contact (typed, so the key is "+" on any layout). */
const addTask = (page: Page) => page.keyboard.type("+");

/** Today's rows added since `before`, as the server reads them back, oldest first (a contact's tasks in number order). */
async function newRows(page: Page, unitId: string, before: number) {
  const today = await fetchToday(page, unitId);
  return today.own
    .slice(0, today.ownCount - before)
    .map(fields)
    .reverse();
}

test("a contact about several tasks, by keyboard only: shared and per-task choices, and a hand-off", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const before = (await fetchToday(page, unitId)).ownCount;
  const k = SKRANKE_KEYS;

  // Shared: two tasks first, then one type and closure for both.
  await page.keyboard.press(k.channel.TLFUD);
  await page.keyboard.press(k.task.Flytning);
  await addTask(page);
  await expect(page.locator("[data-contact-lines]")).toContainText("Flytning · resten som de sidste valg");
  await expect(page.locator('[data-step="task"]')).toHaveAttribute("aria-current", "step");
  await page.keyboard.press(k.task.Pas);
  await page.keyboard.press(TYPE.INFO);
  await page.keyboard.press(CLOSURE.STRAKS);
  await expectNoAxeViolations(page); // a contact with a task on its list
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "saved");
  await expect(page.locator("[data-toast]")).toContainText("Flytning (Info, Straks) + Pas (Info, Straks)");
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 2);
  const shared = { channelCode: "TLFUD", contactTypeCode: "INFO", closureCode: "STRAKS", form: null, isTest: false };
  expect(await newRows(page, unitId, before)).toEqual([
    { ...shared, task: "23.05.10" },
    { ...shared, task: "23.09.02" },
  ]);

  // Per task: Flytning handed on to another unit, Kørekort closed here. The channel stays after a save.
  await page.keyboard.press(k.task.Flytning);
  await page.keyboard.press(TYPE.OPRET);
  await page.keyboard.press(CLOSURE.VIDERE);
  await addTask(page);
  await expect(page.locator("[data-contact-lines]")).toContainText("Flytning · Ny sag · Stillet videre");
  await page.keyboard.press(k.task.Kørekort);
  // Type and closure carried over, so focus moves on to Skranke's optional question; back to
  // Afslutning (Shift+Tab) to close this task at once.
  await expect(page.locator('[data-step^="q:"] input:focus')).toHaveCount(1);
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator('[data-step="closure"] input:focus')).toHaveCount(1);
  await page.keyboard.press(CLOSURE.STRAKS);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toContainText("Flytning (Ny sag, Stillet videre) + Kørekort (Ny sag, Straks)");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 4);
  const rows = await newRows(page, unitId, before);
  expect(rows.slice(2)).toEqual([
    { channelCode: "TLFUD", task: "23.05.10", contactTypeCode: "OPRET", closureCode: "VIDERE", form: null, isTest: false },
    { channelCode: "TLFUD", task: "23.09.04", contactTypeCode: "OPRET", closureCode: "STRAKS", form: null, isTest: false },
  ]);
  await expect(page.getByText("Stillet videre til anden enhed").first()).toBeVisible();
  await expectNoAxeViolations(page); // a hand-off in today's list

  // Undo takes back the whole contact.
  await page.keyboard.press(k.task.Pas);
  await addTask(page);
  await page.keyboard.press(k.task.Kørekort);
  await page.keyboard.press(TYPE.INFO);
  await page.keyboard.press(CLOSURE.STRAKS);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toContainText("Pas (Info, Straks) + Kørekort (Info, Straks)");
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "saved");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 6);
  await page.keyboard.press("z");
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "undone");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 4);

  // A task twice is refused on the screen, before anything is sent.
  await page.keyboard.press(k.task.Pas);
  await addTask(page);
  await page.keyboard.press(k.task.Pas);
  await addTask(page);
  await expect(page.getByRole("status").filter({ hasText: "Pas er allerede med i henvendelsen" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
});

test("a contact not saved yet comes back after a reload and after another page, and is gone once saved", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const before = (await fetchToday(page, unitId)).ownCount;
  const k = SKRANKE_KEYS;

  // Flytning on the list, Pas being chosen; then the page is reloaded before anything is saved.
  await page.keyboard.press(k.channel.TLFUD);
  await page.keyboard.press(k.task.Flytning);
  await addTask(page);
  await page.keyboard.press(k.task.Pas);
  await page.reload();
  await expect(page.locator("[data-contact-lines]")).toContainText("Flytning");
  const restored = page.getByRole("status").filter({ hasText: "Hentet frem igen: henvendelsen med 1 opgave er ikke gemt endnu." });
  await expect(restored).toBeVisible();
  await expectNoAxeViolations(page); // a contact put back after a reload
  expect((await fetchToday(page, unitId)).ownCount).toBe(before);

  // Another page and back: still there, and the keys go on where the registrant left off.
  await page.goto("/hjaelp");
  await openScreen(page);
  await expect(page.locator("[data-contact-lines]")).toContainText("Flytning");
  await page.keyboard.press(TYPE.INFO);
  await page.keyboard.press(CLOSURE.STRAKS);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toContainText("Flytning (Info, Straks) + Pas (Info, Straks)");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 2);
  expect((await newRows(page, unitId, before)).map((r) => [r.channelCode, r.task])).toEqual([
    ["TLFUD", "23.05.10"],
    ["TLFUD", "23.09.02"],
  ]);

  // Saved: nothing comes back.
  await page.reload();
  await expect(page.locator("[data-registration-panel] input:focus")).toHaveCount(1);
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
  await expect(page.getByText("hentet frem igen")).toHaveCount(0);
});

test("a contact about several tasks made offline waits as one and arrives once", async ({ context, page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const before = (await fetchToday(page, unitId)).ownCount;
  const k = SKRANKE_KEYS;

  await context.setOffline(true);
  await expect(page.locator("[data-offline]")).toContainText("Ingen forbindelse");
  await page.keyboard.press(k.channel.TLFUD);
  await page.keyboard.press(k.task.Flytning);
  await addTask(page);
  await page.keyboard.press(k.task.Pas);
  await addTask(page);
  await page.keyboard.press(k.task.Kørekort);
  await page.keyboard.press(TYPE.VEJL);
  await page.keyboard.press(CLOSURE.HOLD);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "pending");
  // One item in the outbox for the whole contact.
  await expect(page.locator("li[data-pending]")).toHaveCount(1);
  await expect(page.locator("li[data-pending]")).toContainText("Flytning (Vejledning, Videre) + Pas (Vejledning, Videre) + Kørekort");
  await expectNoAxeViolations(page); // offline, a contact pending

  await context.setOffline(false);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount, { timeout: 20_000 }).toBe(before + 3);
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  const held = { channelCode: "TLFUD", contactTypeCode: "VEJL", closureCode: "HOLD", form: null, isTest: false };
  expect((await newRows(page, unitId, before)).map((r) => r.task)).toEqual(["23.05.10", "23.09.02", "23.09.04"]);
  expect(await newRows(page, unitId, before)).toEqual(["23.05.10", "23.09.02", "23.09.04"].map((task) => ({ ...held, task })));

  // Reloading sends nothing twice.
  await page.reload();
  await expect(page.locator("[data-registration-unit]")).toBeVisible();
  await page.waitForTimeout(1000);
  expect((await fetchToday(page, unitId)).ownCount).toBe(before + 3);
});

test("a fejlhenvendelse on a task of Udbetaling Danmark gets a hint, and the save is never blocked", async ({ browser, page }) => {
  test.setTimeout(120_000);
  // A unit that counts Folkepension (Udbetaling Danmark in KL's 2013 package) and its registrant.
  await signIn(page, USERS.coordinatorKoege);
  const unitName = unique("Pensionsskranke");
  const unitPath = `/administration/enheder/${await createUnit(page, unitName, "CITIZEN_SERVICE")}`;
  await setChannels(page, ["TLFIND"]);
  await page.goto(`${unitPath}?q=32.03.04#opgaver`);
  const results = page.getByRole("form", { name: "Søgeresultater" });
  await results.getByRole("checkbox", { name: /Folkepension/ }).check();
  await results.getByRole("button", { name: "Tilføj valgte opgaver" }).click();
  await expect(page.getByText("1 opgave er tilføjet.")).toBeVisible();
  const link = await invite(page, { name: "Pia Pension", email: `${unique("pia").replace(/\s/g, "")}@koege.test`, units: [unitName] });
  const registrant = await activate(browser, link);

  await registrant.goto("/registrering");
  await expect(registrant.locator("[data-registration-unit]")).toBeVisible();
  // One channel: chosen already. Folkepension, then the type Fejlhenvendelse.
  await registrant.locator('[data-step="task"] label').filter({ hasText: "Folkepension" }).click();
  await registrant.keyboard.press(TYPE.FEJL);
  const hint = registrant.locator('[data-entry-hint="fejl-udbetaling-danmark"]');
  await expect(hint).toContainText("Folkepension (32.03.04) hører under Udbetaling Danmark");
  await expect(hint).toHaveAttribute("role", "status");
  await expectNoAxeViolations(registrant); // the hint shown
  // Never blocking: the fejlhenvendelse is saved as chosen, and the hint goes with the next registration.
  await registrant.keyboard.press(CLOSURE.STRAKS);
  await registrant.keyboard.press("Enter");
  await expect(registrant.locator("[data-toast]")).toHaveAttribute("data-toast-status", "saved");
  await expect(registrant.locator("[data-entry-hint]")).toHaveAttribute("data-entry-hint", "");
  await registrant.context().close();
});
