import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { activate, createUnit, invite, setChannels, unique } from "./admin-helpers";
import { fetchToday, savedId, tile } from "./registration-helpers";

// A unit in "Prøvetælling" with time measurement, from the coordinator's switch to the registrant's
// screen and back: the banner, the timer, the test flag and the stored start/end, and the
// coordinator's "Slet testregistreringer". The unit is made here, so no other spec sees it.

async function saveOptions(page: Page, options: { timeMeasurement: boolean; testMode: boolean }) {
  const form = page.getByRole("form", { name: "Indstillinger" });
  await form.getByLabel("Tidsmåling").setChecked(options.timeMeasurement);
  await form.getByLabel("Prøvetælling").setChecked(options.testMode);
  await form.getByRole("button", { name: "Gem indstillinger" }).click();
  await expect(form.getByRole("button", { name: "Gem indstillinger" })).toBeEnabled();
}

test("a unit in test mode with time measurement: banner, timer, test rows, and deleting them", async ({ page, browser }) => {
  test.setTimeout(180_000); // a journey across two roles: unit, invitation, activation, registration
  await signIn(page, USERS.coordinatorKoege);
  const name = unique("Prøveenhed");
  await createUnit(page, name);
  const unitUrl = page.url();
  await setChannels(page, ["TLFIND"]);
  await page.getByLabel("KLE-nummer eller ord fra titlen").fill("23.09.02");
  await page.getByRole("button", { name: "Søg", exact: true }).click();
  const results = page.getByRole("form", { name: "Søgeresultater" });
  await results.getByRole("checkbox", { name: /23\.09\.02/ }).check();
  await results.getByRole("button", { name: "Tilføj valgte opgaver" }).click();
  await expect(page.getByText("1 opgave er tilføjet.")).toBeVisible();
  await saveOptions(page, { timeMeasurement: true, testMode: true });
  await page.reload();
  await expect(page.getByText("Prøvetælling", { exact: true }).first()).toBeVisible();

  const email = `${unique("prove").replace(" ", "-")}@koege.test`;
  const registrant = await activate(browser, await invite(page, { name: "Pia Prøve", email, units: [name] }));
  await registrant.goto("/registrering");
  const screen = registrant.locator("[data-registration-unit]");
  await expect(screen).toBeVisible();
  const unitId = (await screen.getAttribute("data-registration-unit"))!;
  await expect(registrant.getByText(`${name} øver sig`)).toBeVisible();
  await expectNoAxeViolations(registrant);

  // Start the timer with its key, let it run past a second, and register with the mouse.
  await expect(registrant.locator("[data-registration-panel] input:focus")).toHaveCount(1);
  await registrant.keyboard.press("m");
  await expect(registrant.getByRole("button", { name: /Stop tid/ })).toHaveAttribute("aria-pressed", "true");
  await expect(registrant.getByLabel("Tid brugt")).toHaveText(/^0:0[1-9]$/);
  await expectNoAxeViolations(registrant);
  await tile(registrant, "channel", "Telefon").click();
  await tile(registrant, "task", "Pas").click();
  await tile(registrant, "type", "Status").click();
  await tile(registrant, "closure", "Straksafsluttet").click();
  await registrant.getByRole("button", { name: /^Gem/ }).click();
  const id = await savedId(registrant);
  // The toast says it was a test registration, never just "Registreret".
  await expect(registrant.locator("[data-toast]")).toContainText("Prøveregistrering gemt");
  await expect(registrant.getByRole("button", { name: /Start tid/ })).toHaveAttribute("aria-pressed", "false");

  const row = (await fetchToday(registrant, unitId)).own.find((r) => r.id === id) as
    { isTest: boolean; startedAt: string | null; endedAt: string | null } | undefined;
  expect(row?.isTest).toBe(true);
  const seconds = (Date.parse(row!.endedAt!) - Date.parse(row!.startedAt!)) / 1000;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThan(60);
  const item = registrant.locator(`li[data-registration-id="${id}"]`);
  await expect(item).toContainText("Prøvetælling");
  await expect(item).toContainText(/Tid 0:\d\d/);

  // The coordinator sees the test row, deletes the test rows, and ends test mode.
  await page.goto(unitUrl);
  await expect(page.getByText("Enheden har 1 testregistrering.")).toBeVisible();
  await page.getByRole("button", { name: "Slet testregistreringer" }).click();
  const dialog = page.getByRole("dialog", { name: "Slet alle testregistreringer?" });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Slet 1 testregistrering" }).click();
  await expect(page.getByText("Enheden har 0 testregistreringer.")).toBeVisible();
  await saveOptions(page, { timeMeasurement: false, testMode: false });

  // Back on the registration screen: no banner, no timer, and the test row is gone.
  await registrant.reload();
  await expect(screen).toBeVisible();
  await expect(registrant.getByText(`${name} øver sig`)).toHaveCount(0);
  await expect(registrant.getByRole("button", { name: /Start tid/ })).toHaveCount(0);
  expect((await fetchToday(registrant, unitId)).own.find((r) => r.id === id)).toBeUndefined();
  await registrant.context().close();
});
