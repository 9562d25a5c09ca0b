import { expect, test } from "@playwright/test";
import { startOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { expectNoAxeViolations, signInWithForm, USERS } from "./helpers";
import { workerServerPort } from "./servers";

// Single sign-on end to end in the browser: KL sets up Køge's provider on the national page, a
// Køge employee signs in through the provider's own login form and lands in Spor, signs out at both
// (RP-initiated logout), and an unknown person gets the Danish page. The provider is a real
// OpenID Connect server (tests/helpers/oidc-provider.ts) on the port after this worker's server's.

const PORT = workerServerPort();
const SPOR = `http://localhost:${PORT}`;
let provider: TestOidcProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  provider = await startOidcProvider({
    port: PORT + 1,
    redirectUris: [`${SPOR}/api/auth/callback/kommune-259`],
    postLogoutRedirectUris: [`${SPOR}/login?logget-ud=1`],
  });
});
test.afterAll(async () => {
  await provider?.close();
});

test("KL sets up Køge's own login; the secret is not shown again", async ({ page }) => {
  await signInWithForm(page, USERS.national);
  await page.goto("/national");
  const form = page.getByRole("form", { name: "Kommunens eget login" });
  await form.getByLabel("Kommune", { exact: true }).selectOption({ label: "Køge (259)" });
  await form.getByLabel("Udsteder (issuer)").fill(provider.issuer);
  await form.getByLabel("Klient-id").fill(provider.clientId);
  await form.getByLabel("Klienthemmelighed").fill(provider.clientSecret);
  await form.getByRole("button", { name: "Gem login" }).click();
  await expect(page.getByText("Login for Køge er gemt.")).toBeVisible();
  const row = page.getByRole("row", { name: /Køge/ }).filter({ hasText: provider.issuer });
  await expect(row).toContainText(`${SPOR}/api/auth/callback/kommune-259`);
  await expect(page.locator("body")).not.toContainText(provider.clientSecret);
  await expectNoAxeViolations(page);
});

test("a Køge employee signs in with Køge's login and out again at both", async ({ page }) => {
  await page.goto("/login");
  const button = page.getByRole("button", { name: "Log ind med Køge" });
  await expect(button).toBeVisible();
  await expectNoAxeViolations(page);
  await button.click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.getByLabel("Arbejdsmail").fill(USERS.registrantKoege);
  await page.getByRole("button", { name: "Log ind hos kommunen" }).click();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(SPOR);

  await page.getByRole("button", { name: "Log ud" }).click();
  // The provider asks to confirm its own sign-out (oidc-provider's page), then sends us back.
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/session/end`));
  await page.getByRole("button", { name: /sign me out/i }).click();
  await expect(page).toHaveURL(`${SPOR}/login?logget-ud=1`);
  await expect(page.getByText("Du er nu logget ud.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown person gets the Danish page, not an account", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log ind med Køge" }).click();
  await page.getByLabel("Arbejdsmail").fill("ny.kollega@koege.test");
  await page.getByRole("button", { name: "Log ind hos kommunen" }).click();
  await expect(page).toHaveURL(`${SPOR}/login/sso-fejl?grund=ukendt`);
  await expect(page.getByRole("heading", { level: 1, name: "Du blev ikke logget ind" })).toBeVisible();
  await expect(page.getByText("Du har ikke en bruger i Spor.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("KL removes Køge's login; the login page is as before", async ({ page }) => {
  await signInWithForm(page, USERS.national);
  await page.goto("/national");
  await page.getByRole("form", { name: "Fjern login for Køge" }).getByRole("button", { name: "Fjern" }).click();
  await expect(page.getByText("Login for Køge er fjernet.")).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /Log ind med/ })).toHaveCount(0);
});
