import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, signOut, USERS } from "./helpers";

// Issue 16: a coordinator loads reference counts from other systems on /daekning, reads «Dækning»,
// sees the approval section; the next morning the unit's registrant gets the nudge.

/** Yesterday's Danish date (yyyy-mm-dd). */
function yesterday(): string {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

test("a coordinator loads reference counts, reads coverage, and a registrant sees the nudge", async ({ page }) => {
  test.setTimeout(180_000); // four pages, each scanned with axe, on a shared machine
  const day = yesterday();
  await signIn(page, USERS.coordinatorKoege, "/daekning");
  await expect(page.getByRole("heading", { level: 1, name: "Dækning" })).toBeVisible();
  await expectNoAxeViolations(page);

  // A wrong file: every line named, nothing stored.
  const form = page.getByRole("form", { name: "Indlæs referencetal" });
  await form.getByLabel("Fil med referencetal").setInputFiles({
    name: "forkert.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`kommune;enhed;dato;time;kanal;art;antal\r\n259;Findes ikke;${day};;TLFIND;BESVAREDE_OPKALD;5\r\n`),
  });
  await form.getByRole("button", { name: "Indlæs referencetal" }).click();
  await expect(page.getByText("Filen har 1 fejl. Intet er gemt.")).toBeVisible();
  await expect(page.getByText(/Linje 2: Enheden "Findes ikke" findes ikke/)).toBeVisible();

  // Far more answered calls than anyone registered: both units are below the threshold yesterday.
  const rows = ["Borgerservice – Telefon", "Borgerservice – Skranke"]
    .map((unit) => `259;${unit};${day};;TLFIND;BESVAREDE_OPKALD;100000`)
    .join("\r\n");
  await form.getByLabel("Fil med referencetal").setInputFiles({
    name: "puzzel.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`kommune;enhed;dato;time;kanal;art;antal\r\n${rows}\r\n`),
  });
  await form.getByRole("button", { name: "Indlæs referencetal" }).click();
  await expect(page.getByText("2 referencetal (i alt 200.000) er indlæst.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Godkend rundens data" })).toBeVisible();
  await expectNoAxeViolations(page);

  // «Dækning» for yesterday: the units below the threshold first.
  await page.goto(`/rapporter/daekning?kommune=259&fra=${day}&til=${day}&udenfor=1`);
  const table = page.getByRole("table").first();
  await expect(table.getByRole("row").nth(1)).toContainText("Under grænsen");
  await expect(page.getByRole("rowheader", { name: "Borgerservice – Telefon" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "100.000" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, USERS.registrantKoege, "/registrering");
  await expect(page.getByTestId("coverage-nudge").first()).toContainText(/I går blev \d+ % af de besvarede opkald registreret\./);
  await expectNoAxeViolations(page);
});

test("a coordinator reads coverage per hour where the phone system counted per hour", async ({ page }) => {
  test.setTimeout(120_000);
  // Two days ago, so the first test's counts for yesterday stay as they are.
  const d = new Date(`${yesterday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const day = d.toISOString().slice(0, 10);
  await signIn(page, USERS.coordinatorKoege, "/daekning");
  const form = page.getByRole("form", { name: "Indlæs referencetal" });
  await form.getByLabel("Fil med referencetal").setInputFiles({
    name: "puzzel-timer.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `kommune;enhed;dato;time;kanal;art;antal\r\n259;Borgerservice – Telefon;${day};9;TLFIND;BESVAREDE_OPKALD;40000\r\n259;Borgerservice – Telefon;${day};10;TLFIND;BESVAREDE_OPKALD;0\r\n`,
    ),
  });
  await form.getByRole("button", { name: "Indlæs referencetal" }).click();
  // A second run on the same server finds the counts stored already: either way they are there.
  await expect(page.getByText(/2 referencetal \(i alt 40\.000\) er indlæst\.|Der er allerede et tal/).first()).toBeVisible();

  await page.goto(`/rapporter/daekning?kommune=259&fra=${day}&til=${day}&udenfor=1`);
  const hourly = page.getByRole("table", { name: /^Registrerede henvendelser mod referencetal pr\. time/ });
  await expect(hourly.getByRole("columnheader", { name: "Time" })).toBeVisible();
  await expect(hourly.getByRole("row", { name: /09\.00–09\.59/ }).first()).toContainText("40.000");
  await expect(hourly.getByRole("row", { name: /09\.00–09\.59/ }).first()).toContainText("Under grænsen");
  // An hour with a reference count of 0 reads "–" with its footnote.
  await expect(
    hourly
      .getByRole("row", { name: /10\.00–10\.59/ })
      .first()
      .getByRole("link", { name: /–: referencetallet for timen er 0/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});
