import { expect, test } from "@playwright/test";
import { roundCard } from "./admin-helpers";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";

// A coordinator uploads a file with errors, fixes it, uploads again, and undoes the batch.

const HEADER = "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal";
const today = new Date().toISOString().slice(0, 10);

function csv(rows: string[]) {
  return { name: "optaelling.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\r\n") + "\r\n", "utf8") };
}

test("upload with errors, fix, upload, undo", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/data");
  await expectNoAxeViolations(page);

  const form = page.locator('form[data-form="upload"]');
  await form
    .getByLabel("Fil", { exact: true })
    .setInputFiles(
      csv([`259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;${today};41`, `259;Borgerservice;23.05.10;FAX;;;;${today};3`]),
    );
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(page.getByText("Filen har 1 fejl. Intet er gemt.")).toBeVisible();
  await expect(page.getByText('Linje 3: Kanalen "FAX" findes ikke.')).toBeVisible();
  await expectNoAxeViolations(page);

  const unique = 4000 + Math.floor(Math.random() * 900);
  await form
    .getByLabel("Fil", { exact: true })
    .setInputFiles(
      csv([`259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;${today};41`, `259;Borgerservice;23.05.10;WEB;;;;${today};${unique}`]),
    );
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText("Forhåndsvisning: intet er gemt endnu.")).toBeVisible();
  await expect(page.getByText(`WEB: ${unique.toLocaleString("da-DK")}`)).toBeVisible();
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(page.getByText(`2 rækker med ${(41 + unique).toLocaleString("da-DK")} henvendelser er indlæst.`)).toBeVisible();
  // The form posts to the streamed upload route and refreshes the page: the batch is listed without a reload.
  await expect(page.getByRole("row").filter({ hasText: (41 + unique).toLocaleString("da-DK") })).toHaveCount(1);

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: (41 + unique).toLocaleString("da-DK") });
  await expect(row).toHaveCount(1);
  // Spor's own dialog, by keyboard: Escape cancels and gives focus back; Enter opens it on the
  // confirm button, and Enter undoes.
  const undo = row.getByRole("button", { name: /Fortryd/ });
  await undo.click();
  const dialog = page.getByRole("dialog", { name: /^Fortryd upload/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("slettes og tæller ikke længere med");
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(undo).toBeFocused();
  await expect(row).not.toContainText("Fortrudt");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Ja, fortryd" })).toBeFocused();
  await page.keyboard.press("Enter");
  // The row itself turns into "Fortrudt <time>" when the page refreshes after the action.
  await expect(page.getByRole("row").filter({ hasText: (41 + unique).toLocaleString("da-DK") })).toContainText("Fortrudt");
});

test("the upload page lists the valid codes in Danish, and a mistyped code's error suggests the nearest one", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/data");
  const codes = page.getByTestId("valid-codes");
  await expect(codes.getByRole("table", { name: /^Kanal/ })).toBeHidden();
  await codes.getByText("Gyldige koder").click();
  const channels = codes.getByRole("table", { name: /^Kanal/ });
  await expect(channels.getByRole("row", { name: "TLFIND Telefon ind" })).toBeVisible();
  await expect(
    codes.getByRole("table", { name: /^Henvendelsestype/ }).getByRole("row", { name: "OPRET Oprettelse af ny sag" }),
  ).toBeVisible();
  await expect(codes.getByRole("table", { name: /^Afslutning/ }).getByRole("row", { name: "STRAKS Straksafsluttet" })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.locator('form[data-form="upload"]');
  await form
    .getByLabel("Fil", { exact: true })
    .setInputFiles(
      csv([`259;Borgerservice;23.05.10;TLFIND;OPRET;STRAKS;;${today};2`, `259;Borgerservice;23.05.10;TLFIN;OPRT;;;${today};3`]),
    );
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText('Linje 3: Kanalen "TLFIN" findes ikke. Mente du "TLFIND" (Telefon ind)?')).toBeVisible();
  await expectNoAxeViolations(page);
});

test("exports stream a CSV for Danish Excel; another municipality's export is refused", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  const own = await page.request.get("/api/exports/registrations?kommune=259");
  expect(own.status()).toBe(200);
  const body = await own.body();
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(body.toString("utf8")).toContain("kommunenummer;kommune;enhed;opgave");
  const foreign = await page.request.get("/api/exports/registrations?kommune=101");
  expect(foreign.status()).toBe(403);
});

