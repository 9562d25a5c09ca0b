import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAccess } from "@/lib/auth/load-access";
import type { SporDatabase } from "@/lib/database/open";
import { pricesInForce } from "@/lib/reports/cost";
import { setChannelPrice } from "@/lib/reports/prices";
import { runReport } from "@/lib/reports/run";
import { createTestDatabase } from "@/tests/helpers/test-db";
import { type Fixture, loadFixture } from "./report-fixture";

// Dated channel prices: a new price applies from the day it is set, so the cost of a round already
// counted stays as it was. Round t-2026-43 runs from Monday 19 October to Sunday 8 November 2026. In
// municipality A, TLFIND has 19 contacts, all in week 43, at A's own price of 40 kr (760 kr), and
// EMLUD has 2 contacts in week 43 at the seeded national price (read from the report first).

let database: SporDatabase;
let f: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await loadFixture(database);
});
afterAll(() => database.close());

const cost = async () => {
  const result = (await runReport(database.sql, f.access.coordA, "omkostninger", { runde: "t-2026-43", kommune: "901" })).result;
  return Object.fromEntries(result.tables[0].rows.map((r) => [String(r.code), r]));
};
const at = (date: string) => new Date(`${date}T10:00:00Z`);
const national = async () => {
  const user = await database.prisma.user.create({
    data: { id: crypto.randomUUID(), email: `kl-${Date.now()}@kl.test`, name: "KL", kind: "PERSON" },
  });
  await database.prisma.membership.create({ data: { userId: user.id, role: "NATIONAL" } });
  return loadAccess(database.prisma, user.id);
};

describe("dated channel prices", () => {
  it("a price set after the round leaves the round's cost alone; one set before its first Monday changes it", async () => {
    expect((await cost()).TLFIND).toMatchObject({ contacts: 19, price: 40, cost: 760 });
    await setChannelPrice(
      database.prisma,
      f.access.coordA,
      { channelCode: "TLFIND", municipalityNumber: 901, price: "60" },
      at("2026-11-02"),
    );
    expect((await cost()).TLFIND).toMatchObject({ contacts: 19, price: 40, cost: 760 });
    // Today's prices show the new one; the price page on a day before it shows the old one.
    const today = await pricesInForce(database.sql.query.bind(database.sql), f.m.a, "2026-11-02");
    expect(today.find((p) => p.code === "TLFIND")).toMatchObject({ local: 60, inForce: 60 });
    const before = await pricesInForce(database.sql.query.bind(database.sql), f.m.a, "2026-10-30");
    expect(before.find((p) => p.code === "TLFIND")).toMatchObject({ local: 40, inForce: 40 });

    // Ending A's override from the round's first Monday: week 43 now uses the national price.
    const nationalTlf = before.find((p) => p.code === "TLFIND")!.national!;
    await setChannelPrice(
      database.prisma,
      f.access.coordA,
      { channelCode: "TLFIND", municipalityNumber: 901, price: "" },
      at("2026-10-19"),
    );
    expect((await cost()).TLFIND).toMatchObject({ contacts: 19, price: nationalTlf, cost: 19 * nationalTlf });
  });

  it("the national price is dated too, and a second change the same day replaces the first", async () => {
    const kl = await national();
    const emlud = (await cost()).EMLUD;
    await setChannelPrice(database.prisma, kl, { channelCode: "EMLUD", price: "99" }, at("2026-11-20"));
    expect((await cost()).EMLUD).toEqual(emlud);
    await setChannelPrice(database.prisma, kl, { channelCode: "EMLUD", price: "10" }, at("2026-10-12"));
    await setChannelPrice(database.prisma, kl, { channelCode: "EMLUD", price: "12" }, at("2026-10-12"));
    expect((await cost()).EMLUD).toMatchObject({ contacts: 2, price: 12, cost: 24 });
    const rows = await database.prisma.channelPrice.findMany({
      where: { channelCode: "EMLUD", municipalityId: null },
      orderBy: { validFrom: "asc" },
    });
    expect(rows.map((r) => [r.validFrom.toISOString().slice(0, 10), r.priceOre])).toEqual([
      ["2000-01-01", emlud.price === null ? null : Number(emlud.price) * 100],
      ["2026-10-12", 1200],
      ["2026-11-20", 9900],
    ]);
  });
});
