import { expect, type Page, test } from "@playwright/test";
import { activate, createUnit, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// The cockpit ("Overblik") where coordinators, unit leads and KL land after sign-in, at a laptop's
// 1366×768 and a tablet's 1024×768, with axe scans and no sideways scrolling of the page.

const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "tablet", width: 1024, height: 768 },
] as const;

async function expectNoPageScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function checkAtSizes(page: Page, shot: string) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expectNoPageScroll(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath(`${shot}-${size.name}.png`), fullPage: false });
  }
  // 200 % zoom of 1366×768 is a 683×384 CSS viewport.
  await page.setViewportSize({ width: 683, height: 384 });
  await expectNoPageScroll(page);
  await page.screenshot({ path: test.info().outputPath(`${shot}-zoom200.png`), fullPage: false });
  await page.setViewportSize({ width: 1366, height: 768 });
}

test("a coordinator lands on the municipality's round: units today and this week, setup, uploads", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  await expect(page).toHaveURL(/\/overblik$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overblik: Køge" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Overblik" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const table = page.getByRole("table", { name: /Henvendelser pr. enhed i dag/ });
  await expect(table.getByRole("rowheader", { name: /Borgerservice/ }).first()).toBeVisible();
  await expect(table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "I alt" }) })).toBeVisible();
  await expect(page.getByText("Henvendelser i dag")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Seneste upload" })).toBeVisible();
  // The demo municipality is set up: the checklist is folded away and says so.
  await expect(page.getByText("Kom i gang: alle trin er klaret")).toBeVisible();
  await checkAtSizes(page, "coordinator");
  // A unit's name leads to its setup.
  await table.getByRole("link", { name: "Borgerservice", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Borgerservice" })).toBeVisible();
});

test("KL lands on the national picture: weeks per municipality, contacts per day, who has not started", async ({ page }) => {
  await signIn(page, USERS.national);
  await expect(page).toHaveURL(/\/overblik$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overblik: hele landet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kommuner, der ikke er startet" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Henvendelser pr. dag/ })).toBeVisible();
  const koege = page
    .getByRole("table", { name: /Hvilke kommuner tæller hvilke uger/ })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Køge" }) });
  await expect(koege).toContainText("Tæller");
  await expect(koege).toContainText("I gang");
  await checkAtSizes(page, "national");
  // KL opens one municipality's cockpit from the list.
  await koege.getByRole("link", { name: "Køge" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overblik: Køge" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a unit lead sees their units' day; a registrant still lands on the registration screen", async ({ page, browser }) => {
  await signIn(page, USERS.leadKoege);
  await expect(page).toHaveURL(/\/overblik$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dine enheders dag" })).toBeVisible();
  const table = page.getByRole("table", { name: /Henvendelser pr. enhed i dag/ });
  await expect(table.getByRole("rowheader", { name: /Borgerservice/ }).first()).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /Jobcenter/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "I dag time for time" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kom i gang" })).toHaveCount(0);
  await checkAtSizes(page, "lead");

  const registrant = await (await browser.newContext()).newPage();
  await signIn(registrant, USERS.registrantKoege);
  await expect(registrant).toHaveURL(/\/registrering/);
  await expect(registrant.getByRole("link", { name: "Overblik" })).toHaveCount(0);
  await registrant.context().close();
});

test("a new municipality's coordinator gets a checklist that follows the setup", async ({ page, browser }) => {
  await signIn(page, USERS.national, "/national");
  const form = page.getByRole("form", { name: "Tilføj en kommune" });
  const options = await form.getByLabel("Kommune").locator("option:not([disabled])").allTextContents();
  const choice = options[Math.floor(Math.random() * options.length)];
  const municipality = choice.replace(/ \(\d+\)$/, "");
  const number = /\((\d+)\)$/.exec(choice)![1];
  await form.getByLabel("Kommune").selectOption({ label: choice });
  await form.getByLabel("Tovholderens navn").fill("Tjekliste Tovholder");
  await form.getByLabel("Tovholderens e-mail").fill(`${unique("tjekliste").replace(" ", "-")}@kommune.test`);
  await form.getByRole("button", { name: "Tilføj kommunen" }).click();
  const link = await form
    .getByTestId("secrets")
    .getByLabel(/Aktiveringslink til Tjekliste Tovholder/)
    .inputValue();

  const coordinator = await activate(browser, link);
  await expect(coordinator).toHaveURL(/\/overblik$/);
  await expect(coordinator.getByRole("heading", { level: 1, name: `Overblik: ${municipality}` })).toBeVisible();
  const steps = coordinator.getByRole("region", { name: "Kom i gang" }).getByRole("listitem");
  await expect(steps).toHaveCount(5);
  for (const step of await steps.all()) await expect(step).toContainText("Mangler");
  await checkAtSizes(coordinator, "checklist");

  // Step 1 leads to the units. A new unit gets its kind's channels and tasks, so steps 1 and 2 are
  // done once it exists, and step 3 (counting weeks) is next.
  await steps.nth(0).getByRole("link", { name: "1. Opret enheder" }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(municipality);
  await createUnit(coordinator, unique("Borgerservice"), "CITIZEN_SERVICE");
  await coordinator.goto("/overblik");
  await expect(steps.nth(0)).toContainText("Klaret");
  await expect(steps.nth(1)).toContainText("Klaret");
  await expect(steps.nth(2)).toContainText("Mangler");
  await expect(steps.nth(2).getByRole("link")).toHaveAttribute("href", `/administration/taelleuger?kommune=${number}`);
  await expectNoAxeViolations(coordinator);
  await coordinator.context().close();
});
