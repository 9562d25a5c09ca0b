import { expect, test } from "@playwright/test";
import { signIn, signOut, USERS } from "./helpers";

const NAV = { name: "Hovedmenu" } as const;

async function navLabels(page: import("@playwright/test").Page) {
  return page.getByRole("navigation", NAV).getByRole("link").allInnerTexts();
}

test.describe("sign-in and navigation by role", () => {
  const expectations: [string, string[]][] = [
    [USERS.registrantKoege, ["Registrering"]],
    [USERS.leadKoege, ["Registrering", "Rapporter", "Masseregistrering"]],
    [USERS.coordinatorKoege, ["Rapporter", "Administration", "Data", "Masseregistrering"]],
    [USERS.national, ["Rapporter", "Administration", "Data", "Masseregistrering", "National"]],
  ];
  for (const [email, sections] of expectations) {
    test(`${email} sees ${sections.join(", ")}`, async ({ page }) => {
      await signIn(page, email);
      expect(await navLabels(page)).toEqual(sections);
    });
  }

  test("a wrong password gives a Danish message and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(USERS.registrantKbh);
    await page.getByLabel("Adgangskode").fill("forkert-adgangskode");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByText("Forkert e-mail eller adgangskode.")).toBeVisible();
    await page.goto("/registrering");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visitor is sent to the login page", async ({ page }) => {
    await page.goto("/administration");
    await expect(page).toHaveURL(/\/login\?next=%2Fadministration/);
  });
});

test("logout ends the session on the server: the old cookie no longer works", async ({ page, browser }) => {
  await signIn(page, USERS.coordinatorKbh);
  const stolen = await page.context().cookies();
  await signOut(page);

  // Replay the cookie from before the logout in a fresh browser: the server must refuse it.
  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const replayPage = await replay.newPage();
  await replayPage.goto("/administration");
  await expect(replayPage).toHaveURL(/\/login/);
  const api = await replay.request.get("/api/units/00000000-0000-0000-0000-000000000000");
  expect(api.status()).toBe(401);
  await replay.close();
});
