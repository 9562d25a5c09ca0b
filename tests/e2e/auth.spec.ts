import { expect, test } from "@playwright/test";
import { activate, invite, NEW_PASSWORD, unique } from "./admin-helpers";
import { signInWithForm, signOut, USERS } from "./helpers";

const NAV = { name: "Hovedmenu" } as const;

async function tryLogin(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind" }).click();
}

const loginError = (page: import("@playwright/test").Page) => page.locator("#login-fejl");

async function navLabels(page: import("@playwright/test").Page) {
  return page.getByRole("navigation", NAV).getByRole("link").allInnerTexts();
}

test.describe("sign-in and navigation by role", () => {
  const expectations: [string, string[]][] = [
    [USERS.registrantKoege, ["Registrering"]],
    // Whoever reads reports lands on Overblik, the first item.
    [USERS.leadKoege, ["Overblik", "Registrering", "Rapporter", "Masseregistrering"]],
    [USERS.coordinatorKoege, ["Overblik", "Rapporter", "Administration", "Data", "Masseregistrering"]],
    [USERS.national, ["Overblik", "Rapporter", "Administration", "Data", "Masseregistrering", "National"]],
  ];
  for (const [email, sections] of expectations) {
    test(`${email} sees ${sections.join(", ")}`, async ({ page }) => {
      await signInWithForm(page, email);
      expect(await navLabels(page)).toEqual(sections);
    });
  }

  test("a wrong password gives a Danish message and no session", async ({ page }) => {
    await tryLogin(page, USERS.registrantKbh, "forkert-adgangskode");
    await expect(loginError(page)).toHaveText("Forkert e-mail eller adgangskode.");
    await page.goto("/registrering");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown e-mail gets the same message as a wrong password", async ({ page }) => {
    await tryLogin(page, "findes-ikke@koege.test", "forkert-adgangskode");
    await expect(loginError(page)).toHaveText("Forkert e-mail eller adgangskode.");
  });

  test("after a sign-in through the API, the login page still answers in Danish (never 500)", async ({ page }) => {
    const api = await page.request.post("/api/auth/sign-in/email", {
      data: { email: USERS.registrantKbh, password: "forkert-adgangskode" },
    });
    expect(api.status()).toBe(401);
    await tryLogin(page, USERS.registrantKbh, "forkert-adgangskode");
    await expect(loginError(page)).toHaveText("Forkert e-mail eller adgangskode.");
  });

  test("repeated failures are throttled with a Danish message", async ({ page }) => {
    // Six round trips through the form: over 60 s at load 35 on 2 cores (2026-12-06).
    test.setTimeout(180_000);
    const email = `${unique("throttle").replace(/ /g, "-")}@koege.test`;
    for (let i = 0; i < 5; i++) {
      await tryLogin(page, email, "forkert-adgangskode");
      await expect(loginError(page)).toHaveText("Forkert e-mail eller adgangskode.");
    }
    await tryLogin(page, email, "forkert-adgangskode");
    await expect(loginError(page)).toContainText("For mange mislykkede loginforsøg");
  });

  test("the session cookie is spor.session_token over http", async ({ page }) => {
    await signInWithForm(page, USERS.registrantKoege);
    const names = (await page.context().cookies()).map((c) => c.name);
    expect(names).toContain("spor.session_token");
  });

  test("a signed-out visitor is sent to the login page", async ({ page }) => {
    await page.goto("/administration");
    await expect(page).toHaveURL(/\/login\?next=%2Fadministration/);
  });
});

test("logout ends the session on the server: the old cookie no longer works", async ({ page, browser }) => {
  await signInWithForm(page, USERS.coordinatorKbh);
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

test("activation refuses a weak password; a deactivated user is told so at login", async ({ page, browser }) => {
  await signInWithForm(page, USERS.coordinatorKoege);
  const name = unique("Loginproeve");
  const email = `${name.replace(/ /g, "-").toLowerCase()}@koege.test`;
  const link = await invite(page, { name, email, units: ["Jobcenter"] });

  const weak = await browser.newContext();
  const weakPage = await weak.newPage();
  await weakPage.goto(link);
  await weakPage.getByLabel("Ny adgangskode").fill("1234567890ab");
  await weakPage.getByLabel("Gentag adgangskoden").fill("1234567890ab");
  await weakPage.getByRole("button", { name: "Aktivér og log ind" }).click();
  await expect(weakPage.locator("#aktiver-fejl")).toContainText("Adgangskoden er for let at gætte.");
  await weak.close();

  const other = await activate(browser, link);
  await other.context().close();
  await page.goto("/administration/brugere");
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Deaktivér brugeren" }).click();
  await page
    .getByRole("dialog", { name: `Deaktivér ${name}?` })
    .getByRole("button", { name: "Deaktivér" })
    .click();
  await expect(page.getByText("Brugeren er deaktiveret og logget ud overalt.")).toBeVisible();

  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await tryLogin(freshPage, email, NEW_PASSWORD);
  await expect(loginError(freshPage)).toContainText("Din bruger er deaktiveret. Kontakt tovholderen");
  await tryLogin(freshPage, email, "forkert-adgangskode");
  await expect(loginError(freshPage)).toHaveText("Forkert e-mail eller adgangskode.");
  await fresh.close();
});
