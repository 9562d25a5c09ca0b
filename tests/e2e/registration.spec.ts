import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { fetchToday, fields, keyOf, nextSavedId, openScreen, pick, savedId, SKRANKE_KEYS, taskIdOf, tile } from "./registration-helpers";

// The registration screen as a registrant in Køge's "Borgerservice – Skranke" (the default unit of
// medarbejder@koege.test): channels Personligt fremmøde (ind), Telefon, E-mail and Digital Post (ud).

test.beforeEach(async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
});

test("registering with the mouse stores exactly the chosen fields", async ({ page }) => {
  const unitId = await openScreen(page);
  await expectNoAxeViolations(page); // empty state
  const before = await fetchToday(page, unitId);

  await tile(page, "channel", "Personligt fremmøde").click();
  await tile(page, "task", "Flytning").click();
  await tile(page, "type", "Information vedr. eksisterende sag").click();
  await tile(page, "closure", "Straksafsluttet").click();
  await tile(page, "form", "Ja, blanket").click();
  await expectNoAxeViolations(page); // selections made
  await page.getByRole("button", { name: "Gem" }).click();

  await expect(page.locator("[data-toast]")).toContainText("Registreret");
  const id = await savedId(page);
  await expectNoAxeViolations(page); // toast showing

  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 1);
  expect(pick(after, [id]).map(fields)).toEqual([
    { channelCode: "PRSNLG", task: "23.05.10", contactTypeCode: "INFO", closureCode: "STRAKS", form: true, isTest: false },
  ]);
  // The channel stays chosen; everything else starts over, and the new row is in the list.
  await expect(tile(page, "channel", "Personligt fremmøde").locator("input")).toBeChecked();
  await expect(tile(page, "task", "Flytning").locator("input")).not.toBeChecked();
  await expect(page.locator(`li[data-registration-id="${id}"]`)).toBeVisible();
});

test("registering with the keyboard only: digits, search, Enter; the channel stays for the next one", async ({ page }) => {
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);

  // Kanal: 2 = Telefon ud. Focus moves on to Opgave.
  await page.keyboard.press("2");
  await expect(page.locator('[data-step="task"]')).toHaveAttribute("aria-current", "step");
  // Opgave by search: "/" focuses it, the number finds Pas, Enter picks it.
  await page.keyboard.press("/");
  await page.keyboard.type("23.09.02");
  await page.keyboard.press("Enter");
  await page.keyboard.press("1"); // Type: Oprettelse af ny sag
  await page.keyboard.press("2"); // Afslutning: Lagt til videre behandling
  // Telephone never asks for a form.
  await expect(page.locator('[data-step="form"]')).toHaveCount(0);
  await page.keyboard.press("Enter");
  const first = await savedId(page);

  // Second contact on the same phone: Opgave by the key shown on its tile, fixed by the unit's order.
  const korekort = tile(page, "task", "Kørekort");
  expect(await keyOf(korekort)).toBe(SKRANKE_KEYS.task.Kørekort);
  const korekortId = await taskIdOf(page, "Kørekort");
  await page.keyboard.press(SKRANKE_KEYS.task.Kørekort);
  await page.keyboard.press("4"); // Generelle råd og vejledning
  await page.keyboard.press("1"); // Straksafsluttet
  await page.keyboard.press("Enter");
  const second = await nextSavedId(page, first);

  // Fejlhenvendelse (0) sets the type too, so only the closure is left.
  await page.keyboard.press("0");
  await expect(page.locator('[data-step="closure"]')).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  const third = await nextSavedId(page, second);

  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 3);
  const rows = pick(after, [first, second, third]);
  expect(rows[1].taskId).toBe(korekortId);
  expect(rows.map(fields)).toEqual([
    { channelCode: "TLFUD", task: "23.09.02", contactTypeCode: "OPRET", closureCode: "HOLD", form: null, isTest: false },
    { channelCode: "TLFUD", task: "23.09.04", contactTypeCode: "VEJL", closureCode: "STRAKS", form: null, isTest: false },
    { channelCode: "TLFUD", task: "FEJL", contactTypeCode: "FEJL", closureCode: "STRAKS", form: null, isTest: false },
  ]);
});

