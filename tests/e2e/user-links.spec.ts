import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { activate, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// Without mail, a coordinator who imports users gets their activation links once, as one CSV.

test("an import without mail offers the links once as a CSV, and the links work", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.coordinatorKoege, "/administration/brugere");
  const csv = page.getByRole("form", { name: "Opret brugere fra CSV" });
  const [first, second] = [unique("Linda Link"), unique("Lars Link")];
  const stamp = Date.now();
  await csv
    .getByLabel("… eller indsæt listen her")
    .fill(
      `Navn;E-mail;Rolle;Enhed\n${first};linda-${stamp}@koege.test;medarbejder;Jobcenter\n${second};lars-${stamp}@koege.test;tovholder;`,
    );
  await csv.getByRole("button", { name: "Opret brugerne" }).click();
  await expect(csv.getByRole("status").first()).toContainText("2 brugere er oprettet. Hent deres aktiveringslinks som CSV nu");
  const box = page.getByTestId("link-download");
  await expect(box).toContainText("2 aktiveringslinks kan hentes én gang");
  // The page itself never shows a link.
  await expect(page.locator("body")).not.toContainText("/aktiver/");
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent("download");
  await box.getByRole("button", { name: "Hent links som CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("aktiveringslinks.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("Navn;E-mail;Rolle;Link;Udløber");
  expect(lines).toHaveLength(3);
  const linda = lines.find((l) => l.startsWith(first))!;
  expect(linda).toContain("Medarbejder – Jobcenter");
  await expect(box.getByRole("status")).toContainText("Linkene er hentet. De vises ikke igen");
  await expect(box.getByRole("button", { name: "Hent links som CSV" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A downloaded link activates the account.
  const link = linda.split(";")[3];
  expect(link).toMatch(/\/aktiver\/[A-Za-z0-9_-]{43}$/);
  const activated = await activate(browser, new URL(new URL(link).pathname, page.url()).href);
  await activated.context().close();
});
