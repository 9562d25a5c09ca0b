import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/registrations/route";
import { API_RATE_LIMIT, API_UNKNOWN_TOKEN_LIMIT, takeRate } from "@/lib/ingestion/rate-limit";
import { createApiToken, revokeApiToken } from "@/lib/ingestion/tokens";
import { addRegistration, adminTestDatabase } from "@/tests/helpers/admin";

// The ingestion API through its real route handler, on a real database: rows are read back.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let koege: string;
let kbh: string;
const occurredAt = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();

beforeAll(async () => {
  t = await adminTestDatabase();
  koege = t.municipalityId(259);
  kbh = t.municipalityId(101);
});
afterAll(() => t.database.close());

async function token(municipality: 259 | 101, unitNames: string[] = []) {
  const ctx = municipality === 259 ? await t.koege() : await t.kbh();
  const unitIds = await Promise.all(unitNames.map((n) => t.unitId(municipality, n)));
  return createApiToken(ctx, {
    municipalityId: t.municipalityId(municipality),
    name: `System ${crypto.randomUUID().slice(0, 6)}`,
    unitIds,
  });
}

function post(secret: string | null, body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/v1/registrations", {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

function item(overrides: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    unit: "Borgerservice",
    task: "23.05.10",
    channelCode: "SLVBTJN",
    contactTypeCode: "OPRET",
    closureCode: "STRAKS",
    form: false,
    occurredAt,
    quantity: 12,
    ...overrides,
  };
}

const counts = async () => ({ registrations: await t.prisma.registration.count(), batches: await t.prisma.importBatch.count() });

describe("tokens", () => {
  it("stores only a hash of the secret, audit-logs create and revoke, and a revoked token is refused", async () => {
    const { id, secret } = await token(259);
    expect(secret).toMatch(/^spor_[A-Za-z0-9_-]{43}$/);
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(5));
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(secret).digest("hex"));
    expect(row.prefix).toBe(secret.slice(0, 12));

    expect((await post(secret, { registrations: [item()] })).status).toBe(201);
    expect((await t.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    await revokeApiToken(await t.koege(), { municipalityId: koege, tokenId: id });
    const before = await counts();
    const refused = await post(secret, { registrations: [item()] });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await refused.json()).error).toMatch(/tilbagekaldt/);
    expect(await counts()).toEqual(before);
    const audit = await t.prisma.auditEvent.findMany({
      where: { entityId: id },
      select: { action: true, actorUserId: true },
      orderBy: { id: "asc" },
    });
    expect(audit).toEqual([
      { action: "api-token.create", actorUserId: t.userId("koordinator@koege.test") },
      { action: "api-token.revoke", actorUserId: t.userId("koordinator@koege.test") },
    ]);
  });

  it("answers 401 without a token, with an unknown one, and with a malformed header", async () => {
    for (const header of [null, `spor_${"a".repeat(43)}`, "not-a-token"]) {
      const response = await post(header, { registrations: [item()] });
      expect(response.status).toBe(401);
    }
    const basic = await post(null, { registrations: [item()] }, { authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);
  });

  it("a coordinator creates and revokes only their own municipality's tokens; national staff only read", async () => {
    const own = await token(259);
    const kbhCtx = await t.kbh();
    await expect(createApiToken(kbhCtx, { municipalityId: koege, name: "Snyd", unitIds: [] })).rejects.toThrow();
    await expect(revokeApiToken(kbhCtx, { municipalityId: kbh, tokenId: own.id })).rejects.toThrow(/findes ikke/);
    await expect(revokeApiToken(kbhCtx, { municipalityId: koege, tokenId: own.id })).rejects.toThrow();
    const national = await t.ctx("national@spor.test");
    await expect(createApiToken(national, { municipalityId: koege, name: "KL", unitIds: [] })).rejects.toThrow();
    // A unit of another municipality cannot be a limit.
    const kbhUnit = await t.unitId(101, "Jobcenter");
    await expect(createApiToken(await t.koege(), { municipalityId: koege, name: "X", unitIds: [kbhUnit] })).rejects.toThrow(
      /findes ikke i kommunen/,
    );
    expect((await t.prisma.apiToken.findUniqueOrThrow({ where: { id: own.id } })).revokedAt).toBeNull();
  });
});

