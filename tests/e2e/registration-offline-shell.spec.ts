import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, expect, type Page, test } from "@playwright/test";
import { e2eBrowserPath } from "./browser";
import { expectNoAxeViolations, signIn, signOut, USERS } from "./helpers";
import { fetchToday, openScreen, pick, tile } from "./registration-helpers";

// Offline is real: the service worker (public/sw.js) keeps the registration screen and its built
// files, so a reload, a link or a browser restart without a connection opens the screen, registering
// goes on into the outbox, and the outbox sends exactly once when the connection returns.
// Each test loads the screen several times (and the second starts Chromium three times), and the
// outbox retries every 15 seconds: on a busy machine a test takes up to a minute.
test.describe.configure({ timeout: 180_000 });

/** Until the worker has stored this unit's screen and the files it needs. */
async function waitForStoredScreen(page: Page, unitId: string) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const names = await caches.keys();
          const pages = names.find((n) => n.startsWith("spor-pages-"));
          const files = names.find((n) => n.startsWith("spor-static-"));
          if (!pages || !files) return null;
          const screen = await (await caches.open(pages)).match("/registrering");
          const stored = (await (await caches.open(files)).keys()).map((r) => new URL(r.url).pathname);
          return {
            unit: screen?.headers.get("X-Spor-Unit") ?? null,
            js: stored.some((p) => p.endsWith(".js")),
            css: stored.some((p) => p.endsWith(".css")),
          };
        }),
      { timeout: 20_000 },
    )
    .toEqual({ unit: unitId, js: true, css: true });
}

/** One contact by clicking tiles (no keys: the keys belong to the key tests). */
async function registerByClicks(page: Page) {
  await tile(page, "channel", "Telefon").first().click();
  await tile(page, "task", "Flytning").click();
  await tile(page, "type", "Information vedr. eksisterende sag").click();
  await tile(page, "closure", "Straksafsluttet").click();
  await page.locator("[data-save]").click();
  const toast = page.locator("[data-toast]");
  await expect(toast).toHaveAttribute("data-toast-status", "pending");
  return (await toast.getAttribute("data-toast"))!;
}

test("a reload and a link while offline open the stored screen; the registration is sent once when online", async ({ context, page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  await waitForStoredScreen(page, unitId);
  const renderedAt = await page.locator("[data-registration-unit]").getAttribute("data-rendered-at");
  const storedRenderedAt = await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.startsWith("spor-pages-"))!;
    const html = await (await (await caches.open(name)).match("/registrering"))!.text();
    return /data-rendered-at="([^"]+)"/.exec(html)![1];
  });
  const before = await fetchToday(page, unitId);
  await expect(page.locator("[data-own-count]")).toHaveText(String(before.ownCount));

  await context.setOffline(true);
  await page.reload();
  const screen = page.locator("[data-registration-unit]");
  await expect(screen).toBeVisible();
  // The worker's stored render, not a new page from the server.
  await expect(screen).toHaveAttribute("data-rendered-at", storedRenderedAt);
  await expect(screen).toHaveAttribute("data-registration-unit", unitId);
  await expect(page.locator("[data-stored-copy]")).toContainText("hentet fra denne computer");
  await expect(page.locator("[data-offline]")).toContainText("Ingen forbindelse");
  await expect(page.locator("[data-registration-panel] input:focus")).toHaveCount(1); // hydrated: keys work

  const id = await registerByClicks(page);
  await expect(page.locator("[data-pending-count]")).toHaveAttribute("data-pending-count", "1");
  await expect(page.locator("[data-own-count]")).toHaveText(String(before.ownCount + 1));
  await expect(page.locator("[data-today-counts]")).toContainText("heraf 1 venter på forbindelse");
  await expectNoAxeViolations(page); // offline, stored copy, one waiting

  // A link elsewhere while offline: Spor's own offline page with a way back, not the browser's error.
  await page.goto("/hjaelp");
  await expect(page.getByRole("heading", { name: "Ingen forbindelse" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Gå til registrering" }).click();
  await expect(screen).toBeVisible();
  await expect(page.locator(`li[data-pending][data-registration-id="${id}"]`)).toHaveCount(1);

  // Back online: the outbox sends it, once.
  await context.setOffline(false);
  await expect.poll(async () => (await fetchToday(page, unitId)).ownCount, { timeout: 30_000 }).toBe(before.ownCount + 1);
  await expect(page.locator("li[data-pending]")).toHaveCount(0);
  expect(pick(await fetchToday(page, unitId), [id])[0].task.number).toBe("23.05.10");
  await page.reload();
  await expect(screen).toBeVisible();
  await expect(screen).not.toHaveAttribute("data-rendered-at", storedRenderedAt); // online: a fresh page
  await expect(screen).not.toHaveAttribute("data-rendered-at", renderedAt!);
  await expect(page.locator("[data-stored-copy]")).toHaveCount(0);
  await expect(page.locator(`li[data-registration-id="${id}"]`)).toHaveCount(1);
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);

  // Signing out deletes the stored copies: offline, the screen is gone.
  await signOut(page);
  // (Next's built files may be stored again by the login page itself: they are the same for everyone.)
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("spor-pages-")))).toEqual([]);
  await context.setOffline(true);
  await page.goto("/registrering");
  await expect(page.getByRole("heading", { name: "Ingen forbindelse" })).toBeVisible();
  await expect(screen).toHaveCount(0);
  await context.setOffline(false);
});

test("after a browser restart without a connection the screen opens and its registration arrives once", async ({ baseURL }) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "spor-e2e-profile-"));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      baseURL,
      locale: "da-DK",
      timezoneId: "Europe/Copenhagen",
      executablePath: e2eBrowserPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  let context: BrowserContext | null = await launch();
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, USERS.registrantKoege);
    const unitId = await openScreen(page);
    await waitForStoredScreen(page, unitId);
    const before = await fetchToday(page, unitId);
    await context.close();

    // The browser starts again with no connection.
    context = await launch();
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/registrering");
    await expect(page.locator("[data-registration-unit]")).toHaveAttribute("data-registration-unit", unitId);
    await expect(page.locator("[data-stored-copy]")).toBeVisible();
    await expect(page.locator("[data-registration-panel] input:focus")).toHaveCount(1);
    const id = await registerByClicks(page);
    await expect(page.locator("[data-own-count]")).toHaveText(String(before.ownCount + 1));
    await context.close();

    // And again, now online: the outbox is sent on load, exactly once.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/registrering");
    await expect(page.locator("[data-registration-unit]")).toBeVisible();
    await expect.poll(async () => (await fetchToday(page, unitId)).ownCount, { timeout: 30_000 }).toBe(before.ownCount + 1);
    await expect(page.locator("li[data-pending]")).toHaveCount(0);
    expect(pick(await fetchToday(page, unitId), [id])).toHaveLength(1);
  } finally {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
