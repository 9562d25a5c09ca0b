import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, signIn, USERS } from "./helpers";
import { roundCard, unique } from "./admin-helpers";

// KL's questionnaire of a round ("Øvrige data", issue 17): KL defines three questions on a fresh past
// round, Køge's coordinator joins the round and answers, approves (the answers lock), KL reads the
// answers side by side and as CSV and filters the national self-service rate on an answer, and the
// public /landkort shows the public answers only once Køge publishes (tested by URL before and after).

async function newPage(browser: Browser, email?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (email) await signIn(page, email);
  return page;
}

test("KL asks, a coordinator answers, KL compares and filters, the public page shows the published answer", async ({ page, browser }) => {
  test.slow(); // three people, eight pages with axe scans
  const tag = unique("q").split(" ")[1];
  const name = `Spørgerunde ${tag}`;
  // Between the demo's 2015 round and the current one: over, and among the newest rounds Dækning lists.
  const year = String(2016 + Math.floor(Math.random() * 10));
  const strategy = `Har kommunen en kanalstrategi? ${tag}`;
  const staff = `Årsværk i borgerservice ${tag}`;
  const method = `Dokumentationsmetode ${tag}`;
  const methodAnswer = `Journalark i ESDH ${tag}`;

  // KL creates a past round (so it can be approved) and opens its questionnaire.
  await signIn(page, USERS.national, "/national");
  const create = page.getByRole("form", { name: "Ny tællerunde" });
  await create.getByLabel("Navn").fill(name);
  await create.getByLabel("År").fill(year);
  await create.getByLabel("Første uge").fill(String(2 + Math.floor(Math.random() * 45)));
  await create.getByLabel("Antal uger").selectOption("1");
  await create.getByRole("button", { name: "Opret tællerunde" }).click();
  await expect(create.getByRole("status")).toContainText(`Tællerunden "${name}" er oprettet.`);
  await page.getByRole("link", { name: `Ret ${name}` }).click();
  await page.getByRole("link", { name: "Lav rundens spørgeskema" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Spørgeskema: ${name}` })).toBeVisible();
  await expect(page.getByText("aldrig om borgere").first()).toBeVisible();
  await expectNoAxeViolations(page);

  const add = page.getByRole("form", { name: "Tilføj et spørgsmål" });
  // A single choice needs two options: refused in Danish, nothing added.
  await add.getByLabel("Spørgsmål", { exact: true }).fill(strategy);
  await add.getByLabel("Svarmuligheder – én pr. linje").fill("Ja");
  await add.getByRole("button", { name: "Tilføj spørgsmålet" }).click();
  await expect(add.getByRole("alert")).toContainText("Skriv mindst to svarmuligheder, én pr. linje.");
  await expect(page.getByRole("heading", { name: "Spørgsmål (0)" })).toBeVisible();
  await expectNoAxeViolations(page);

  await add.getByLabel("Svarmuligheder – én pr. linje").fill("Ja\nNej");
  await add.getByLabel("Vis svarene på Det Digitale Landkort").check();
  await add.getByRole("button", { name: "Tilføj spørgsmålet" }).click();
  await expect(page.getByRole("heading", { name: "Spørgsmål (1)" })).toBeVisible();
  for (const [kind, text, isPublic] of [
    ["NUMBER", staff, false],
    ["TEXT", method, true],
  ] as const) {
    await add.getByLabel("Type").selectOption(kind);
    await add.getByLabel("Spørgsmål", { exact: true }).fill(text);
    await add.getByLabel("Svarmuligheder – én pr. linje").fill("");
    if (isPublic) await add.getByLabel("Vis svarene på Det Digitale Landkort").check();
    else await add.getByLabel("Vis svarene på Det Digitale Landkort").uncheck();
    await add.getByRole("button", { name: "Tilføj spørgsmålet" }).click();
    await expect(page.locator(`li[data-question="${text}"]`)).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Spørgsmål (3)" })).toBeVisible();
  await expectNoAxeViolations(page);
  const roundId = page.url().match(/runder\/([0-9a-f-]{36})/)![1];

  // Køge's coordinator joins the round and answers; a bad number is refused with nothing saved.
  const coordinator = await newPage(browser, USERS.coordinatorKoege);
  const card = await roundCard(coordinator, name);
  await card.getByText(`Ret ugerne i ${name}`).click();
  for (const week of await card.getByRole("checkbox", { name: /Uge/ }).all()) await week.check();
  await card.getByRole("button", { name: "Deltag med de valgte uger" }).click();
  await expect(card.getByText(/Kommunen tæller i 1 uge/)).toBeVisible();
  await coordinator.goto("/daekning");
  await coordinator.getByRole("link", { name: "Besvar KL's spørgeskema for runden" }).click();
  const roundLink = coordinator.getByRole("link", { name, exact: true });
  if (await roundLink.count()) await roundLink.click();
  const form = coordinator.getByRole("form", { name: `Spørgeskema, Køge, ${name}` });
  await expect(form).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await form
    .getByRole("group", { name: `1. ${strategy}` })
    .getByLabel("Ja")
    .check();
  await form.getByLabel(`2. ${staff}`).fill("mange");
  await form.getByLabel(`3. ${method}`).fill(methodAnswer);
  await form.getByRole("button", { name: "Gem svarene" }).click();
  await expect(form.getByRole("alert")).toContainText("Spørgsmål 2: Skriv et tal uden tusindtalspunktum, fx 12 eller 2,5.");
  await expectNoAxeViolations(coordinator);
  await form.getByLabel(`2. ${staff}`).fill("12,5");
  await form.getByRole("button", { name: "Gem svarene" }).click();
  await expect(form.getByRole("status")).toContainText("Svarene er gemt: 3 spørgsmål besvaret.");

  // Approval locks the answers.
  await coordinator.goto("/daekning");
  const approval = coordinator.locator(`li[data-round="${name}"]`);
  await approval.getByRole("button", { name: `Godkend data for ${name}` }).click();
  const dialog = coordinator.getByRole("dialog", { name: `Godkend data for ${name}?` });
  await dialog.getByLabel("Jeg har set fundene").check();
  await dialog.getByRole("button", { name: "Ja, godkend" }).click();
  await expect(approval.getByText(/Godkendt .* Data er låst\./)).toBeVisible();
  await coordinator.goto("/daekning/spoergeskema");
  if (await roundLink.count()) await roundLink.click();
  await expect(coordinator.getByText("Rundens data er godkendt, så svarene er låst.")).toBeVisible();
  await expect(coordinator.getByRole("button", { name: "Gem svarene" })).toHaveCount(0);
  await expectNoAxeViolations(coordinator);

  // KL sees the answers side by side and as CSV.
  await page.goto(`/national/runder/${roundId}/svar`);
  const table = page.getByRole("table", { name: `Svar pr. kommune, ${name}` });
  const koege = table.locator('tr[data-kommune="259"]');
  await expect(koege).toContainText("Godkendt");
  await expect(koege).toContainText("Ja");
  await expect(koege).toContainText("12,5");
  await expect(koege).toContainText(methodAnswer);
  await expectNoAxeViolations(page);
  const csvHref = (await page.getByRole("link", { name: "Hent svarene som CSV" }).getAttribute("href"))!;
  const code = new URL(csvHref, "http://x").searchParams.get("runde")!;
  const csv = await (await page.request.get(csvHref)).text();
  expect(csv).toContain(`1. ${strategy}`);
  expect(csv).toContain(`259;Køge;JA;Ja;12,5;${methodAnswer}`);

  // … and filters the national self-service rate on the answer.
  await page.getByRole("link", { name: /selvbetjeningsgraden for kommuner, der har svaret «Ja»/ }).click();
  await expect(page.getByTestId("filter-summary")).toContainText(`svar: ${strategy} Ja`);
  await expect(page.getByText(`Kun kommuner, der har svaret «Ja» på «${strategy}» og har godkendt runden: 1 kommune.`)).toBeVisible();
  await expectNoAxeViolations(page);

  // … and groups it per answer, side by side.
  await page.goto(`/national/runder/${roundId}/svar`);
  await page.getByRole("link", { name: `selvbetjeningsgraden pr. svar på «${strategy}»` }).click();
  const grouped = page.getByRole("table", {
    name: new RegExp(`Selvbetjeningsgrad i alt for de godkendte kommuner, fordelt på deres svar`),
  });
  await expect(grouped.getByRole("row").filter({ hasText: "Nej" })).toBeVisible();
  await expect(grouped.getByRole("row").filter({ hasText: "Ja" }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Public: nothing before Køge publishes (by URL, the whole HTML), the public answers after.
  const visitor = await newPage(browser);
  const landkort = `/landkort?runde=${encodeURIComponent(code)}`;
  const before = await (await visitor.request.get(landkort)).text();
  expect(before).not.toContain(methodAnswer);
  expect(before).not.toContain(strategy);
  await coordinator.goto("/administration");
  await coordinator.getByRole("button", { name: "Offentliggør kommunens tal" }).click();
  await expect(coordinator.getByText("Kommunens tal vises nu på Det Digitale Landkort.")).toBeVisible();
  try {
    await visitor.goto(landkort);
    const answers = visitor.getByRole("table", { name: `Kommunernes svar, ${name}` });
    await expect(answers.locator('tr[data-kommune="259"]')).toContainText("Ja");
    await expect(answers.locator('tr[data-kommune="259"]')).toContainText(methodAnswer);
    // The number question is not public: neither its wording nor the answer.
    const html = await visitor.content();
    expect(html).not.toContain(staff);
    await expectNoAxeViolations(visitor);
  } finally {
    // Other specs expect Køge unpublished.
    await coordinator.goto("/administration");
    await coordinator.getByRole("button", { name: "Stop offentliggørelse" }).click();
    await expect(coordinator.getByText("Kommunens tal vises ikke længere på Det Digitale Landkort.")).toBeVisible();
  }
  // Read through the page, not a second request on the visitor's idle keep-alive socket (the server closes it after 5 s).
  await visitor.goto(landkort);
  expect(await visitor.content()).not.toContain(methodAnswer);
  await visitor.context().close();
  await coordinator.context().close();
});
