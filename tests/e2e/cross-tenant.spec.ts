import { expect, test } from "@playwright/test";
import { unique } from "./admin-helpers";
import { signIn, USERS } from "./helpers";

// A user of one municipality guesses ids of another in URLs, route handlers and actions.
// Every attempt must be refused and reveal nothing.

async function unitIdsOnPage(page: import("@playwright/test").Page): Promise<string[]> {
  return page.locator("[data-unit-id]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-unit-id") ?? ""));
}

test("a Køge coordinator cannot open København's administration by URL", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  const response = await page.goto("/administration?kommune=101");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("København")).toHaveCount(0);
});

test("a registrant cannot open administration, data or national pages", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  for (const path of ["/administration", "/data", "/national", "/rapporter"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("route handlers refuse another municipality's unit ids", async ({ page }) => {
  // Learn a København unit id the honest way, as København's registrant.
  await signIn(page, USERS.registrantKbh, "/registrering");
  const [kbhUnit] = await unitIdsOnPage(page);
  expect(kbhUnit).toMatch(/^[0-9a-f-]{36}$/);
  expect((await page.request.get(`/api/units/${kbhUnit}`)).status()).toBe(200);
  await page.context().clearCookies();

  await signIn(page, USERS.registrantKoege);
  const denied = await page.request.get(`/api/units/${kbhUnit}`);
  expect(denied.status()).toBe(404);
  expect(await denied.text()).not.toContain("København");
  // A malformed id gets the same answer as a foreign one.
  expect((await page.request.get("/api/units/not-a-uuid")).status()).toBe(404);
});

test("an action called with another municipality's unit id is refused and changes nothing", async ({ page }) => {
  await signIn(page, USERS.registrantKbh, "/registrering");
  const [kbhUnit] = await unitIdsOnPage(page);
  await page.context().clearCookies();

  await signIn(page, USERS.registrantKoege, "/registrering");
  const before = await page.context().cookies();
  // Tamper with the unit picker's value, as an attacker with dev tools would.
  const form = page
    .locator('form[data-form="choose-unit"]')
    .filter({ has: page.locator('button[type="submit"]') })
    .first();
  await form.locator('[name="unitId"]').evaluate((el, id) => {
    (el as HTMLInputElement).value = id;
  }, kbhUnit);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByText("Du kan ikke registrere i den enhed.")).toBeVisible();
  const after = await page.context().cookies();
  expect(after.find((c) => c.name === "spor.unit")?.value).toBe(before.find((c) => c.name === "spor.unit")?.value);
});

test("a Køge coordinator opening København's administration and price pages by URL gets 'not found' and sees none of it", async ({
  page,
  browser,
}) => {
  // Learn København's users the honest way: national staff read København's user list.
  const national = await (await browser.newContext()).newPage();
  await signIn(national, USERS.national);
  expect((await national.goto("/administration/brugere?kommune=101"))?.status()).toBe(200);
  const kbhUsers = await national
    .locator('a[href^="/administration/brugere/"]')
    .evaluateAll((links) => links.map((a) => ({ id: a.getAttribute("href")!.split("/")[3].split("?")[0], name: a.textContent!.trim() })));
  await national.context().close();
  expect(kbhUsers.map((u) => u.name)).toEqual(expect.arrayContaining(["Sofie Dahl", "Omar Hassan"]));
  for (const u of kbhUsers) expect(u.id).toMatch(/^[0-9a-f-]{36}$/);

  // The demo has no question of København's own, so København's coordinator makes one (in a unit no
  // demo registrant counts in, so no other spec's registration screen changes).
  const kbh = await (await browser.newContext()).newPage();
  await signIn(kbh, USERS.coordinatorKbh, "/administration/spoergsmaal");
  const questionText = unique("Københavnsk spørgsmål");
  const form = kbh.getByRole("form", { name: "Nyt spørgsmål" });
  await form.getByLabel("Spørgsmål", { exact: true }).fill(questionText);
  await form.getByLabel("Svarmuligheder – én pr. linje").fill("Ja\nNej");
  await form.getByRole("checkbox", { name: "Teknik og Miljø", exact: true }).check();
  await form.getByRole("button", { name: "Opret spørgsmål" }).click();
  await expect(kbh.getByRole("heading", { level: 1, name: questionText })).toBeVisible();
  const kbhQuestion = kbh.url().split("/administration/spoergsmaal/")[1].split("?")[0];
  expect(kbhQuestion).toMatch(/^[0-9a-f-]{36}$/);
  await kbh.context().close();

  // Nothing of København may show: its name, its people, their e-mails, its question.
  const secrets = ["København", "@kbh.test", questionText, ...kbhUsers.map((u) => u.name)];
  async function expectNotFound(path: string) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    for (const secret of secrets) await expect(page.locator("body"), `${path} shows ${secret}`).not.toContainText(secret);
  }

  await signIn(page, USERS.coordinatorKoege);
  for (const u of kbhUsers) {
    await expectNotFound(`/administration/brugere/${u.id}`);
    await expectNotFound(`/administration/brugere/${u.id}?kommune=101`);
  }
  await expectNotFound(`/administration/spoergsmaal/${kbhQuestion}`);
  await expectNotFound(`/administration/spoergsmaal/${kbhQuestion}?kommune=101`);
  // Another municipality's number is "not found" (never a fall-back to Køge's page).
  for (const tab of ["", "/taelleuger", "/brugere", "/spoergsmaal", "/log", "/api-noegler"])
    await expectNotFound(`/administration${tab}?kommune=101`);
  await expectNotFound("/rapporter/kanalpriser?kommune=101");

  // The same pages without København's ids work and show Køge's own data only.
  for (const [path, own] of [
    ["/administration/brugere", "Jonas Berg"],
    ["/administration/spoergsmaal", "Kunne henvendelsen være klaret digitalt?"],
    ["/rapporter/kanalpriser", "Kanalpriser for Køge"],
    ["/rapporter/kanalpriser?kommune=259", "Kanalpriser for Køge"],
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await expect(page.locator("main")).toContainText(own);
    for (const secret of secrets) await expect(page.locator("body"), `${path} shows ${secret}`).not.toContainText(secret);
  }
});
