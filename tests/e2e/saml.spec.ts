import { expect, test } from "@playwright/test";
import { startSamlIdpServer, type TestSamlIdpServer } from "../helpers/saml-idp-server";
import { expectNoAxeViolations, signInWithForm, USERS } from "./helpers";
import { workerServerPort } from "./servers";

// Sign-in through KOMBIT's Context Handler (SAML 2.0) in the browser: KL records Køge's CVR number,
// a Køge employee signs in through the identity provider's page (a local samlify provider on
// this worker's server port + 100, tests/helpers/saml-idp-server.ts, which posts a signed, encrypted assertion back to
// Spor's ACS), and an unknown person gets the Danish page. The server's SAML settings are in
// playwright.config.ts.

const PORT = workerServerPort();
const SPOR = `http://localhost:${PORT}`;
const KOEGE_CVR = "11111111";
let idp: TestSamlIdpServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  idp = await startSamlIdpServer({
    port: PORT + 100,
    spMetadataUrl: `${SPOR}/api/auth/saml/metadata`,
    cvr: KOEGE_CVR,
    // A registrant without a unit restriction: the units Spor holds stay.
    privilege: "http://spor.kl.dk/roles/usersystemrole/medarbejder/1",
  });
});
test.afterAll(async () => {
  await idp?.close();
});

test("KL records Køge's CVR number for login via KOMBIT", async ({ page }) => {
  await signInWithForm(page, USERS.national);
  await page.goto("/national");
  await expect(page.getByRole("link", { name: `${SPOR}/api/auth/saml/metadata` })).toBeVisible();
  const form = page.getByRole("form", { name: "Kommunens CVR-nummer" });
  await form.getByLabel("Kommune", { exact: true }).selectOption({ label: "Køge (259)" });
  await form.getByLabel("CVR-nummer").fill(KOEGE_CVR);
  await form.getByRole("button", { name: "Gem CVR-nummer" }).click();
  await expect(page.getByText(`CVR-nummer ${KOEGE_CVR} er gemt.`)).toBeVisible();
  await expect(page.getByRole("row", { name: /Køge/ }).filter({ hasText: KOEGE_CVR })).toBeVisible();
});

test("a Køge employee signs in through KOMBIT and lands in Spor", async ({ page }) => {
  await page.goto("/login");
  const link = page.getByRole("link", { name: "Log ind med fælleskommunalt login" });
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`^${idp.ssoUrl}\\?`));
  await page.getByLabel("Arbejdsmail").fill(USERS.registrantKoege);
  await page.getByRole("button", { name: "Log ind hos kommunen" }).click();
  await page.getByRole("button", { name: "Fortsæt til Spor" }).click();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(SPOR);
});

test("an unknown person gets the Danish page, not an account", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Log ind med fælleskommunalt login" }).click();
  await page.getByLabel("Arbejdsmail").fill("ny.kollega@koege.test");
  await page.getByRole("button", { name: "Log ind hos kommunen" }).click();
  await page.getByRole("button", { name: "Fortsæt til Spor" }).click();
  await expect(page).toHaveURL(`${SPOR}/login/sso-fejl?grund=ukendt`);
  await expect(page.getByText("Du har ikke en bruger i Spor.")).toBeVisible();
  await expectNoAxeViolations(page);
});
