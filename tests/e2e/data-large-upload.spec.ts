import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// Old TraceTool exports and other systems' counts run to several MB: the upload streams to the route
// handler (app/api/uploads), which reads it as it arrives; a file over Spor's own 20 MB limit gets
// Spor's Danish message (in the browser before sending, and 413 from the server for any other
// client); a 10 MB file of one line is refused with the line's number; the server stays up.

const HEADER = "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal";
const today = new Date().toISOString().slice(0, 10);

function bigCsv(targetBytes: number, lastLine: string) {
  const line = `259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;${today};1`;
  const count = Math.ceil(targetBytes / (line.length + 2));
  const lines = [HEADER, ...Array.from({ length: count }, () => line), lastLine];
  return { name: "stor.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n") + "\r\n", "utf8"), lastLineNumber: lines.length };
}

test("a 12 MB upload arrives whole: the error on its last line is found, and nothing is stored", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const file = bigCsv(12 * 1024 * 1024, `259;Borgerservice;23.05.10;FAX;;;;${today};3`);
  const form = page.locator('form[data-form="upload"]');
  await form.getByLabel("Fil", { exact: true }).setInputFiles(file);
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText(`Linje ${file.lastLineNumber}: Kanalen "FAX" findes ikke.`)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText("Filen har 1 fejl. Intet er gemt.")).toBeVisible();
});

test("a file over 20 MB is refused with Spor's own message", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const form = page.locator('form[data-form="upload"]');
  await form.getByLabel("Fil", { exact: true }).setInputFiles(bigCsv(21 * 1024 * 1024, ""));
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText("Filen er for stor (21 MB). Grænsen er 20 MB; del den op.")).toBeVisible({ timeout: 45_000 });
});

test("the server refuses a body over the limit with 413 and a Danish message, and keeps answering", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege);
  // 22 MB: past the upload route's 20 MB limit, which it enforces while the body streams, but under
  // the 25 MB that Spor's server refuses before any route sees a body (tests/abuse/bodies.test.ts).
  const response = await page.request.post("/api/uploads/preview", {
    multipart: { fil: bigCsv(22 * 1024 * 1024, "") },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(413);
  expect((await response.json()).error).toBe("Forespørgslen er for stor; grænsen er 20 MB.");
  expect((await page.request.get("/api/health/live")).status()).toBe(200);
});

test("a 10 MB file of one line is refused with the line's number", async ({ page }) => {
  await signIn(page, USERS.coordinatorKoege, "/data");
  const form = page.locator('form[data-form="upload"]');
  const oneLine = { name: "en-linje.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${"259;".repeat(2.5 * 1024 * 1024)}`) };
  await form.getByLabel("Fil", { exact: true }).setInputFiles(oneLine);
  await form.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(page.getByText(/^Linje 2 er for lang \(højst 10\.000 tegn pr\. linje\)/)).toBeVisible({ timeout: 45_000 });
});