test("an upload aimed at another municipality by a tampered form is refused and writes nothing", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const form = page.locator('form[data-form="upload"]');
  await form.locator('input[name="kommune"]').evaluate((el) => ((el as HTMLInputElement).value = "101"));
  await form.getByLabel("Fil", { exact: true }).setInputFiles(csv([`101;Jobcenter;23.05.10;WEB;;;;${today};7777`]));
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(page.getByText("Du har ikke adgang til dette.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "7.777" })).toHaveCount(0);
});

test("an old raw export's question columns are previewed with their answers before anything is written", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const form = page.locator('form[data-form="upload"]');
  await form.getByLabel("Rå-eksport fra TraceTool / Det Digitale Landkort").check();
  await form.getByLabel("Opret enheder, der ikke findes (gamle TraceTool-logins)").check();
  await form.getByLabel("Fil", { exact: true }).setInputFiles("tests/fixtures/legacy-questions.csv");
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText("Forhåndsvisning: intet er gemt endnu.")).toBeVisible();
  const age = form
    .locator("div")
    .filter({ has: page.getByRole("heading", { name: /Er borgeren over eller under 65 år\?/ }) })
    .last();
  await expect(age.getByRole("heading")).toHaveText('Spørgsmål "Er borgeren over eller under 65 år?" (nyt, 3 svar)');
  await expect(age.getByText("Over (ny svarmulighed): 2")).toBeVisible();
  await expect(form.getByText("Fra én på rådhuset (ny svarmulighed): 1")).toBeVisible();
  // TraceTool's start and end count as measured time only for units the coordinator ticks: none by default.
  const timed = form.getByRole("group", { name: "Enheder, der målte tid" }).getByRole("checkbox", { name: /koege_bs/ });
  await expect(timed).not.toBeChecked();
  await expectNoAxeViolations(page);
});

test("an old raw export outside the counting weeks: the preview names the round to join, and the same rows twice need the coordinator's word", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/data");
  const form = page.locator('form[data-form="upload"]');
  const chooseFile = async () => {
    await form.getByLabel("Rå-eksport fra TraceTool / Det Digitale Landkort").check();
    await form.getByLabel("Opret enheder, der ikke findes (gamle TraceTool-logins)").check();
    await form.getByLabel("Fil", { exact: true }).setInputFiles("tests/fixtures/legacy-questions.csv");
  };
  await chooseFile();
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(form.getByText("5 af rækkerne (5 henvendelser) ligger uden for kommunens tælleuger.", { exact: false })).toBeVisible();
  await expect(form.getByText("Filens data dækker uge 43 (2013): 5 henvendelser.")).toBeVisible();
  await expect(
    form.getByText(
      /ligger i ugerne for den landsdækkende runde «Efterår 2013» \(uge 43, 44 og 45 \(2013\)\)\. Data dækker uge 43 \(2013\)\./,
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel("Deltag i runden «Efterår 2013» med uge 43 (2013)").check();
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(
    page.getByText("5 rækker med 5 henvendelser er indlæst. Kommunen deltager nu i runden «Efterår 2013» med uge 43 (2013)."),
  ).toBeVisible();

  // The ended round now shows what Køge counted in it: the week joined, and contacts per source.
  const card = await roundCard(page, "Efterår 2013");
  const counted = card.getByTestId("round-counted");
  await expect(counted).toContainText("Kommunen talte i uge 43 (1 af 3 uger).");
  await expect(counted).toContainText(/\d+ enheder? registrerede \d+ henvendelser i rundens uger/);
  await expect(counted.getByRole("row", { name: /^Gamle data: TraceTool \d+ \d+$/ })).toBeVisible();
  await expect(counted.getByRole("row", { name: /^Gamle data: Det Digitale Landkort \d+ \d+$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/data");

  // The same file again: refused until the coordinator confirms.
  await chooseFile();
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(form.getByText(/Intet er gemt\. Bekræft, at filen skal indlæses igen/)).toBeVisible();
  await expectNoAxeViolations(page);
  await form.getByLabel("Indlæs rækkerne igen, selv om de er indlæst før").check();
  await form.getByRole("button", { name: "Indlæs" }).click();
  await expect(page.getByText(/^5 rækker med 5 henvendelser er indlæst\.$/)).toBeVisible();

  // Leave the data as it was: undo the newest import first, so the first one's questions go with it.
  for (let i = 0; i < 2; i++) {
    const row = page.getByRole("row").filter({ hasText: "legacy-questions.csv" }).filter({ hasNotText: "Fortrudt" }).first();
    await row.getByRole("button", { name: /Fortryd/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ja, fortryd" }).click();
    await expect(page.getByRole("row").filter({ hasText: "legacy-questions.csv" }).filter({ hasText: "Fortrudt" })).toHaveCount(i + 1);
  }
});
