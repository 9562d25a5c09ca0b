import { expect, type Page, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// The Content-Security-Policy must allow Spor's own scripts and nothing else: every main page, per
// role, loads and hydrates without a single CSP violation, and an injected inline script is blocked.
// docs/security.md, "Sikkerhedsheadere og cookies".

declare global {
  interface Window {
    __cspViolations?: string[];
    __injectedRan?: boolean;
  }
}

/** Records securitypolicyviolation events (from before any page script) and CSP console errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) console.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`,
      );
    });
  });
  return async () => {
    const events = await page.evaluate(() => window.__cspViolations ?? []);
    const all = [...events, ...console];
    console.length = 0;
    return all;
  };
}

/** Opens a page, waits until React has hydrated it (the route announcer exists only then) and asserts no violation. */
async function visit(page: Page, violations: () => Promise<string[]>, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const csp = response!.headers()["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  await expect(page.locator("next-route-announcer"), `${path} hydrated`).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  expect(await violations(), path).toEqual([]);
}

/** The first link on the current page whose href starts with `prefix` and continues (a detail page). */
async function firstDetail(page: Page, prefix: string): Promise<string> {
  const hrefs = await page.locator(`a[href^="${prefix}"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const href = hrefs.find((h) => h.length > prefix.length && !h.includes("?"));
  expect(href, `a link below ${prefix}`).toBeTruthy();
  return href!;
}

test("headers: a fresh nonce per page on its scripts, strict policy for the API, no HSTS over http", async ({ page, request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const nonce = (r: typeof first) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce(first)).toBeTruthy();
  expect(nonce(first)).not.toBe(nonce(second));
  const csp = first.headers()["content-security-policy"];
  for (const directive of [
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "connect-src 'self'",
    "default-src 'self'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain("unsafe");
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(first)}"`);
  expect(html).not.toMatch(/\sstyle="/);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("same-origin");
  expect(first.headers()["strict-transport-security"]).toBeUndefined(); // SPOR_BASE_URL is http here

  // A visitor without a session is redirected, with the policy and a relative Location.
  const redirect = await request.get("/data", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toBe("/login?next=%2Fdata");
  expect(redirect.headers()["content-security-policy"]).toContain("'strict-dynamic'");

  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);

  // The policy really blocks: markup injected into the served page (as an XSS would) does not run or style.
  const violations = await watchCsp(page);
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      "</body>",
      '<script>window.__injectedRan = true</script><p id="injected" style="color: rgb(255, 0, 0)">x</p></body>',
    );
    await route.fulfill({ response, body });
  });
  await page.goto("/login");
  await expect(page.locator("#injected")).toHaveCount(1);
  await expect
    .poll(violations)
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src-elem blocked inline/),
        expect.stringMatching(/^style-src-attr blocked inline/),
      ]),
    );
  expect(await page.evaluate(() => window.__injectedRan)).toBeUndefined();
  await expect(page.locator("#injected")).not.toHaveCSS("color", "rgb(255, 0, 0)");
});

test("public pages load without CSP violations", async ({ page }) => {
  const violations = await watchCsp(page);
  for (const path of [
    "/login",
    "/login?logget-ud=1",
    "/tilgaengelighed",
    "/om-spor",
    "/privatliv",
    "/landkort",
    "/landkort?noegletal=deltagelse",
    "/aktiver/ugyldigt-link",
    "/findes-ikke",
  ]) {
    await visit(page, violations, path);
  }
});

const REPORTS = [
  "kanaler",
  "selvbetjening",
  "typer",
  "afslutning",
  "blanketter",
  "omkostninger",
  "tidspunkt",
  "tidsforbrug",
  "svar",
  "enheder",
];

const PAGES_BY_ROLE: [string, string[], [list: string, prefix: string][]][] = [
  [USERS.registrantKoege, ["/", "/registrering", "/registrering/skema", "/hjaelp"], []],
  [USERS.leadKoege, ["/registrering", "/masseregistrering", "/rapporter", ...REPORTS.map((r) => `/rapporter/${r}`)], []],
  [
    USERS.coordinatorKoege,
    [
      "/rapporter",
      "/rapporter/benchmark",
      "/rapporter/kanalpriser",
      "/data",
      "/masseregistrering",
      "/administration",
      "/administration/taelleuger",
      "/administration/brugere",
      "/administration/spoergsmaal",
      "/administration/api-noegler",
      "/administration/log",
    ],
    [
      ["/administration", "/administration/enheder/"],
      ["/administration/brugere", "/administration/brugere/"],
    ],
  ],
  [
    USERS.national,
    [
      "/national",
      "/national/opgavepakker",
      "/national/log",
      "/rapporter/ranglister",
      "/rapporter/deltagelse",
      "/rapporter/benchmark?kommune=259",
      "/data",
      "/administration?kommune=259",
    ],
    [
      ["/national", "/national/runder/"],
      ["/national/opgavepakker", "/national/opgavepakker/"],
    ],
  ],
];

for (const [email, paths, details] of PAGES_BY_ROLE) {
  test(`pages of ${email} load without CSP violations`, async ({ page }) => {
    const violations = await watchCsp(page);
    await signIn(page, email);
    expect(await violations(), "sign-in").toEqual([]);
    for (const path of paths) await visit(page, violations, path);
    for (const [list, prefix] of details) {
      await page.goto(list);
      await visit(page, violations, await firstDetail(page, prefix));
    }
    // A client-side navigation (an RSC fetch, connect-src 'self') as well.
    await page.getByRole("link", { name: "Sådan tæller du" }).first().click();
    await expect(page).toHaveURL(/\/hjaelp/);
    await page.waitForLoadState("networkidle");
    expect(await violations(), "client navigation").toEqual([]);
  });
}
