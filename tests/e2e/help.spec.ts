import { expect, test } from "@playwright/test";
import { KEY_REPEAT, keyCap, OPTION_KEYS } from "@/components/registration/keys";
import { CLOSURES, CONTACT_TYPES } from "@/lib/reference/codes";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { openScreen } from "./registration-helpers";

// The counting rules for registrants (/hjaelp): reached from the registration screen without
// disturbing its keyboard handling, and open to every signed-in user.

const RULES = [
  "Én registrering pr. opgave.",
  "Spørger en borger om to opgaver, fx pas og flytning, er det to registreringer.",
  "er to registreringer: én indgående og én udgående.",
  "tæller én gang for hver modtager.",
  "En blanket er aldrig en henvendelse i sig selv.",
  "interne henvendelser fra kolleger og andre afdelinger i kommunen",
  "private henvendelser",
  "spam og nyhedsbreve",
];

test("a registrant follows the link from the registration screen to the counting rules", async ({ page }) => {
  await signIn(page, USERS.registrantKoege);
  await openScreen(page);
  const link = page.getByRole("main").getByRole("link", { name: "Sådan tæller du" });
  await expect(link).toBeVisible();

  // The link takes no focus: focus is still in the panel's active step, and its digit key works there.
  const active = page.locator('[data-registration-panel] [data-step][aria-current="step"]');
  const step = await active.getAttribute("data-step");
  await expect(page.locator(`[data-step="${step}"] input:focus`)).toHaveCount(1);
  await page.keyboard.press(OPTION_KEYS[0]);
  await expect(
    page
      .locator(`[data-step="${step}"] label`)
      .filter({ has: page.locator("kbd", { hasText: /^1$/ }) })
      .locator("input"),
  ).toBeChecked();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");

  await link.click();
  await expect(page).toHaveURL(/\/hjaelp$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sådan tæller du" })).toBeVisible();
  const main = page.getByRole("main");
  for (const rule of RULES) await expect(main.getByText(rule, { exact: false }).first(), rule).toBeVisible();
  await expect(main.getByRole("heading", { name: "Fejlhenvendelse" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Prøvetælling" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Uden for tælleugerne" })).toBeVisible();
  await expect(main.getByText("Registreringerne gemmes i browseren på denne computer og sendes automatisk")).toBeVisible();

  // Types and closures come from the same code tables as the registration screen.
  for (const type of CONTACT_TYPES) await expect(main.locator("[data-help-types] li", { hasText: type.label }).first()).toBeVisible();
  for (const closure of CLOSURES) await expect(main.locator("[data-help-closures]")).toContainText(closure.label);

  // The shortcut table is built from keys.ts: the repeat key is in the row about Gentag.
  const table = main.getByRole("table", { name: "Genvejstaster på registreringssiden" });
  const repeat = table.getByRole("row").filter({ hasText: "Gentag" });
  await expect(repeat).toHaveCount(1);
  await expect(repeat.getByRole("rowheader")).toHaveText(keyCap(KEY_REPEAT));

  await expectNoAxeViolations(page);
  await main.getByRole("link", { name: "Til registreringen" }).click();
  await expect(page).toHaveURL(/\/registrering$/);
});

test("every signed-in user opens the help from the header, registrant or not", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  await page.getByRole("banner").getByRole("link", { name: "Sådan tæller du" }).click();
  await expect(page).toHaveURL(/\/hjaelp$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sådan tæller du" })).toBeVisible();
  // A coordinator does not register: no link to a screen they cannot open.
  await expect(page.getByRole("main").getByRole("link", { name: "Til registreringen" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the help page needs a session", async ({ page }) => {
  await page.goto("/hjaelp");
  await expect(page).toHaveURL(/\/login/);
});
