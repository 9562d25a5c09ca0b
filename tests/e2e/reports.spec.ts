import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { parseCsv } from "@/lib/exchange/csv";
import { expectNoAxeViolations, signIn, signOut, USERS } from "./helpers";

// Other spec files write registrations "now" while this runs, so comparisons use a date range that
// ends yesterday, and the page is compared with the download rather than with fixed totals.

const ALL = [
  "kanaler",
  "opgaver-kanaler",
  "selvbetjening",
  "typer",
  "afslutning",
  "blanketter",
  "omkostninger",
  "udvikling",
  "tidspunkt",
  "tidsforbrug",
  "svar",
  "enheder",
  "benchmark",
  "ranglister",
  "deltagelse",
];
const ROLE_REPORTS: Record<string, string[]> = {
  [USERS.national]: ALL,
  [USERS.coordinatorKoege]: ALL.filter((r) => r !== "ranglister" && r !== "deltagelse"),
  [USERS.leadKoege]: ALL.filter((r) => !["benchmark", "ranglister", "deltagelse"].includes(r)),
};

function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(d);
}

async function status(page: Page, url: string) {
  const response = await page.goto(url);
  return response?.status();
}

for (const [email, reports] of Object.entries(ROLE_REPORTS)) {
  test(`${email} opens each report it may see, without axe violations`, async ({ page }) => {
    // Up to 14 reports, each with an axe scan of a page with long checklists: generous on a busy machine.
    test.setTimeout(300_000);
    await signIn(page, email, "/rapporter");
    for (const slug of ALL) {
      const link = page.locator(`a[href="/rapporter/${slug}"]`);
      await expect(link).toHaveCount(reports.includes(slug) ? 1 : 0);
    }
    for (const slug of reports) {
      expect(
        await status(
          page,
          `/rapporter/${slug}${email === USERS.national && ["benchmark", "svar", "enheder"].includes(slug) ? "?kommune=259" : ""}`,
        ),
        slug,
      ).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("table").first()).toBeVisible();
      await expectNoAxeViolations(page);
    }
    for (const slug of ALL.filter((s) => !reports.includes(s))) {
      expect(await status(page, `/rapporter/${slug}`), slug).toBe(404);
      expect((await page.request.get(`/api/reports/${slug}?format=json`)).status(), slug).toBe(404);
    }
  });
}

test("a coordinator cannot open another municipality's figures, by page or route handler", async ({ page }) => {
  await signIn(page, USERS.coordinatorKbh);
  expect(await status(page, "/rapporter/kanaler?kommune=259")).toBe(404);
  for (const format of ["json", "csv", "xlsx"]) {
    expect((await page.request.get(`/api/reports/kanaler?kommune=259&format=${format}`)).status()).toBe(404);
  }
  expect(await status(page, "/rapporter/kanaler?kommune=101")).toBe(200);
});

test("a unit lead cannot open another unit's figures", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/rapporter/kanaler");
  // The units are a checklist in the folded filter panel (values are read whether it is open or not).
  const units = await page
    .locator('input[name="enhed"]')
    .evaluateAll((os) => os.map((o) => ({ id: (o as HTMLInputElement).value, name: o.closest("label")?.textContent ?? "" })));
  // Through the helper: it waits until the sign-out has landed on /login (a navigation started before
  // that was aborted by it) and forgets the ended session.
  await signOut(page);

  await signIn(page, USERS.leadKoege, "/rapporter/kanaler");
  const own = await page.locator('input[name="enhed"]').evaluateAll((os) => os.map((o) => (o as HTMLInputElement).value));
  expect(own.length).toBeGreaterThan(0);
  const foreign = units.find((u) => !own.includes(u.id));
  expect(foreign, "Køge has units outside the lead's").toBeTruthy();
  expect(await status(page, `/rapporter/kanaler?enhed=${foreign!.id}`)).toBe(404);
  expect((await page.request.get(`/api/reports/kanaler?enhed=${foreign!.id}&format=csv`)).status()).toBe(404);
  expect(await status(page, "/rapporter/kanaler?kommune=101")).toBe(404);
  expect(await status(page, `/rapporter/kanaler?enhed=${own[0]}`)).toBe(200);
});

test("the CSV download opens and matches the table on the page; XLSX and JSON agree", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, `/rapporter/kanaler?til=${yesterday()}`);
  const table = page.locator('[data-report-table="i-alt"]');
  const pageRows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th,td")].map((c) => (c.textContent ?? "").trim())));
  expect(pageRows.length).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("link", { name: /som CSV/ }).click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\ufeff")).toBe(true);
  expect(text).toContain("\r\n");
  const [header, ...lines] = parseCsv(text);
  expect(header).toEqual(["Retning", "Kanalkode", "Kanal", "Henvendelser", "Andel af retningen (%)", "Henvendelser i retningen"]);
  // After the rows, an empty line and what the share is computed over, as under the table on the page.
  const blank = lines.findIndex((r) => r.length === 0 || (r.length === 1 && r[0] === ""));
  const csvRows = lines.slice(0, blank);
  const bases = lines.slice(blank + 1).map((r) => r[0]);
  expect(bases).toEqual([expect.stringMatching(/^Grundlag: «Andel af retningen» er regnet af alle henvendelser i samme retning/)]);
  await expect(page.locator('[data-report-bases="i-alt"]')).toContainText(bases[0].replace("Grundlag: ", ""));
  const number = (s: string) =>
    Number(
      s
        .replace(/\./g, "")
        .replace(",", ".")
        .replace(/[^\d.-]/g, ""),
    );
  expect(csvRows.map((r) => [r[1], Number(r[3]), r[4] ? Number(r[4].replace(",", ".")) : null])).toEqual(
    pageRows.map((r) => [r[1], number(r[3]), r[4] === "–" ? null : number(r[4])]),
  );

  const href = await table.getByRole("link", { name: /som Excel/ }).getAttribute("href");
  const xlsx = await page.request.get(href!);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

  const json = await (await page.request.get(`/api/reports/kanaler?til=${yesterday()}&format=json`)).json();
  const total = json.tables[0].rows.reduce((s: number, r: { contacts: number }) => s + r.contacts, 0);
  expect(total).toBe(csvRows.reduce((s, r) => s + Number(r[3]), 0));
});