describe("POST /api/v1/registrations", () => {
  it("stores a valid batch once: the same request again writes nothing and names what was already stored", async () => {
    const { id: tokenId, secret } = await token(259);
    const items = [
      item(),
      item({
        unit: "Borgerservice – Telefon",
        channelCode: "TLFIND",
        contactTypeCode: null,
        closureCode: null,
        form: null,
        quantity: undefined,
      }),
    ];
    const first = await post(secret, { registrations: items });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ status: "stored", created: 2, totalQuantity: 13, alreadyStored: [] });
    const rows = await t.prisma.registration.findMany({
      where: { id: { in: items.map((i) => i.id) } },
      select: {
        id: true,
        municipalityId: true,
        source: true,
        quantity: true,
        batchId: true,
        userId: true,
        unit: { select: { name: true } },
      },
    });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.municipalityId === koege && r.source === "API" && r.batchId === body.batchId && r.userId === null)).toBe(
      true,
    );
    expect(rows.map((r) => r.unit.name).sort()).toEqual(["Borgerservice", "Borgerservice – Telefon"]);
    expect(await t.prisma.importBatch.findUniqueOrThrow({ where: { id: body.batchId } })).toMatchObject({
      kind: "API",
      apiTokenId: tokenId,
      rowCount: 2,
      totalQuantity: 13,
    });

    const before = await counts();
    const again = await post(secret, { registrations: items });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, batchId: null, alreadyStored: expect.arrayContaining(items.map((i) => i.id)) });
    expect(await counts()).toEqual(before);

    const mixed = await post(secret, { registrations: [items[0], item({ quantity: 5 })] });
    expect(mixed.status).toBe(201);
    expect(await mixed.json()).toMatchObject({ created: 1, totalQuantity: 5, alreadyStored: [items[0].id] });
  });

  it("two identical requests at the same moment store one set of rows and no empty batch", async () => {
    const { id: tokenId, secret } = await token(259);
    const items = [item(), item({ quantity: 2 })];
    const answers = await Promise.all([post(secret, { registrations: items }), post(secret, { registrations: items })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await t.prisma.registration.count({ where: { id: { in: items.map((i) => i.id) } } })).toBe(2);
    expect(await t.prisma.importBatch.findMany({ where: { apiTokenId: tokenId }, select: { rowCount: true } })).toEqual([{ rowCount: 2 }]);
  });

  it("refuses the whole request when any item is wrong, naming each item and field in Danish, and writes nothing", async () => {
    const { secret } = await token(259);
    const before = await counts();
    const good = item();
    const response = await post(secret, {
      registrations: [
        good,
        item({ channelCode: "FAX", quantity: 0 }),
        item({ task: "flytning", form: "måske" }),
        item({ unit: "Ukendt enhed", occurredAt: "2031-01-01T10:00:00Z" }),
        { ...item(), id: "ikke-et-uuid", farve: "blå" },
        item({ id: good.id }),
      ],
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toBe("5 registreringer har fejl. Intet er gemt.");
    expect(body.errors).toEqual([
      { index: 1, id: expect.any(String), field: "channelCode", message: 'Kanalen "FAX" findes ikke.' },
      { index: 1, id: expect.any(String), field: "quantity", message: 'Antal skal være et helt tal fra 1 til 1.000.000 (fik "0").' },
      { index: 2, id: expect.any(String), field: "form", message: "form skal være true, false eller null." },
      { index: 3, id: expect.any(String), field: "occurredAt", message: 'Datoen "2031-01-01T10:00:00Z" ligger uden for 2010 til i dag.' },
      { index: 4, id: "ikke-et-uuid", field: "id", message: expect.stringMatching(/^id skal være et UUID/) },
      { index: 4, id: "ikke-et-uuid", field: null, message: "Ukendt felt: farve." },
      { index: 5, id: good.id, field: "id", message: "Id'et står også i registrering nr. 0 i samme forespørgsel." },
    ]);
    expect(await counts()).toEqual(before);

    const unknownUnit = await post(secret, { registrations: [item({ unit: "Ukendt enhed" })] });
    expect(unknownUnit.status).toBe(422);
    expect((await unknownUnit.json()).errors).toEqual([
      { index: 0, id: expect.any(String), field: "unit", message: 'Enheden "Ukendt enhed" findes ikke i kommunen.' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses an id stored with other content, and never changes the stored row", async () => {
    const { secret } = await token(259);
    const original = item({ quantity: 3 });
    expect((await post(secret, { registrations: [original] })).status).toBe(201);
    const changed = await post(secret, { registrations: [{ ...original, quantity: 4 }] });
    expect(changed.status).toBe(422);
    expect((await changed.json()).errors[0]).toMatchObject({ field: "id", message: expect.stringMatching(/andet indhold/) });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: original.id } })).quantity).toBe(3);
  });

  it("a token limited to units writes for them and their sub-units only", async () => {
    const { secret } = await token(259, ["Borgerservice"]);
    const before = await counts();
    const refused = await post(secret, {
      registrations: [item({ unit: "Borgerservice – Skranke", channelCode: "PRSNLG" }), item({ unit: "Jobcenter" })],
    });
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([
      { index: 1, id: expect.any(String), field: "unit", message: 'Nøglen må ikke indberette for enheden "Jobcenter".' },
    ]);
    expect(await counts()).toEqual(before);
    expect((await post(secret, { registrations: [item({ unit: "Borgerservice – Skranke", channelCode: "PRSNLG" })] })).status).toBe(201);
  });

  it("a token of one municipality cannot write another's units or touch its registrations", async () => {
    const { secret } = await token(259);
    const kbhUnit = await t.unitId(101, "Teknik og Miljø");
    const kbhRegistration = await addRegistration(t.prisma, { municipalityId: kbh, unitId: kbhUnit, quantity: 9 });
    const kbhBefore = await t.prisma.registration.findMany({ where: { municipalityId: kbh }, orderBy: { id: "asc" } });
    const before = await counts();

    const byId = await post(secret, { registrations: [item({ unit: kbhUnit })] });
    expect(byId.status).toBe(422);
    expect((await byId.json()).errors[0]).toMatchObject({ field: "unit", message: `Enheden "${kbhUnit}" findes ikke i kommunen.` });
    const reusedId = await post(secret, { registrations: [item({ id: kbhRegistration, quantity: 9 })] });
    expect(reusedId.status).toBe(422);
    expect((await reusedId.json()).errors[0]).toMatchObject({
      field: "id",
      message: expect.stringMatching(/allerede brugt af en anden registrering/),
    });
    expect(await counts()).toEqual(before);
    expect(await t.prisma.registration.findMany({ where: { municipalityId: kbh }, orderBy: { id: "asc" } })).toEqual(kbhBefore);

    // A unit name both municipalities have goes to the token's own municipality.
    const byName = item({ unit: "Jobcenter" });
    expect((await post(secret, { registrations: [byName] })).status).toBe(201);
    const stored = await t.prisma.registration.findUniqueOrThrow({
      where: { id: byName.id },
      select: { municipalityId: true, unitId: true },
    });
    expect(stored).toEqual({ municipalityId: koege, unitId: await t.unitId(259, "Jobcenter") });
  });

  it("refuses bodies that are not JSON, have no list, or too many items", async () => {
    const { secret } = await token(259);
    expect((await post(secret, "{ikke json")).status).toBe(400);
    expect((await post(secret, { registreringer: [] })).status).toBe(400);
    expect((await post(secret, { registrations: [] })).status).toBe(400);
    const tooMany = await post(secret, { registrations: Array.from({ length: 1001 }, () => ({})) });
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error).toBe("Højst 1.000 registreringer pr. forespørgsel.");
    expect((await post(secret, { registrations: [item()] }, { "content-type": "text/plain" })).status).toBe(415);
  });

  it("limits each token to 60 requests a minute with 429 and Retry-After, counted in the database; other tokens are unaffected", async () => {
    const limited = await token(259);
    const other = await token(259);
    expect((await post(limited.secret, "x", { "content-type": "text/plain" })).status).toBe(415);
    // The count lives in the database, where every instance reads it: one request counted so far.
    const key = `api-token:${limited.id}`;
    expect((await t.prisma.rateLimitWindow.findMany({ where: { key } })).map((r) => r.hits)).toEqual([1]);
    // Fill this window and the next (the test must not depend on where in the minute it runs; the
    // counting itself is tested with a fixed clock below).
    const minute = Math.floor(Date.now() / API_RATE_LIMIT.windowMs) * API_RATE_LIMIT.windowMs;
    for (const start of [minute, minute + API_RATE_LIMIT.windowMs]) {
      await t.prisma.rateLimitWindow.upsert({
        where: { key_windowStart: { key, windowStart: new Date(start) } },
        create: { key, windowStart: new Date(start), hits: API_RATE_LIMIT.requests },
        update: { hits: API_RATE_LIMIT.requests },
      });
    }
    const refused = await post(limited.secret, { registrations: [item()] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/højst 60 i minuttet/);
    expect((await post(other.secret, { registrations: [item()] })).status).toBe(201);
  });

  it("limits requests without a valid token per client address, and a valid token from there still works", async () => {
    const address = { "x-spor-client-ip": "192.0.2.77" };
    expect((await post("spor_forkert", { registrations: [item()] }, address)).status).toBe(401);
    expect((await post(null, { registrations: [item()] }, address)).status).toBe(401);
    const key = "api-unknown-token:192.0.2.77";
    expect((await t.prisma.rateLimitWindow.findMany({ where: { key } })).reduce((n, r) => n + r.hits, 0)).toBe(2);
    const minute = Math.floor(Date.now() / API_UNKNOWN_TOKEN_LIMIT.windowMs) * API_UNKNOWN_TOKEN_LIMIT.windowMs;
    for (const start of [minute, minute + API_UNKNOWN_TOKEN_LIMIT.windowMs]) {
      await t.prisma.rateLimitWindow.upsert({
        where: { key_windowStart: { key, windowStart: new Date(start) } },
        create: { key, windowStart: new Date(start), hits: API_UNKNOWN_TOKEN_LIMIT.requests },
        update: { hits: API_UNKNOWN_TOKEN_LIMIT.requests },
      });
    }
    const refused = await post("spor_forkert", { registrations: [item()] }, address);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(/uden gyldig API-nøgle fra denne adresse/);
    expect((await post("spor_forkert", { registrations: [item()] }, { "x-spor-client-ip": "192.0.2.78" })).status).toBe(401);
    const valid = await token(259);
    expect((await post(valid.secret, { registrations: [item()] }, address)).status).toBe(201);
  });
});

