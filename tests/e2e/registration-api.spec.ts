import { type APIRequestContext, expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";
import { fetchToday, openScreen, taskIdOf } from "./registration-helpers";

// The endpoint is public: everything the screen could fake is checked by the server, which answers
// with a Danish message and stores nothing. "Nothing stored" is proven by posting the same id again
// correctly afterwards and getting 201 (created), not 200 (duplicate).

const headers = { "Content-Type": "application/json" };

async function post(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post("/api/registrations", { data: body, headers });
  return { status: response.status(), body: (await response.json()) as { error?: string; status?: string } };
}

test("posting for another municipality's unit, or with a channel, task or form the unit does not allow, is refused", async ({ page }) => {
  // Learn a København unit id the honest way, as København's registrant.
  await signIn(page, USERS.registrantKbh);
  const kbhUnit = await openScreen(page);
  await page.context().clearCookies();

  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const flytning = await taskIdOf(page, "Flytning");
  const before = await fetchToday(page, unitId);
  const valid = {
    id: crypto.randomUUID(),
    unitId,
    channelCode: "TLFUD",
    taskId: flytning,
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  };

  const refusals: [Record<string, unknown>, RegExp][] = [
    [{ unitId: kbhUnit }, /Du kan ikke registrere i den enhed/],
    [{ channelCode: "TLFIND" }, /Kanalen er ikke slået til for enheden/], // Skranke has no inbound telephone
    [{ taskId: crypto.randomUUID() }, /Opgaven tælles ikke i enheden/],
    [{ form: true }, /Blanket angives ikke for denne kanal/],
    [{ channelCode: "PRSNLG", form: null }, /Angiv om der var en blanket/],
    [{ contactTypeCode: "FEJL" }, /Fejlhenvendelse/],
    [{ isTest: true }, /Prøvetællingen er slut/],
    [{ closureCode: "" }, /Vælg afslutning/],
  ];
  for (const [change, message] of refusals) {
    const { status, body } = await post(page.request, { ...valid, ...change });
    expect(status, JSON.stringify(change)).toBeGreaterThanOrEqual(400);
    expect(status, JSON.stringify(change)).toBeLessThan(500);
    expect(body.error, JSON.stringify(change)).toMatch(message);
  }
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount);

  // The same id was never stored by any of the refusals.
  const created = await post(page.request, valid);
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("created");
  expect((await fetchToday(page, unitId)).ownCount).toBe(before.ownCount + 1);

  // Today's list of a foreign unit is not readable either.
  expect((await page.request.get(`/api/registrations/today?unitId=${kbhUnit}`)).status()).toBe(404);
});

test("another registrant cannot correct or delete my registration", async ({ browser, page }) => {
  await signIn(page, USERS.registrantKoege);
  const unitId = await openScreen(page);
  const id = crypto.randomUUID();
  const created = await post(page.request, {
    id,
    unitId,
    channelCode: "TLFUD",
    taskId: await taskIdOf(page, "Pas"),
    contactTypeCode: "VEJL",
    closureCode: "STRAKS",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  });
  expect(created.status).toBe(201);

  const other = await browser.newPage();
  await signIn(other, USERS.registrantKbh);
  const patch = await other.request.patch(`/api/registrations/${id}`, { data: { closureCode: "HOLD" }, headers });
  expect(patch.status()).toBe(404);
  const del = await other.request.delete(`/api/registrations/${id}`);
  expect(del.status()).toBe(404);
  // Reusing my id for a registration of their own is refused too, and changes nothing.
  const kbhUnit = await openScreen(other);
  const reuse = await post(other.request, {
    id,
    unitId: kbhUnit,
    channelCode: "TLFUD",
    taskId: await taskIdOf(other, "Pas"),
    contactTypeCode: "INFO",
    closureCode: "HOLD",
    form: null,
    occurredAt: new Date().toISOString(),
    isTest: false,
    answers: [],
  });
  expect(reuse.status).toBe(409);
  expect(reuse.body.error).toMatch(/id er allerede brugt/);
  await other.close();

  const mine = (await fetchToday(page, unitId)).own.find((r) => r.id === id);
  expect(mine?.closureCode).toBe("STRAKS");
});
