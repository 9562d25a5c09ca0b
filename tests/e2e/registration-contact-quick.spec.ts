import { expect, type Page, test } from "@playwright/test";
import { formatNumber } from "@/lib/format";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { fetchToday, fields, keyOf, openScreen, SKRANKE_KEYS, taskIdOf } from "./registration-helpers";

// Gentag or a favourite pressed while a contact is half built (tasks on its list, not saved): the
// listed tasks are saved first, as their own contact, then the quick registration; the status line
// says both. Ryd is the one way to drop the list unsaved, and it says so too
// (components/registration/use-contact-lines.ts). Skranke's keys: registration-helpers.ts.

const TYPE = { OPRET: "1", INFO: "3", VEJL: "4" } as const;
const CLOSURE = { STRAKS: "1", HOLD: "2", VIDERE: "3" } as const;
const k = SKRANKE_KEYS;

/** A favourite of this test's own (Telefon ud · Kørekort · Vejledning · Videre), made through the screen's endpoint. */
async function makeFavourite(page: Page, unitId: string) {
  const name = `Kørekort ${Date.now() % 100000}`;
  const response = await page.request.post("/api/favourites", {
    data: {
      unitId,
      name,
      channelCode: "TLFUD",
      taskId: await taskIdOf(page, "Kørekort"),
      contactTypeCode: "VEJL",
      closureCode: "HOLD",
      form: null,
    },
    headers: { "Content-Type": "application/json" },
  });
  expect(response.status()).toBe(201);
  return { name, id: ((await response.json()) as { id: string }).id };
}

/** Flytning and Pas on the contact's list with `type` and `closure`, by keys; nothing saved. */
async function listTwoTasks(page: Page, type: string, closure: string) {
  await page.keyboard.press(k.task.Flytning);
  await page.keyboard.press(type);
  await page.keyboard.press(closure);
  await page.keyboard.type("+");
  await page.keyboard.press(k.task.Pas); // type and closure carry over
  await page.keyboard.type("+");
  await expect(page.locator("[data-contact-lines]")).toHaveAttribute("data-contact-lines", "2");
}

/** Today's rows added since `before`, as the server reads them back, in task order (one moment may hold two). */
async function newRows(page: Page, unitId: string, before: number) {
  const today = await fetchToday(page, unitId);
  return today.own
    .slice(0, today.ownCount - before)
    .map(fields)
    .sort((a, b) => a.task.localeCompare(b.task));
}

const row = (task: string, contactTypeCode: string, closureCode: string) => ({
  channelCode: "TLFUD",
  task,
  contactTypeCode,
  closureCode,
  form: null,
  isTest: false,
});

