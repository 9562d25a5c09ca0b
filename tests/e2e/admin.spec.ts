import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { activate, createUnit, invite, roundCard, setChannels, unique } from "./admin-helpers";

// The coordinator's journey: a unit with chosen channels and tasks, a round joined, a registrant
// invited who activates the account and registers with exactly that unit's channels and tasks.

test("a coordinator sets up a unit and invites a registrant, who registers with exactly that unit's setup", async ({ page, browser }) => {
  // A long journey through two browsers with three axe scans: up to a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege, "/administration");
  await expectNoAxeViolations(page);

  const name = unique("Ydelseskontor");
  const unitId = await createUnit(page, name);
  await expect(page.getByText("Enheden er oprettet med standardkanalerne")).toBeVisible();
  await expectNoAxeViolations(page);

  await setChannels(page, ["TLFIND", "EMLUD"]);

  // Tasks from a KLE search.
  await page.getByLabel("KLE-nummer eller ord fra titlen").fill("23.09");
  await page.getByRole("button", { name: "Søg", exact: true }).click();
  const results = page.getByRole("form", { name: "Søgeresultater" });
  await results.getByRole("checkbox", { name: /23\.09\.02/ }).check();
  await results.getByRole("checkbox", { name: /23\.09\.04/ }).check();
  await results.getByRole("button", { name: "Tilføj valgte opgaver" }).click();
  await expect(page.getByText("2 opgaver er tilføjet.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Opgaver (3)" })).toBeVisible();

  // Join an ended national round: its weeks are behind "Ret ugerne", none ticked (the municipality did not take part).
  const card = await roundCard(page, "Forår 2015");
  await expectNoAxeViolations(page);
  await card.getByText("Ret ugerne i Forår 2015").click();
  for (const week of await card.getByRole("checkbox", { name: /Uge/ }).all()) await week.check();
  await card.getByRole("button", { name: "Deltag med de valgte uger" }).click();
  await expect(card.getByText("Kommunen tæller i 3 uger af runden.")).toBeVisible();

  // Invite a registrant for the new unit; no mail server here, so the link is shown once.
  const email = `${unique("reg").replace(" ", "-")}@koege.test`;
  const link = await invite(page, { name: "Nina Nielsen", email, units: [name] });
  expect(link).toMatch(/\/aktiver\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);

  const registrant = await activate(browser, link);
  await registrant.goto("/registrering");
  await expect(registrant.getByText(name).first()).toBeVisible();
  await expect(registrant.getByText("Pas", { exact: false }).first()).toBeVisible();
  await expect(registrant.getByText("Kørekort", { exact: false }).first()).toBeVisible();

  // Exactly the unit's channels and tasks, as the registration screen loads them.
  const setup = await (await registrant.request.get(`/api/units/${unitId}`)).json();
  expect(setup.channels.map((c: { code: string }) => c.code).sort()).toEqual(["EMLUD", "TLFIND"]);
  expect(setup.tasks.map((t: { number: string }) => t.number).sort()).toEqual(["23.09.02", "23.09.04", "FEJL"]);
  const pas = setup.tasks.find((t: { number: string }) => t.number === "23.09.02").id;
  const body = {
    id: crypto.randomUUID(),
    unitId,
    channelCode: "TLFIND",
    taskId: pas,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  };
  const headers = { "Content-Type": "application/json" };
  expect((await registrant.request.post("/api/registrations", { data: body, headers })).status()).toBe(201);
  const refused = await registrant.request.post("/api/registrations", {
    data: { ...body, id: crypto.randomUUID(), channelCode: "PRSNLG", form: false },
    headers,
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);

  // The link worked once; a second use is refused with a clear message.
  await registrant.goto(link);
  await expect(registrant.getByText("Linket er allerede brugt")).toBeVisible();
  await expectNoAxeViolations(registrant);
  await registrant.context().close();
});

