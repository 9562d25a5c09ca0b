import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// Issue 16, self-service data from the systems that received it: KL previews and uploads a vendor
// file for two municipalities; Køge's coordinator sees it with KL as supplier, keys the same task and
// week in the grid, chooses the vendor's figure, and the self-service report names that source.
// Afterwards KL undoes the upload and the coordinator the grid, so other specs see Køge as before.
// The solution's name is unique per run, so a retry never meets its own earlier upload.

const TASK = { number: "17.20.01", title: "Skoleindskrivning/optagelse" };

/** This ISO week (the demo's current round holds it). */
function thisWeek(): { isoYear: number; isoWeek: number } {
  const d = new Date();
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const isoYear = day.getUTCFullYear();
  const isoWeek = Math.ceil(((day.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { isoYear, isoWeek };
}

test("KL uploads vendor figures; a coordinator sees them, keys the grid and chooses; the report says which source counted", async ({
  browser,
}) => {
  test.setTimeout(240_000); // two people, several pages, each scanned with axe, on a shared machine
  const solution = `E2E-løsning ${Date.now()}`;
  const { isoYear, isoWeek } = thisWeek();
  const week = `${isoYear}-W${String(isoWeek).padStart(2, "0")}`;
  const file = `kommune;opgave;uge;antal;loesning\r\n259;${TASK.number};${week};77;${solution}\r\n101;${TASK.number};${week};12;${solution}\r\n`;

  // KL: a bad file first (line-numbered, nothing stored), then the preview and the upload.
  const klContext = await browser.newContext();
  const kl = await klContext.newPage();
  await signIn(kl, USERS.national, "/national");
  await kl.getByRole("link", { name: "Leverandørdata" }).click();
  await expect(kl.getByRole("heading", { level: 1, name: "Leverandørdata om selvbetjening" })).toBeVisible();
  await expectNoAxeViolations(kl);
  const form = kl.getByRole("form", { name: "Indlæs leverandørdata" });
  await form.getByLabel("Fil med leverandørdata").setInputFiles({
    name: "forkert.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`kommune;opgave;uge;antal;loesning\r\n259;${TASK.number};${week};-5;${solution}\r\n`),
  });
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(form.getByText("Linje 2: Antallet -5 er negativt; det skal være 0 eller mere.")).toBeVisible();
  await expectNoAxeViolations(kl);
  await form
    .getByLabel("Fil med leverandørdata")
    .setInputFiles({ name: "leverandoer.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(form.getByText(/Filen er i orden: 2 tal \(i alt 89 ansøgninger\) for 2 kommuner/)).toBeVisible();
  await expect(form.getByText("259 Køge: 1 tal, i alt 77")).toBeVisible();
  await expectNoAxeViolations(kl);
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(form.getByText(/Leverandørdata er indlæst: 2 tal/)).toBeVisible();
  const uploads = kl.getByRole("table", { name: "Indlæsninger af leverandørdata, nyeste først" });
  await expect(uploads.getByRole("row").filter({ hasText: "leverandoer.csv" }).first()).toBeVisible();
  await expectNoAxeViolations(kl);

  // Køge's coordinator: the upload on Data with KL as supplier, then the grid and the choice.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, USERS.coordinatorKoege, "/data");
  await expect(coordinator.getByRole("table", { name: "Indlæsninger, nyeste først" })).toContainText("Leverandørdata fra KL");
  await coordinator.getByRole("link", { name: "Selvbetjening fra fagsystemerne" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Selvbetjening fra fagsystemerne" })).toBeVisible();
  await expect(coordinator.getByText(new RegExp(`${solution}: leveret af KL`))).toBeVisible();
  const cell = coordinator.getByRole("textbox", { name: `${TASK.number} ${TASK.title}, uge ${isoWeek}` });
  await expect(cell).toHaveAccessibleDescription(new RegExp(`KL: 77 \\(${solution}\\)`));
  await expectNoAxeViolations(coordinator);
  await coordinator.getByLabel("Kilde").selectOption("STATISTICS_MODULE");
  // Filled from a statistics module's CSV: the filled grid is the preview, a line that fits no cell is named.
  await coordinator.getByLabel("Udfyld fra fil (valgfrit)").setInputFiles({
    name: "statistik.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`opgave;uge;antal\r\n${TASK.number};${week};40\r\n99.99.99;${week};3\r\n`),
  });
  await expect(coordinator.getByText("1 felter er udfyldt fra filen; 1 linjer passede ikke.", { exact: false })).toBeVisible();
  await expect(coordinator.getByText('Linje 3: Opgaven "99.99.99" er ikke i rundens opgavepakke.')).toBeVisible();
  await expect(cell).toHaveValue("40");
  await expectNoAxeViolations(coordinator);
  await coordinator.getByRole("button", { name: "Gem skema" }).click();
  await expect(
    coordinator
      .getByRole("status")
      .filter({ hasText: /1 tal \(i alt 40 ansøgninger\) er gemt/ })
      .first(),
  ).toBeVisible();
  const choice = coordinator.getByRole("form", { name: `Valg for ${TASK.number} ${TASK.title}` });
  await expect(choice).toBeVisible();
  await choice.getByLabel(`${TASK.number} ${TASK.title}`).selectOption("VENDOR");
  await choice.getByRole("button", { name: "Gem valg" }).click();
  await expect(
    coordinator
      .getByRole("status")
      .filter({ hasText: `For ${TASK.number} tæller nu leverandørdata` })
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(coordinator);

  // The report counts the vendor's figure for the task and says so.
  await coordinator.goto("/rapporter/selvbetjening");
  const row = coordinator.locator('[data-report-table="pr-opgave"] tbody tr').filter({ hasText: TASK.number });
  await expect(row).toContainText(`Leverandørdata (${solution}); egne tal fravalgt`);
  await expectNoAxeViolations(coordinator);

  // Back as it was: the own figure again, KL undoes the upload, the coordinator the grid.
  await coordinator.goto("/data/selvbetjening");
  await choice.getByLabel(`${TASK.number} ${TASK.title}`).selectOption("OWN");
  await choice.getByRole("button", { name: "Gem valg" }).click();
  await expect(
    coordinator
      .getByRole("status")
      .filter({ hasText: `For ${TASK.number} tæller nu kommunens egne tal` })
      .first(),
  ).toBeVisible();
  await kl.reload();
  await uploads.getByRole("button", { name: "Fortryd leverandørdata leverandoer.csv" }).first().click();
  await kl.getByRole("dialog").getByRole("button", { name: "Ja, fortryd" }).click();
  await expect(
    kl
      .getByRole("status")
      .filter({ hasText: /Leverandørdata er fortrudt for 2 kommuner/ })
      .first(),
  ).toBeVisible();
  await coordinator.goto("/data");
  const gridRow = coordinator.getByRole("row").filter({ hasText: "Selvbetjening (skema)" }).first();
  await gridRow.getByRole("button", { name: /^Fortryd selvbetjening \(skema\)/ }).click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Ja, fortryd" }).click();
  await expect(gridRow).toContainText("Fortrudt");
  await klContext.close();
  await coordinatorContext.close();
});