test("a favourite or Gentag pressed with two tasks listed saves the contact first, then itself: three registrations", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  let unitId = await openScreen(page);
  const favourite = await makeFavourite(page, unitId);
  unitId = await openScreen(page);
  const favouriteKey = (await keyOf(page.locator(`button[data-favourite="${favourite.name}"]`))).toLowerCase();
  let before = (await fetchToday(page, unitId)).ownCount;

  // A favourite.
  await page.keyboard.press(k.channel.TLFUD);
  await listTwoTasks(page, TYPE.INFO, CLOSURE.STRAKS);
  await page.keyboard.press(favouriteKey);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Henvendelsen med 2 opgaver er gemt · Favoritten "${favourite.name}" er gemt som en ny henvendelse.` }),
  ).toBeVisible();
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "saved");
  await expectNoAxeViolations(page); // both saves announced
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 3);
  expect(await newRows(page, unitId, before)).toEqual([
    row("23.05.10", "INFO", "STRAKS"),
    row("23.09.02", "INFO", "STRAKS"),
    row("23.09.04", "VEJL", "HOLD"),
  ]);
  // The screen's own count of today's registrations says three more too.
  await expect(page.locator("[data-own-count]")).toHaveText(formatNumber(before + 3));

  // Gentag: it repeats the registration before the contact (the favourite), not the contact's last task.
  before += 3;
  await listTwoTasks(page, TYPE.OPRET, CLOSURE.VIDERE);
  await page.keyboard.press("g");
  await expect(
    page.getByRole("status").filter({ hasText: "Henvendelsen med 2 opgaver er gemt · Gentagelsen er gemt som en ny henvendelse." }),
  ).toBeVisible();
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 3);
  expect(await newRows(page, unitId, before)).toEqual([
    row("23.05.10", "OPRET", "VIDERE"),
    row("23.09.02", "OPRET", "VIDERE"),
    row("23.09.04", "VEJL", "HOLD"),
  ]);

  // Ryd drops the list unsaved: the registrant's choice, said out loud, and nothing is sent.
  before += 3;
  await page.keyboard.press(k.task.Pas);
  await page.keyboard.type("+");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("status").filter({ hasText: "Ryddet: henvendelsen med 1 opgave er ikke gemt." })).toBeVisible();
  await expect(page.locator("[data-contact-lines]")).toHaveCount(0);
  await expectNoAxeViolations(page); // the list cleared, announced
  await page.waitForTimeout(500);
  expect((await fetchToday(page, unitId)).ownCount).toBe(before);

  expect((await page.request.delete(`/api/favourites/${favourite.id}`)).status()).toBe(200);
});

test("a list without its type and closure stays when a favourite is pressed, and the favourite is saved", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  let unitId = await openScreen(page);
  const favourite = await makeFavourite(page, unitId);
  unitId = await openScreen(page);
  const before = (await fetchToday(page, unitId)).ownCount;

  await page.keyboard.press(k.channel.TLFUD);
  await page.keyboard.press(k.task.Flytning);
  await page.keyboard.type("+");
  await page.keyboard.press(k.task.Pas);
  await page.keyboard.type("+");
  await page.locator(`button[data-favourite="${favourite.name}"]`).click();
  await expect(
    page.getByRole("status").filter({
      hasText: `Favoritten "${favourite.name}" er gemt. Henvendelsen med 2 opgaver er ikke gemt endnu. Vælg type og afslutning før du gemmer.`,
    }),
  ).toBeVisible();
  await expect(page.locator("[data-contact-lines]")).toHaveAttribute("data-contact-lines", "2");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 1);
  await expectNoAxeViolations(page); // the list kept, what it lacks announced

  // Focus went to what the list lacks: two keys and Enter save it.
  await expect(page.locator('[data-step="type"] input:focus')).toHaveCount(1);
  await page.keyboard.press(TYPE.INFO);
  await page.keyboard.press(CLOSURE.STRAKS);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before + 3);
  expect(await newRows(page, unitId, before)).toEqual([
    row("23.05.10", "INFO", "STRAKS"),
    row("23.09.02", "INFO", "STRAKS"),
    row("23.09.04", "VEJL", "HOLD"),
  ]);
  expect((await page.request.delete(`/api/favourites/${favourite.id}`)).status()).toBe(200);
});

test("offline, a favourite pressed with two tasks listed leaves two items waiting, and three registrations arrive", async ({
  context,
  page,
}) => {
  await signIn(page, USERS.registrantKoege);
  let unitId = await openScreen(page);
  const favourite = await makeFavourite(page, unitId);
  unitId = await openScreen(page);
  const favouriteKey = (await keyOf(page.locator(`button[data-favourite="${favourite.name}"]`))).toLowerCase();
  const before = (await fetchToday(page, unitId)).ownCount;

  await context.setOffline(true);
  await expect(page.locator("[data-offline]")).toContainText("Ingen forbindelse");
  await page.keyboard.press(k.channel.TLFUD);
  await listTwoTasks(page, TYPE.VEJL, CLOSURE.HOLD);
  await page.keyboard.press(favouriteKey);
  await expect(page.getByRole("status").filter({ hasText: "Henvendelsen med 2 opgaver er gemt · Favoritten" })).toBeVisible();
  await expect(page.locator("li[data-pending]")).toHaveCount(2);
  await expectNoAxeViolations(page); // offline, the contact and the favourite waiting

  await context.setOffline(false);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount, { timeout: 20_000 }).toBe(before + 3);
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  expect(await newRows(page, unitId, before)).toEqual([
    row("23.05.10", "VEJL", "HOLD"),
    row("23.09.02", "VEJL", "HOLD"),
    row("23.09.04", "VEJL", "HOLD"),
  ]);
  expect((await page.request.delete(`/api/favourites/${favourite.id}`)).status()).toBe(200);
});