test("deactivation ends a live session at once", async ({ page, browser }) => {
  await signIn(page, USERS.coordinatorKoege);
  const name = unique("Deaktiveres");
  const email = `${name.replace(/ /g, "-").toLowerCase()}@koege.test`;
  const link = await invite(page, { name, email, units: ["Jobcenter"] });
  const other = await activate(browser, link);
  await other.goto("/registrering");
  await expect(other).toHaveURL(/\/registrering/);

  await page.goto("/administration/brugere");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Deaktivér brugeren" }).click();
  const dialog = page.getByRole("dialog", { name: `Deaktivér ${name}?` });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Deaktivér" }).click();
  await expect(page.getByText("Brugeren er deaktiveret og logget ud overalt.")).toBeVisible();

  // The other browser's session is gone: pages send it to the login, the API says 401.
  await other.goto("/registrering");
  await expect(other).toHaveURL(/\/login/);
  expect((await other.request.get("/api/me")).status()).toBe(401);
  await other.context().close();
});

test("bad input gives a clear Danish message and changes nothing", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.coordinatorKoege);

  // A duplicate name under one parent.
  const name = unique("Dublet");
  await createUnit(page, name);
  await page.goto("/administration");
  const form = page.getByRole("form", { name: "Ny enhed" });
  await form.getByLabel("Navn").fill(name.toUpperCase());
  await form.getByRole("button", { name: "Opret enhed" }).click();
  await expect(form.getByRole("alert")).toContainText(`Der findes allerede en enhed med navnet "${name}" på øverste niveau.`);
  await expect(form.getByLabel("Navn")).toHaveValue(name.toUpperCase());
  await page.reload();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(1);

  // A round without its first week.
  // An ended round shows what was counted; its weeks are corrected behind "Ret ugerne", and only the
  // weeks chosen are ticked (none here).
  const card = await roundCard(page, "Forår 2012");
  await expect(card.getByTestId("round-counted")).toContainText("Kommunen deltog ikke i runden.");
  await card.getByText("Ret ugerne i Forår 2012").click();
  await expect(card.getByRole("checkbox", { name: /Uge 17/ })).not.toBeChecked();
  await card.getByRole("checkbox", { name: /Uge 18/ }).check();
  await card.getByRole("button", { name: "Deltag med de valgte uger" }).click();
  await expect(card.getByRole("alert")).toContainText("Uge 17 skal være med. Den første uge i en national runde er obligatorisk");
  await page.reload();
  await expect((await roundCard(page, "Forår 2012")).getByText("Kommunen deltog ikke i runden.")).toBeVisible();

  // A malformed user list: every bad line by number, nobody created.
  await page.goto("/administration/brugere");
  const csv = page.getByRole("form", { name: "Opret brugere fra CSV" });
  const ghost = unique("Spøgelse");
  await csv
    .getByLabel("… eller indsæt listen her")
    .fill(
      `Navn;E-mail;Rolle;Enhed\n${ghost};ghost-${Date.now()}@koege.test;medarbejder;Jobcenter\nUden rolle;uden@koege.test;;Jobcenter\n;ikke-en-mail;medarbejder;Findes ikke`,
    );
  await csv.getByRole("button", { name: "Opret brugerne" }).click();
  const alert = csv.getByRole("alert");
  await expect(alert).toContainText("Ingen brugere blev oprettet: 2 linjer har fejl.");
  await expect(alert).toContainText('Linje 3: ukendt rolle ""');
  await expect(alert).toContainText(
    'Linje 4: navn mangler; "ikke-en-mail" er ikke en gyldig e-mailadresse; enheden "Findes ikke" findes ikke',
  );
  await page.reload();
  await expect(page.getByText(ghost)).toHaveCount(0);

  // A list saved by Danish Excel (Windows-1252) as a file: æøå arrive intact.
  const dane = unique("Søren Ærø");
  const list = `Navn;E-mail;Rolle;Enhed\r\n${dane};soeren-${Date.now()}@koege.test;medarbejder;Jobcenter\r\n`;
  await csv.getByLabel("CSV-fil").setInputFiles({ name: "brugere.csv", mimeType: "text/csv", buffer: Buffer.from(list, "latin1") });
  await csv.getByRole("button", { name: "Opret brugerne" }).click();
  await expect(csv.getByRole("status").first()).toContainText("1 brugere er oprettet.");
  await expect(page.getByText(dane).first()).toBeVisible();

  // A link that was never issued.
  await page.goto(`/aktiver/${"x".repeat(43)}`);
  await expect(page.getByText("Linket er ugyldigt")).toBeVisible();
  await expectNoAxeViolations(page);
});
