import { expect, test } from "@playwright/test";
import { activate, invite, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// An axe scan (WCAG 2.1 A and AA) of every page, each as the role that reaches it.

test("public pages", async ({ page }) => {
  for (const path of ["/login", "/login?logget-ud=1", "/tilgaengelighed", "/om-spor", "/privatliv", "/findes-ikke"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test("the privacy notice is linked from the login page's footer and says how long things are kept", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privatliv" }).click();
  await expect(page).toHaveURL(/\/privatliv$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privatliv: det gemmer Spor om dig som medarbejder" })).toBeVisible();
  await expect(page.getByText("Loginforsøg slettes efter 90 dage.")).toBeVisible();
  await expect(page.getByText(/Auditloggen slettes efter 1900 dage \(ca\. 5 år\)/)).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Tilgængelighedserklæring" })).toHaveAttribute(
    "href",
    "/tilgaengelighed",
  );
  await expectNoAxeViolations(page);
});

test("login page with an error message", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("Skriv en gyldig e-mailadresse.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("activation page with a valid link, before and after a mistyped password", async ({ page, browser }) => {
  await signIn(page, USERS.coordinatorKoege);
  const name = unique("Axe Aktivering");
  const link = await invite(page, { name, email: `${name.replace(/ /g, "-").toLowerCase()}@koege.test`, units: ["Jobcenter"] });

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { level: 1, name: "Aktivér din bruger i Spor" })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.getByLabel("Ny adgangskode").fill("for kort");
  await visitor.getByLabel("Gentag adgangskoden").fill("noget andet");
  await visitor.getByRole("button", { name: "Aktivér og log ind" }).click();
  await expect(visitor.locator("#aktiver-fejl")).toContainText("Adgangskoden skal være mindst 12 tegn");
  await expectNoAxeViolations(visitor);
  await context.close();

  // Looking at the page (and a refused attempt) does not use the link up.
  const activated = await activate(browser, link);
  await activated.context().close();
});

const PAGES_BY_ROLE: [string, string[]][] = [
  [USERS.registrantKoege, ["/registrering"]],
  [USERS.leadKoege, ["/registrering", "/rapporter", "/masseregistrering"]],
  [
    USERS.coordinatorKoege,
    ["/rapporter", "/rapporter/kanalpriser", "/administration", "/administration/api-noegler", "/data", "/masseregistrering"],
  ],
  [
    USERS.national,
    [
      "/rapporter",
      "/national",
      "/data",
      "/administration",
      "/administration?kommune=259",
      "/administration/api-noegler?kommune=259",
      "/masseregistrering",
    ],
  ],
];

for (const [email, paths] of PAGES_BY_ROLE) {
  test(`pages of ${email}`, async ({ page }) => {
    await signIn(page, email);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(page);
    }
  });
}

test("the shell works at 200 % zoom on a tablet-sized screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 512, height: 700 }); // 1024 px wide at 200 %
  await signIn(page, USERS.coordinatorKoege, "/administration");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The skip link is the first stop for keyboard users and moves focus to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Gå til indhold" })).toBeFocused();
});
