import { expect, type Locator, type Page, test } from "@playwright/test";
import { createUnit, unique } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// Reports people read: the filters folded to one line with an "Ændr" panel of searchable
// checklists, charts with a title, a legend and a link to their table, the task × channel matrix
// with sticky headers, KL's benchmark with a municipality picker, and the audit log in Danish.
// Axe scans of the folded and the opened filters; screenshots at 1366×768, 1024×768 and 200 % zoom.

const SIZES = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "tablet", width: 1024, height: 768 },
  // 200 % zoom of 1366×768 is a 683×384 CSS viewport.
  { name: "zoom200", width: 683, height: 384 },
] as const;

async function expectNoPageScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** No word in these cells is split over two lines (a name broken letter by letter, "And ers"). */
async function expectNoWordsBroken(cells: Locator) {
  const broken = await cells.evaluateAll((nodes) => {
    const out: string[] = [];
    for (const node of nodes) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
        for (const m of text.data.matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          // One word on two lines has rects at two heights.
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  expect(broken).toEqual([]);
}

async function shots(page: Page, name: string, options: { axe?: boolean } = {}) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expectNoPageScroll(page);
    await expectNoWordsBroken(page.locator("main table th, main table td"));
    if (options.axe && size.name !== "zoom200") await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath(`${name}-${size.name}.png`), fullPage: false });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test("a coordinator reads a report: folded filters, a searchable unit checklist, titled charts with legends", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/rapporter/kanaler");
  const filters = page.getByTestId("report-filters");
  // Folded: one line saying what is shown, and the fields hidden.
  await expect(page.getByTestId("filter-summary")).toContainText("alle enheder");
  await expect(page.getByTestId("filter-summary")).toContainText("alle kanaler");
  await expect(filters.getByRole("button", { name: "Vis rapport" })).toBeHidden();
  await expect(page.locator("select[multiple]")).toHaveCount(0);
  // Each chart: a heading, a legend, a link to its table.
  const chart = page.locator("figure").first();
  await expect(chart.getByRole("heading", { level: 3, name: /henvendelser pr. kanal/ })).toBeVisible();
  await expect(chart.getByRole("list", { name: /Signaturforklaring/ })).toContainText("Antal henvendelser");
  await expect(chart.getByRole("link", { name: /Gå til tabellen/ })).toHaveAttribute("href", "#tabel-i-alt");
  await shots(page, "report-folded", { axe: true });

  // Opened: checklists with a search box; searching narrows the list.
  await filters.locator("summary").click();
  await expect(filters.getByRole("button", { name: "Vis rapport" })).toBeVisible();
  const units = filters.getByRole("group", { name: "Enheder" });
  const boxes = units.getByRole("checkbox");
  const all = await boxes.count();
  expect(all).toBeGreaterThan(1);
  const first = (await units.locator("li label").first().innerText()).trim();
  await units.getByRole("searchbox", { name: "Søg i enheder" }).fill(first);
  await expect(units.getByRole("checkbox", { name: first, exact: true })).toBeVisible();
  expect(await units.locator("li:visible").count()).toBeLessThan(all);
  await shots(page, "report-open", { axe: true });
  await units.getByRole("checkbox", { name: first, exact: true }).check();
  await expect(units).toContainText("1 valgt");
  await filters.getByRole("button", { name: "Vis rapport" }).click();
  await expect(page).toHaveURL(/enhed=/);
  await expect(page.getByTestId("filter-summary")).toContainText(first);
  await expectNoAxeViolations(page);

  // Without the search, the task checklist is there too, with every task the units count.
  await filters.locator("summary").click();
  await expect(filters.getByRole("group", { name: "Opgaver" }).getByRole("checkbox").first()).toBeVisible();
});

test("task × channel is one matrix with sticky headers; the self-service comparison explains its dashes", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/rapporter/opgaver-kanaler");
  const matrix = page.locator('[data-report-table="matrix"]');
  await expect(matrix.getByRole("columnheader", { name: "I alt" })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: "I alt" })).toBeVisible();
  const sticky = await matrix.evaluate((el) => ({
    head: getComputedStyle(el.querySelector("thead th")!).position,
    row: getComputedStyle(el.querySelector("tbody th")!).position,
  }));
  expect(sticky).toEqual({ head: "sticky", row: "sticky" });
  await shots(page, "matrix", { axe: true });

  await page.goto("/rapporter/selvbetjening");
  await page.getByTestId("report-filters").locator("summary").click();
  await expect(page.getByLabel("Sammenlign med runde").locator("option").first()).toHaveText(/^Seneste runde med registreringer/);
  const table = page.locator('[data-report-table="pr-opgave"]');
  await expect(table.getByRole("list", { name: "Hvorfor der står «–»" })).toContainText("ingen indgående transaktioner");
  await expectNoAxeViolations(page);
});

test("KL picks a municipality for the benchmark instead of meeting a dead end", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.national, "/rapporter/benchmark");
  const picker = page.getByRole("form", { name: "Vælg kommune" });
  await expect(picker).toContainText("Vælg en kommune for at se benchmark.");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath("benchmark-picker-laptop.png") });
  await picker.getByLabel("Kommune").selectOption("259");
  await picker.getByRole("button", { name: "Vis rapport" }).click();
  await expect(page).toHaveURL(/kommune=259/);
  await expect(page.locator('[data-report-table="noegletal"]')).toBeVisible();
  // The municipality and the national figure are two series, each named in the legend.
  await expect(
    page
      .locator("figure")
      .first()
      .getByRole("list", { name: /Signaturforklaring/ }),
  ).toContainText("Landsplan");
  // In the benchmark's filters a municipality is always chosen: no "Alle kommuner".
  await expect(page.locator('select[name="kommune"] option', { hasText: "Alle kommuner" })).toHaveCount(0);
  await shots(page, "benchmark", { axe: true });
});

test("the log speaks Danish: who did what to which unit, in Danish time, values in words", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.coordinatorKoege);
  const name = unique("Logenhed");
  await createUnit(page, name);
  await page.goto("/administration/log");
  const row = page.getByRole("row").filter({ hasText: name }).first();
  await expect(row).toContainText("Enhed oprettet");
  await expect(row).toContainText(new RegExp(`oprettede enheden ${name}`));
  await expect(row).toContainText(`Navn: ${name}`);
  await expect(row).toContainText("Type: Jobcenter");
  const text = await page.locator("main table").innerText();
  expect(text).not.toMatch(/\b(parentId|contactTypeCode|channelCode|unitIds)\b|[a-z]+\.[a-z]+\.[a-z]|\{"/);
  // The time is Danish time: the same minute as the browser's clock in Copenhagen.
  const now = new Intl.DateTimeFormat("da-DK", { timeZone: "Europe/Copenhagen", hour: "2-digit", minute: "2-digit" }).format(new Date());
  const shown = (await row.locator("time").innerText()).split(" ")[1];
  const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  expect(Math.abs(minutes(shown) - minutes(now)) % 1440).toBeLessThanOrEqual(5);
  await shots(page, "log", { axe: true });
});
