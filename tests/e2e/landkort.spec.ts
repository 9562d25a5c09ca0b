import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// Det Digitale Landkort (/landkort): a visitor reads the map and the table without signing in, with
// and without JavaScript; a coordinator publishes and unpublishes the municipality's figures, and an
// unpublished municipality's figures are on no public URL (page, CSV, JSON).

async function visitor(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  return context.newPage();
}

test("a visitor reads the map and the table without signing in", async ({ browser }) => {
  // Two axe scans of a page with 98 map links and a 98-row table, on a shared two-core machine.
  test.slow();
  const page = await visitor(browser);
  await page.goto("/landkort");
  await expect(page).toHaveURL(/\/landkort$/);
  await expect(page.getByRole("heading", { level: 1, name: "Det Digitale Landkort" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Landstal, / })).toBeVisible();
  await expect(page.locator("svg [data-kommune]")).toHaveCount(98);
  // Nothing is published in the demo: every municipality reads «ikke offentliggjort», on the map and in the table.
  const koege = page.locator('[data-kommune="259"]');
  await expect(koege).toHaveAttribute("aria-label", "Køge: ikke offentliggjort");
  await expect(page.locator("#kommune-259")).toContainText("ikke offentliggjort");
  await expect(page.getByRole("list", { name: "Signaturforklaring" })).toContainText("80–100 %");
  await expectNoAxeViolations(page);

  // Keyboard: a municipality takes focus and leads to its row in the table.
  await koege.focus();
  await expect(koege).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#kommune-259$/);

  // The key figure is chosen with a plain GET form.
  await page.getByLabel("Kortet viser").selectOption("deltagelse");
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/noegletal=deltagelse/);
  await expect(page.getByRole("list", { name: "Signaturforklaring" })).toContainText("Deltog ikke");
  await expectNoAxeViolations(page);
  await page.context().close();
});

test("the map works without JavaScript", async ({ browser }) => {
  const page = await visitor(browser, false);
  await page.goto("/landkort");
  await expect(page.locator("svg [data-kommune]")).toHaveCount(98);
  await page.getByLabel("Kortet viser").selectOption("digital");
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(page).toHaveURL(/noegletal=digital/);
  await expect(page.getByRole("heading", { name: "Andel digitale kanaler" })).toBeVisible();
  await page.context().close();
});

async function publicFigures(page: Page, number: number) {
  const json = await (await page.request.get("/api/landkort?format=json")).json();
  const csv = await (await page.request.get("/api/landkort?format=csv")).text();
  await page.goto("/landkort");
  return {
    json: json.municipalities.find((m: { number: number }) => m.number === number),
    csvLine: csv.split("\r\n").find((line) => line.startsWith(`${number};`)),
    label: await page.locator(`[data-kommune="${number}"]`).getAttribute("aria-label"),
    row: await page.locator(`#kommune-${number}`).innerText(),
  };
}

test("a coordinator publishes and unpublishes; København, unpublished, stays hidden everywhere", async ({ page, browser }) => {
  test.slow(); // three rounds of page, CSV and JSON, and two sign-in pages
  const anonymous = await visitor(browser);
  const before = await publicFigures(anonymous, 259);
  expect(before.json.status).toBe("ikke offentliggjort");
  expect(before.csvLine).toBe("259;Køge;ikke offentliggjort;;;;;;");

  await signIn(page, USERS.coordinatorKoege, "/administration");
  const section = page.getByRole("form", { name: "Offentliggørelse på Det Digitale Landkort" });
  await section.getByRole("button", { name: "Offentliggør kommunens tal" }).click();
  await expect(page.getByText("Kommunens tal vises nu på Det Digitale Landkort.")).toBeVisible();
  await expectNoAxeViolations(page);

  const published = await publicFigures(anonymous, 259);
  expect(published.json.status).toBe("offentliggjort");
  expect(published.csvLine).toMatch(/^259;Køge;offentliggjort;(JA|NEJ);\d+;/);
  expect(published.label).not.toContain("ikke offentliggjort");
  expect(published.row).not.toContain("ikke offentliggjort");
  // København has not published: number, name and status only, on every public URL.
  const kbh = await publicFigures(anonymous, 101);
  expect(kbh.json).toEqual({
    number: 101,
    name: "København",
    status: "ikke offentliggjort",
    participated: null,
    contacts: null,
    selfService: null,
    selfServiceN: null,
    digital: null,
    digitalN: null,
  });
  expect(kbh.csvLine).toBe("101;København;ikke offentliggjort;;;;;;");
  expect(kbh.label).toBe("København: ikke offentliggjort");

  await page.goto("/administration");
  await page.getByRole("button", { name: "Stop offentliggørelse" }).click();
  await expect(page.getByText("Kommunens tal vises ikke længere på Det Digitale Landkort.")).toBeVisible();
  const after = await publicFigures(anonymous, 259);
  expect(after.json.status).toBe("ikke offentliggjort");
  expect(after.label).toBe("Køge: ikke offentliggjort");
  await anonymous.context().close();
});