test("Gentag repeats the last registration with one key or one click", async ({ page }) => {
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);
  await page.keyboard.press("3"); // E-mail ud
  await tile(page, "task", "Pas").click();
  await page.keyboard.press("2"); // Status
  await page.keyboard.press("1"); // Straks
  await page.keyboard.press("2"); // Blanket: nej
  await page.keyboard.press("Enter");
  const original = await savedId(page);

  await page.keyboard.press("g");
  const byKey = await nextSavedId(page, original);
  await page.getByRole("button", { name: /Gentag/ }).click();
  const byClick = await nextSavedId(page, byKey);

  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 3);
  const expected = { channelCode: "EMLUD", task: "23.09.02", contactTypeCode: "STATUS", closureCode: "STRAKS", form: false, isTest: false };
  expect(pick(after, [original, byKey, byClick]).map(fields)).toEqual([expected, expected, expected]);
});

test("a favourite is created from the selection, registers with one click or key, and is deleted", async ({ page }) => {
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);
  const name = `Skranke pas ${Date.now() % 100000}`;

  await tile(page, "channel", "Personligt fremmøde").click();
  await tile(page, "task", "Pas").click();
  await tile(page, "type", "Oprettelse af ny sag").click();
  await tile(page, "closure", "Lagt til videre behandling").click();
  await tile(page, "form", "Ja, blanket").click();
  await page.getByText(/Administrér favoritter/).click();
  await page.getByLabel("Navn på favorit").fill(name);
  await page.getByRole("button", { name: "Gem som favorit" }).click();
  const favourite = page.locator(`button[data-favourite="${name}"]`);
  await expect(favourite).toBeVisible();
  // Saving a favourite registers nothing.
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount);

  await favourite.click();
  const byClick = await savedId(page);
  const key = await keyOf(favourite);
  expect(key).toMatch(/^[QWERTYUIO]$/);
  await favourite.focus(); // the keys act inside the registration panel
  await page.keyboard.press(key.toLowerCase());
  const byKey = await nextSavedId(page, byClick);

  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 2);
  const expected = { channelCode: "PRSNLG", task: "23.09.02", contactTypeCode: "OPRET", closureCode: "HOLD", form: true, isTest: false };
  expect(pick(after, [byClick, byKey]).map(fields)).toEqual([expected, expected]);

  await page.getByRole("button", { name: `Slet favorit ${name}` }).click();
  await expect(favourite).toHaveCount(0);
  await page.reload();
  await expect(page.locator("[data-registration-unit]")).toBeVisible();
  await expect(page.locator(`button[data-favourite="${name}"]`)).toHaveCount(0);
});

test("a double Enter and a double POST of the same id each give one row", async ({ page }) => {
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);
  await page.keyboard.press("2"); // Telefon ud
  await tile(page, "task", "Flytning").click();
  await page.keyboard.press("3");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  const id = await savedId(page);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);

  // The outbox resends with the same id after a lost answer: the server answers 200 and adds nothing.
  const row = pick(await fetchToday(page, unitId), [id])[0];
  const payload = {
    id: crypto.randomUUID(),
    unitId,
    channelCode: row.channelCode,
    taskId: row.taskId,
    contactTypeCode: row.contactTypeCode,
    closureCode: row.closureCode,
    form: row.form,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  };
  const headers = { "Content-Type": "application/json" };
  const [a, b] = await Promise.all([
    page.request.post("/api/registrations", { data: payload, headers }),
    page.request.post("/api/registrations", { data: payload, headers }),
  ]);
  expect([a.status(), b.status()].sort()).toEqual([200, 201]);
  const third = await page.request.post("/api/registrations", { data: payload, headers });
  expect(third.status()).toBe(200);
  expect(await third.json()).toEqual({ status: "duplicate" });
  const after = await fetchToday(page, unitId);
  expect(after.ownCount).toBe(before.ownCount + 2);
  expect(after.own.filter((r) => r.id === payload.id)).toHaveLength(1);
});

