import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// The export form on /data, submitted the way a user does it (empty fields mean "no filter"), for a
// coordinator with a channel filter and for national staff across all municipalities.

async function download(page: Page): Promise<{ header: string[]; rows: string[][] }> {
  const form = page.locator('form[action="/api/exports/registrations"]');
  const [file] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Hent registreringer" }).click()]);
  const text = fs
    .readFileSync((await file.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim();
  const [header, ...rows] = text.split(/\r?\n/).map((line) => line.split(";"));
  return { header, rows };
}

const column = (file: { header: string[]; rows: string[][] }, name: string) => file.rows.map((r) => r[file.header.indexOf(name)]);

test("a coordinator exports with the form, all channels or one", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const all = await download(page);
  expect(all.rows.length).toBeGreaterThan(0);
  expect(new Set(column(all, "kommunenummer"))).toEqual(new Set(["259"]));
  const channels = column(all, "kanal");
  expect(new Set(channels).size).toBeGreaterThan(1);

  const form = page.locator('form[action="/api/exports/registrations"]');
  await form.getByLabel("Kanal").selectOption(channels[0]); // the column holds the channel code, the option's value
  const one = await download(page);
  expect(new Set(column(one, "kanal"))).toEqual(new Set([channels[0]]));
  expect(one.rows.length).toBe(channels.filter((c) => c === channels[0]).length);
});

test("national staff export every municipality from /data and cannot upload or undo", async ({ page }) => {
  await signIn(page, USERS.national);
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Indlæs fil" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Fortryd/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const file = await download(page);
  expect(new Set(column(file, "kommunenummer"))).toEqual(new Set(["101", "259"]));
});
