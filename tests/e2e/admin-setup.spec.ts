import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { createUnit, roundCard, setChannels, unique } from "./admin-helpers";

async function checkedChannels(page: Page): Promise<string[]> {
  return page
    .getByRole("form", { name: "Kanaler" })
    .locator('input[name="channel"]:checked')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
}

async function openUnit(page: Page, name: string) {
  await page.goto("/administration");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("Start fra sidste runde puts back the setup the municipality had in its last round", async ({ page }) => {
  await signIn(page, USERS.coordinatorKbh, "/administration");
  await expect(page.getByText("Når kommunen har talt i en national runde")).toBeVisible();

  const card = await roundCard(page, "Efterår 2013");
  await card.getByText("Ret ugerne i Efterår 2013").click();
  for (const week of await card.getByRole("checkbox", { name: /Uge/ }).all()) await week.check();
  await card.getByRole("button", { name: "Deltag med de valgte uger" }).click();
  await expect(card.getByText("Kommunen tæller i 3 uger af runden.")).toBeVisible();

  await openUnit(page, "Jobcenter");
  const original = await checkedChannels(page);
  expect(original.length).toBeGreaterThan(2);
  await setChannels(page, ["PRSNLG"]);

  await page.goto("/administration");
  const section = page.getByRole("region", { name: "Start fra sidste runde" });
  await expect(section).toContainText("Sidste runde, kommunen talte i: Efterår 2013.");
  await expect(section).toContainText("kanalvalg sættes tilbage");
  await section.getByRole("button", { name: "Start fra sidste runde" }).click();
  const dialog = page.getByRole("dialog", { name: "Start fra sidste runde?" });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Ja, start fra sidste runde" }).click();
  await expect(page.getByText(/Opsætningen fra Efterår 2013 er genskabt/)).toBeVisible();

  await openUnit(page, "Jobcenter");
  expect(await checkedChannels(page)).toEqual(original);
  await page.goto("/administration/log");
  await expect(page.getByRole("table")).toContainText("Startet fra sidste runde");
  await expectNoAxeViolations(page);
});

test("national staff read any municipality's administration and change nothing", async ({ page }) => {
  await signIn(page, USERS.national);
  for (const path of [
    "/administration",
    "/administration/taelleuger",
    "/administration/brugere",
    "/administration/spoergsmaal",
    "/administration/log",
  ]) {
    await page.goto(`${path}?kommune=259`);
    await expect(page.getByText("Du ser kommunens opsætning som læser.")).toBeVisible();
    await expect(page.getByRole("button", { name: /Opret|Invitér|Gem|Deltag/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
  }
  await page.goto("/administration?kommune=259");
  await page.getByRole("link", { name: "Jobcenter", exact: true }).click();
  await expect(page.getByText("Du ser enhedens opsætning som læser.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Gem|Arkivér|Tilføj/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("forms tampered with another municipality's ids are refused and change nothing", async ({ page, browser }) => {
  // Learn København's Jobcenter id the honest way: national staff read it.
  const national = await (await browser.newContext()).newPage();
  await signIn(national, USERS.national, "/administration?kommune=101");
  const kbhUnit = await national
    .locator("li[data-unit-id]", { has: national.getByRole("link", { name: "Jobcenter", exact: true }) })
    .getAttribute("data-unit-id");
  expect(kbhUnit).toMatch(/^[0-9a-f-]{36}$/);

  await signIn(page, USERS.coordinatorKoege);
  expect((await page.goto(`/administration/enheder/${kbhUnit}`))?.status()).toBe(404);
  await openUnit(page, "Jobcenter");
  const rename = page.getByRole("form", { name: "Navn og type" });
  await rename.locator('input[name="unitId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id!), kbhUnit);
  await rename.getByLabel("Navn").fill("Overtaget");
  await rename.getByRole("button", { name: "Gem navn og type" }).click();
  await expect(rename.getByRole("alert")).toContainText("Enheden findes ikke i kommunen.");

  // København's municipality id, as national staff see it in their question form.
  await national.goto("/administration/spoergsmaal?kommune=101");
  const kbhMunicipality = await national.getByRole("checkbox", { name: "101 København" }).getAttribute("value");
  expect(kbhMunicipality).toMatch(/^[0-9a-f-]{36}$/);
  await page.goto("/administration");
  const create = page.getByRole("form", { name: "Ny enhed" });
  await create.locator('input[name="municipalityId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id!), kbhMunicipality);
  await create.getByLabel("Navn").fill("Indbrud");
  await create.getByRole("button", { name: "Opret enhed" }).click();
  await expect(create.getByRole("alert")).toContainText("Du har ikke adgang til dette.");

  await national.goto("/administration?kommune=101");
  await expect(national.getByRole("link", { name: "Overtaget" })).toHaveCount(0);
  await expect(national.getByRole("link", { name: "Indbrud" })).toHaveCount(0);
  await expect(national.getByRole("link", { name: "Jobcenter", exact: true })).toHaveCount(1);
  await national.context().close();
});

test("every administration page and dialog passes axe", async ({ page }) => {
  // Eleven axe scans of full pages: up to a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege);
  const unitName = unique("Axe-enhed");
  await createUnit(page, unitName, "SOCIAL");
  await expectNoAxeViolations(page);

  // The confirmation dialogs on the unit page.
  for (const [trigger, title] of [
    ["Arkivér enheden", `Arkivér ${unitName}?`],
    ["Slet enheden", `Slet ${unitName}?`],
  ]) {
    await page.getByRole("button", { name: trigger }).click();
    const dialog = page.getByRole("dialog", { name: title });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByRole("button", { name: "Annullér" }).click();
    await expect(dialog).toBeHidden();
  }

  // A shared unit login, its new-password dialog, and the password shown once.
  await page.getByRole("button", { name: "Opret fælles login" }).click();
  await expect(page.getByText("Det fælles login er klar.")).toBeVisible();
  await expect(page.getByLabel("Adgangskode (vises kun nu)")).toHaveValue(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Lav ny adgangskode" }).click();
  await expect(page.getByRole("dialog", { name: "Lav ny adgangskode til det fælles login?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Annullér" }).click();

  // Options and the obligatory package tasks in one click.
  await page.getByRole("button", { name: /Tilføj alle \d+ manglende obligatoriske opgaver/ }).click();
  await expect(page.getByText(/\d+ obligatoriske opgaver er tilføjet\./)).toBeVisible();

  // An extra question, created and opened.
  await page.goto("/administration/spoergsmaal");
  await expectNoAxeViolations(page);
  const form = page.getByRole("form", { name: "Nyt spørgsmål" });
  const text = unique("Er borgeren over 65?");
  await form.getByLabel("Spørgsmål", { exact: true }).fill(text);
  await form.getByLabel("Svarmuligheder – én pr. linje").fill("Over 65\nUnder 65\nUkendt");
  await form.getByRole("checkbox", { name: unitName, exact: true }).check();
  await form.getByRole("button", { name: "Opret spørgsmål" }).click();
  await expect(page.getByRole("heading", { level: 1, name: text })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Over 65");
  await expectNoAxeViolations(page);

  for (const path of ["/administration/taelleuger", "/administration/brugere", "/administration/log"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await page.goto("/administration/brugere");
  await page.getByRole("link", { name: "Jonas Berg" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jonas Berg" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Deaktivér brugeren" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Annullér" }).click();
});