test("undo, correct and delete own registrations from today", async ({ page }) => {
  const unitId = await openScreen(page);
  const before = await fetchToday(page, unitId);
  await page.keyboard.press("2"); // Telefon ud
  await tile(page, "task", "Kørekort").click();
  await page.keyboard.press("3"); // Info
  await page.keyboard.press("1"); // Straks
  await page.keyboard.press("Enter");
  const undone = await savedId(page);
  await page.getByRole("button", { name: "Fortryd" }).click();
  await expect(page.locator("[data-toast]")).toHaveAttribute("data-toast-status", "undone");
  await expect.poll(async () => (await fetchToday(page, unitId)).own.some((r) => r.id === undone)).toBe(false);

  await page.keyboard.press("g");
  const kept = await nextSavedId(page, undone);
  const item = page.locator(`li[data-registration-id="${kept}"]`);
  await item.getByRole("button", { name: /^Ret / }).click();
  const dialog = page.getByRole("dialog", { name: "Ret registrering" });
  await expectNoAxeViolations(page);
  await dialog.getByLabel("Type").selectOption("VEJL");
  await dialog.getByLabel("Afslutning").selectOption("HOLD");
  await dialog.getByRole("button", { name: "Gem rettelse" }).click();
  await expect(dialog).toHaveCount(0);
  // The correction is confirmed in the panel's status line.
  await expect(page.getByText(/^Rettelsen er gemt: Telefon ud · Kørekort · Vejledning · Videre\.$/)).toBeVisible();
  await expect
    .poll(async () => fields(pick(await fetchToday(page, unitId), [kept])[0]))
    .toEqual({ channelCode: "TLFUD", task: "23.09.04", contactTypeCode: "VEJL", closureCode: "HOLD", form: null, isTest: false });

  // The counter's optional extra question (demo data) is answered afterwards, then the answer removed.
  const question = "Kunne henvendelsen være klaret digitalt?";
  const answers = async () => pick(await fetchToday(page, unitId), [kept])[0].answers;
  expect(await answers()).toEqual([]);
  await item.getByRole("button", { name: /^Ret / }).click();
  await dialog.getByLabel(question).selectOption({ label: "Nej" });
  await dialog.getByRole("button", { name: "Gem rettelse" }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await answers()).length).toBe(1);
  await item.getByRole("button", { name: /^Ret / }).click();
  await expect(dialog.getByLabel(question).locator("option:checked")).toHaveText("Nej");
  await dialog.getByLabel(question).selectOption({ label: "Intet svar" });
  await dialog.getByRole("button", { name: "Gem rettelse" }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await answers()).length).toBe(0);

  await item.getByRole("button", { name: /^Slet / }).click();
  await page.getByRole("dialog", { name: "Slet registreringen?" }).getByRole("button", { name: "Slet registrering" }).click();
  await expect(item).toHaveCount(0);
  const after = await fetchToday(page, unitId);
  expect(after.own.some((r) => r.id === kept)).toBe(false);
  expect(after.ownCount).toBe(before.ownCount);
});

test("the counting-week banner and the tally sheet", async ({ page }) => {
  await openScreen(page);
  // The demo municipality counts in the current week.
  await expect(page.locator('[data-counting="in"]')).toContainText(/Tælleuge \d+/);
  await expect(page.locator("[data-test-mode]")).toHaveCount(0);
  await page.getByRole("link", { name: /Udskriv skema/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tælleskema: Borgerservice – Skranke");
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Ind" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Ud" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /23\.05\.10 Flytning/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Fejlhenvendelse" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a registrant in two units switches unit and gets that unit's channels", async ({ page }) => {
  const skranke = await openScreen(page);
  await page.getByRole("button", { name: "Vælg Borgerservice – Telefon" }).click();
  await expect(page.locator("[data-registration-unit]")).not.toHaveAttribute("data-registration-unit", skranke);
  await expect(tile(page, "channel", "Chat")).toBeVisible();
  await expect(tile(page, "channel", "Personligt fremmøde")).toHaveCount(0);
  // Remembered: a new visit opens the same unit.
  const telefon = await openScreen(page);
  expect(telefon).not.toBe(skranke);
  await expect(tile(page, "channel", "Chat")).toBeVisible();
});