test("national staff see all municipalities and the price page; the self-service report draws the target", async ({ page }) => {
  await signIn(page, USERS.national, "/rapporter/deltagelse");
  await expect(page.locator('[data-report-table="kommuner"]')).toContainText("Køge");
  await expect(page.locator('[data-report-table="kommuner"]')).toContainText("København");
  await page.goto("/rapporter/selvbetjening?kommune=259");
  await expect(page.locator("svg text", { hasText: "Mål 80 %" }).first()).toBeVisible();
  // KL's table: the round's package in package order, whole percents on request (filters folded: open them).
  await page.getByTestId("report-filters").locator("summary").click();
  await page.getByLabel(/KL's opstilling i hele procent/).check();
  await page.getByLabel("Opgaveniveau").selectOption("gruppe");
  await page.locator('select[name="pakke"]').selectOption({ index: 1 });
  await page.getByRole("button", { name: "Vis rapport" }).click();
  await expect(page).toHaveURL(/afrund=1/);
  await expect(page.locator('[data-report-table="kl"]')).toBeVisible();
  await expect(page.locator('[data-report-bases="kl"]')).toContainText("selvbetjente ansøgninger uden type");
  await expect(page.getByTestId("report-scope")).toContainText("opgaver samlet på KLE-gruppe");
  await expectNoAxeViolations(page);
  await page.goto("/rapporter/kanalpriser");
  await expect(page.getByRole("table", { name: "Landsdækkende standardpriser" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a coordinator follows the key figures over the rounds in Udvikling: a row per round, a chart per figure, the CSV", async ({
  page,
}) => {
  await signIn(page, USERS.coordinatorKoege, "/rapporter");
  await page.getByRole("link", { name: "Udvikling", exact: true }).click();
  await expect(page).toHaveURL(/\/rapporter\/udvikling$/);
  // Every round side by side: no round, week or date filter.
  await expect(page.getByTestId("filter-summary")).toContainText("alle tællerunder");
  await expect(page.locator('select[name="runde"]')).toHaveCount(0);
  await expect(page.getByTestId("report-scope")).toContainText("alle tællerunder");

  const table = page.locator('[data-report-table="pr-runde"]');
  const rounds = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => (tr.querySelector("th,td")?.textContent ?? "").trim()));
  // The demo data counts the current half-year's round: the last row (older imported rounds may come before it).
  const [year, month] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date()).split("-").map(Number);
  expect(rounds.at(-1)).toBe(`${month <= 6 ? "Forår" : "Efterår"} ${year}`);

  for (const title of [
    "Henvendelser pr. runde",
    "Selvbetjeningsgrad pr. runde",
    "Andel straksafsluttet pr. runde",
    "Andel med blanket pr. runde",
  ]) {
    const figure = page.getByRole("figure", { name: title, exact: true });
    await expect(figure).toBeVisible();
    await expect(figure.getByRole("list", { name: `Signaturforklaring: ${title}` })).toBeVisible();
    await expect(figure.getByRole("link", { name: /Gå til tabellen/ })).toHaveAttribute("href", /pr-runde/);
  }
  await expect(
    page.getByRole("figure", { name: "Selvbetjeningsgrad pr. runde" }).locator("svg text", { hasText: "Mål 80 %" }),
  ).toBeVisible();

  // The task × round matrix: a column per round Køge counted (the current one among them), a row per task.
  const matrix = page.getByRole("table", { name: /^Selvbetjeningsgrad pr\. opgave \(rækker\) og tællerunde \(kolonner\)/ });
  await expect(matrix.getByRole("columnheader", { name: rounds.at(-1)!, exact: true })).toBeVisible();
  await expect(matrix.getByRole("columnheader", { name: "Ikke i rundens opgavepakke" })).toBeVisible();
  await expect(matrix.getByRole("row", { name: /I alt/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("link", { name: /som CSV/ }).click()]);
  const [header, ...lines] = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(header.slice(0, 3)).toEqual(["Tællerunde", "Opgavepakke", "Pakkeskift"]);
  const blank = lines.findIndex((r) => r.length === 0 || (r.length === 1 && r[0] === ""));
  expect(lines.slice(0, blank).map((r) => r[0])).toEqual(rounds);
  await expectNoAxeViolations(page);
});
