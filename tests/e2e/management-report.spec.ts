import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// Afrapportering: a coordinator opens the management report from the reports overview, it passes
// axe, and printed (print media, A4's printable width) nothing sticks out of the page; each chapter
// starts a new page, and Chromium's PDF of it has more pages than chapters; the server's PDF has as many.

const CHAPTERS = [
  "Henvendelser og kanaler",
  "Selvbetjening",
  "Afslutning",
  "Blanketter",
  "Omkostninger",
  "Opgavepakkens obligatoriske opgaver mod landsplan",
  "Bilag: enhederne",
  "Metode og grundlag",
];

test("a coordinator opens Afrapportering, and it prints on A4 without overflow", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/rapporter");
  await page.getByRole("link", { name: "Afrapportering" }).click();
  // The report reads every key figure twice (this round and the last): on a busy machine the first render takes a while.
  await expect(page).toHaveURL(/\/rapporter\/afrapportering/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Køge");
  await expect(page.getByTestId("summary").locator("[data-figure=contacts] dd").first()).toHaveText(/^[1-9][\d.]*$/);
  const contacts = (await page.getByTestId("summary").locator("[data-figure=contacts] dd").first().textContent())!.trim();
  await expect(page.getByTestId("target-sentence")).toContainText("målet på 80");
  for (const title of ["Resumé", ...CHAPTERS])
    await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
  // Every chapter's figure sentences are there, each a full sentence.
  await expect(page.getByTestId("sentences-selvbetjening").locator("p").first()).toHaveText(/^Selvbetjeningsgrad (var|kan ikke).*\.$/);
  await expectNoAxeViolations(page);

  // Printed: A4 portrait less 15 mm margins each side is 180 mm, 680 CSS pixels.
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 680, height: 1000 });
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Udskriv eller gem som PDF" })).toBeHidden();
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page ${document.documentElement.scrollWidth}`);
    for (const el of document.querySelectorAll("main table, main svg, main figure, main p, main dl")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1)
        out.push(`${el.tagName.toLowerCase()} ${Math.round(r.right)} > ${width}: ${(el.textContent ?? "").slice(0, 40)}`);
    }
    return out;
  });
  await page.screenshot({ path: test.info().outputPath("afrapportering-print.png"), fullPage: true });
  expect(overflow).toEqual([]);
  const breaks = await page.locator(".report-chapter").evaluateAll((nodes) => nodes.map((n) => getComputedStyle(n).breakBefore));
  expect(breaks).toEqual(CHAPTERS.map(() => "page"));

  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(CHAPTERS.length);
  fs.writeFileSync(test.info().outputPath("afrapportering.pdf"), Buffer.from(pdf, "latin1"));

  // The server's PDF (SPOR_CHROMIUM_PATH is set in playwright.config.ts): the same page, printed by Chromium as this user.
  await page.emulateMedia({ media: "screen" });
  const href = await page.getByRole("link", { name: "Hent rapporten som PDF" }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="afrapportering-259-.+\.pdf"$/);
  const body = await response.body();
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // What the PDF says, read back with a PDF text extractor (PDF.js): every page carries the running
  // header (municipality and round) and "Side n af N"; every chapter and the summary's count are in it.
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: false });
  expect(totalPages).toBeGreaterThan(CHAPTERS.length);
  const flat = (t: string) => t.replace(/\s+/g, " ");
  text.forEach((pageText, i) => {
    expect(flat(pageText), `page ${i + 1}`).toContain(`Side ${i + 1} af ${totalPages}`);
    expect(flat(pageText), `page ${i + 1}`).toContain("Køge");
  });
  const all = flat(text.join(" "));
  for (const title of ["Resumé", ...CHAPTERS]) expect(all).toContain(title);
  expect(all).toContain(contacts);
  expect(all).toMatch(/Selvbetjeningsgrad (var|kan ikke)/);
});

test("a unit lead gets their units' edition; another municipality's report is not theirs", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.leadKoege, "/rapporter/afrapportering");
  await expect(page.getByText("Afrapportering · Enhedernes udgave")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Køge: Borgerservice");
  await expect(page.getByRole("heading", { level: 2, name: "Resumé", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const foreign = await page.request.get("/rapporter/afrapportering?kommune=101");
  expect(foreign.status()).toBe(404);
});

test("KL gets the national edition over the municipalities that approved the round", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.national, "/rapporter/afrapportering");
  await expect(page.getByText("Afrapportering · Landsudgave")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Landsplan (kommuner, der har godkendt runden)");
  await expect(page.getByText(/Landstal bygger kun på kommuner, der har godkendt deres data/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