describe("the database rate limit", () => {
  it("lets exactly the limit through when many requests arrive at once", async () => {
    const limit = { requests: 7, windowMs: 60_000 };
    const now = new Date();
    const decisions = await Promise.all(Array.from({ length: 30 }, () => takeRate(t.prisma, "concurrent", limit, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    const row = await t.prisma.rateLimitWindow.findFirstOrThrow({ where: { key: "concurrent" } });
    expect(row.hits).toBe(7);
  });

  it("opens a new window when the old one ends, and says how long until then", async () => {
    const limit = { requests: 2, windowMs: 60_000 };
    const start = Math.ceil(Date.now() / 60_000) * 60_000;
    const at = (ms: number) => new Date(start + ms);
    expect((await takeRate(t.prisma, "window", limit, at(1_000))).allowed).toBe(true);
    expect((await takeRate(t.prisma, "window", limit, at(2_000))).allowed).toBe(true);
    expect(await takeRate(t.prisma, "window", limit, at(45_500))).toEqual({ allowed: false, retryAfterSeconds: 15 });
    expect(await takeRate(t.prisma, "window", limit, at(59_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await takeRate(t.prisma, "window", limit, at(60_000))).allowed).toBe(true);
    expect((await takeRate(t.prisma, "other-key", limit, at(45_500))).allowed).toBe(true);
  });
});
