import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { activate, unique } from "./admin-helpers";

// KL's own journeys: maintaining a national round (create, correct, delete) and bringing a new
// municipality into Spor with its first coordinator, who then sees the new round when choosing weeks.

async function roundRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

test("KL creates a round that coordinators can join, corrects it and deletes another", async ({ page, browser }) => {
  await signIn(page, USERS.national, "/national");
  await expectNoAxeViolations(page);

  // Two rounds in one week are refused with a clear message, and nothing is created.
  const form = page.getByRole("form", { name: "Ny tællerunde" });
  await form.getByLabel("Navn").fill("Oven i 2013");
  await form.getByLabel("År").fill("2013");
  await form.getByLabel("Første uge").fill("44");
  await form.getByRole("button", { name: "Opret tællerunde" }).click();
  await expect(form.getByRole("alert")).toContainText("Runden overlapper Efterår 2013 i uge 44 2013.");
  await expect(await roundRow(page, "Oven i 2013")).toHaveCount(0);

  // Far in the future, so no other test's weeks are touched.
  const name = `Forår ${2040 + Math.floor(Math.random() * 50)} ${unique("e2e").split(" ")[1]}`;
  const year = name.split(" ")[1];
  await form.getByLabel("Navn").fill(name);
  await form.getByLabel("År").fill(year);
  await form.getByLabel("Første uge").fill("17");
  await form.getByLabel("Antal uger").selectOption("2");
  await form.getByLabel("Opgavepakke").selectOption({ label: "KOMHEN efterår 2013: 45 opgaver" });
  await form.getByRole("button", { name: "Opret tællerunde" }).click();
  await expect(form.getByRole("status")).toContainText(`Tællerunden "${name}" er oprettet.`);
  await expect(await roundRow(page, name)).toContainText(`uge 17–18 ${year}`);

  // A coordinator sees the round among the rounds to join.
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, USERS.coordinatorKoege, "/administration/taelleuger");
  await expect(coordinator.getByText(name).first()).toBeVisible();

  // Correct the name; the weeks can change too while no municipality has chosen any.
  await (await roundRow(page, name)).getByRole("link", { name: `Ret ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectNoAxeViolations(page);
  const edit = page.getByRole("form", { name: "Ret runden" });
  await edit.getByLabel("Navn").fill(`${name} (rettet)`);
  await edit.getByLabel("Antal uger").selectOption("3");
  await edit.getByRole("button", { name: "Gem runden" }).click();
  await expect(edit.getByRole("status")).toContainText("Tællerunden er gemt.");
  await page.goto("/national");
  await expect(await roundRow(page, `${name} (rettet)`)).toContainText(`uge 17–19 ${year}`);

  // Delete it: the dialog asks first, and the round is gone for the coordinator too.
  await (await roundRow(page, `${name} (rettet)`)).getByRole("link").click();
  await page.getByRole("button", { name: "Slet runden" }).click();
  const dialog = page.getByRole("dialog", { name: `Slet ${name} (rettet)?` });
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Slet runden" }).click();
  await expect(page).toHaveURL(/\/national$/);
  await expect(await roundRow(page, `${name} (rettet)`)).toHaveCount(0);
  await coordinator.reload();
  await expect(coordinator.getByText(name)).toHaveCount(0);

  // A round municipalities have joined (the demo's current round) cannot be deleted; the page says why.
  const now = new Date();
  const current = `${now.getMonth() < 6 ? "Forår" : "Efterår"} ${now.getFullYear()}`;
  await (await roundRow(page, current)).getByRole("link").click();
  await expect(page.getByText("Runden kan ikke slettes, fordi kommuner bruger den")).toBeVisible();
  await expect(page.getByRole("button", { name: "Slet runden" })).toHaveCount(0);
  await coordinator.context().close();

  // KL's log has the three changes, newest first, with who made them.
  await page.goto("/national");
  await page.getByRole("link", { name: "KL's log" }).click();
  const rows = page.getByRole("row").filter({ hasText: name });
  await expect(rows.nth(0)).toContainText("National tællerunde slettet");
  await expect(rows.nth(1)).toContainText("National tællerunde rettet");
  await expect(rows.nth(2)).toContainText("National tællerunde oprettet");
  await expect(rows.nth(0)).toContainText("Mette Kjær (KL)");
  await expectNoAxeViolations(page);
});

test("KL adds a municipality and its first coordinator, who signs in to an empty municipality", async ({ page, browser }) => {
  await signIn(page, USERS.national, "/national");
  const form = page.getByRole("form", { name: "Tilføj en kommune" });
  // The demo's municipalities are not offered again.
  await expect(form.getByLabel("Kommune").locator("option", { hasText: "Køge (259)" })).toHaveCount(0);
  const options = await form.getByLabel("Kommune").locator("option:not([disabled])").allTextContents();
  const choice = options[Math.floor(Math.random() * options.length)];
  const municipality = choice.replace(/ \(\d+\)$/, "");
  const email = `${unique("tovholder").replace(" ", "-")}@kommune.test`;
  await form.getByLabel("Kommune").selectOption({ label: choice });
  await form.getByLabel("Tovholderens navn").fill("Tove Holder");
  await form.getByLabel("Tovholderens e-mail").fill(email);
  await form.getByRole("button", { name: "Tilføj kommunen" }).click();
  await expect(form.getByRole("status")).toContainText(`${municipality} Kommune er tilføjet.`);
  const link = await form
    .getByTestId("secrets")
    .getByLabel(/Aktiveringslink til Tove Holder/)
    .inputValue();
  await expectNoAxeViolations(page);
  await expect(page.getByRole("rowheader", { name: municipality, exact: true })).toBeVisible();

  const coordinator = await activate(browser, link);
  await coordinator.goto("/administration");
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(municipality);
  await expect(coordinator.getByText("Kommunen har ingen enheder endnu.")).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await coordinator.context().close();
});

test("KL copies a task package, adds and takes out tasks, and a begun round's package is frozen", async ({ page }) => {
  await signIn(page, USERS.national, "/national");
  await page.getByRole("link", { name: "Opgavepakker" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opgavepakker" })).toBeVisible();
  await expectNoAxeViolations(page);

  const name = unique("KOMHEN kopi");
  const form = page.getByRole("form", { name: "Ny opgavepakke" });
  await form.getByLabel("Navn", { exact: true }).fill(name);
  await form.getByLabel("Kopiér opgaverne fra").selectOption({ label: "KOMHEN forår 2016: 8 obligatoriske opgaver" });
  await form.getByRole("button", { name: "Opret opgavepakke" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("8 opgaver, heraf 8 obligatoriske.")).toBeVisible();

  // Unknown numbers are named and nothing is added; then two known ones are added as optional.
  const add = page.getByRole("form", { name: "Tilføj opgaver" });
  await add.getByLabel("KLE-numre").fill("23.05.10 99.99.99");
  await add.getByRole("button", { name: "Tilføj opgaverne" }).click();
  await expect(add.getByRole("alert")).toContainText("Ukendte opgavenumre: 99.99.99.");
  await add.getByLabel("KLE-numre").fill("23.05.10, 23.09.02");
  await add.getByLabel("Obligatoriske").uncheck();
  await add.getByLabel("Behovsgruppe (valgfri)").fill("Bølge 9");
  await add.getByRole("button", { name: "Tilføj opgaverne" }).click();
  await expect(add.getByRole("status")).toContainText("2 opgaver er tilføjet.");
  await expect(page.getByText("10 opgaver, heraf 8 obligatoriske.")).toBeVisible();
  const flytning = page.locator('tr[data-task-number="23.05.10"]');
  await expect(flytning).toContainText("Bølge 9");
  await expectNoAxeViolations(page);

  await flytning.getByRole("button", { name: /^Gør obligatorisk/ }).click();
  await expect(page.getByText("10 opgaver, heraf 9 obligatoriske.")).toBeVisible();
  await flytning.getByRole("button", { name: /^Tag ud/ }).click();
  await expect(flytning).toContainText("Udgået");
  await expect(page.getByText("9 opgaver, heraf 8 obligatoriske.")).toBeVisible();

  // The autumn-2013 package belongs to a round that began long ago: no changes, a way forward.
  await page.goto("/national/opgavepakker");
  await page.getByRole("link", { name: "KOMHEN efterår 2013: 45 opgaver" }).click();
  await expect(page.getByText("Pakken bruges af Efterår 2013, som er begyndt")).toBeVisible();
  await expect(page.getByRole("form", { name: "Tilføj opgaver" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Tag ud/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

/** A KLE-Emneplan 2.0 document with numbers no other spec uses (the e2e database is shared). */
function kleXml(title: string): string {
  const admin = (tag: string) => `<${tag}AdministrativInfo><OprettetDato>2020-01-01</OprettetDato></${tag}AdministrativInfo>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<KLE-Emneplan><UdgivelsesDato>2026-05-01</UdgivelsesDato>
<Hovedgruppe><HovedgruppeNr>86</HovedgruppeNr><HovedgruppeTitel>Testområde</HovedgruppeTitel>${admin("Hovedgruppe")}
<Gruppe><GruppeNr>86.01</GruppeNr><GruppeTitel>Testgruppe</GruppeTitel>${admin("Gruppe")}
<Emne><EmneNr>86.01.02</EmneNr><EmneTitel>${title}</EmneTitel>${admin("Emne")}</Emne>
</Gruppe></Hovedgruppe></KLE-Emneplan>`;
}

test("KL loads KLE; a coordinator then finds the new task when setting up a unit", async ({ page, browser }) => {
  await signIn(page, USERS.national, "/national");
  const form = page.getByRole("form", { name: "Indlæs KLE" });
  await form
    .getByLabel("KLE-Emneplan (XML, format 2.0)")
    .setInputFiles({ name: "noget.xml", mimeType: "text/xml", buffer: Buffer.from("<Noget/>") });
  await form.getByRole("button", { name: "Indlæs KLE" }).click();
  await expect(form.getByRole("alert")).toContainText("Filen er ikke en KLE-Emneplan");

  const title = unique("Prøveemne");
  await form
    .getByLabel("KLE-Emneplan (XML, format 2.0)")
    .setInputFiles({ name: "KLE-Emneplan.xml", mimeType: "text/xml", buffer: Buffer.from(kleXml(title)) });
  // The file goes to the streamed route handler, not a server action.
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/kle") && r.request().method() === "POST");
  await form.getByRole("button", { name: "Indlæs KLE" }).click();
  expect((await posted).status()).toBe(200);
  await expect(form.getByRole("status")).toContainText("KLE udgivet 2026-05-01 er indlæst");
  await page.reload();
  await expect(page.getByText(/KLE-numre er indlæst fra KLE udgivet 2026-05-01/)).toBeVisible();
  await expectNoAxeViolations(page);

  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, USERS.coordinatorKoege, "/administration");
  await coordinator.getByRole("link", { name: "Jobcenter", exact: true }).click();
  await coordinator.getByLabel("KLE-nummer eller ord fra titlen").fill(title.split(" ")[1]);
  await coordinator.getByRole("button", { name: "Søg", exact: true }).click();
  await expect(coordinator.getByRole("form", { name: "Søgeresultater" }).getByRole("checkbox", { name: /86\.01\.02/ })).toBeVisible();
  await coordinator.context().close();
});
