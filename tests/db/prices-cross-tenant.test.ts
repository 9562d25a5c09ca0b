import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "@/lib/auth/access";
import { type PriceInput, setChannelPrice } from "@/lib/reports/prices";
import { adminTestDatabase } from "@/tests/helpers/admin";

// Channel prices: a coordinator sets their own municipality's prices only; KL's national defaults
// (municipality_id NULL, asked for by leaving the municipality out) are national staff's alone.
// Every refusal is checked against the channel_price rows and the audit log read back.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const access: Record<string, Access> = {};
const DENIED = /Du har ikke adgang til dette/;

beforeAll(async () => {
  t = await adminTestDatabase();
  for (const email of [
    "koordinator@koege.test",
    "koordinator@kbh.test",
    "national@spor.test",
    "medarbejder@kbh.test",
    "leder@koege.test",
  ]) {
    access[email] = (await t.ctx(email)).access;
  }
  // København's own price for the telephone, so there is a local row to overwrite or delete.
  await setChannelPrice(t.prisma, access["koordinator@kbh.test"], { channelCode: "TLFIND", municipalityNumber: 101, price: "41" });
});
afterAll(() => t.database.close());

const priceRows = () => t.prisma.channelPrice.findMany({ orderBy: { id: "asc" } });
const price = (channelCode: string, municipalityId: string | null) =>
  t.prisma.channelPrice
    .findFirst({ where: { channelCode, municipalityId }, orderBy: { validFrom: "desc" }, select: { priceOre: true } })
    .then((r) => r?.priceOre ?? null);

async function expectRefusedAndUnchanged(email: string, attempts: [string, PriceInput][], message: RegExp = DENIED) {
  const before = { rows: await priceRows(), audit: await t.prisma.auditEvent.count() };
  for (const [name, input] of attempts) {
    await expect(setChannelPrice(t.prisma, access[email], input), `${email}: ${name}`).rejects.toThrow(message);
  }
  expect(await priceRows()).toEqual(before.rows);
  expect(await t.prisma.auditEvent.count()).toBe(before.audit);
}

describe("channel prices across municipalities", () => {
  it("the setup is what the refusals are measured against", async () => {
    expect(await price("TLFIND", t.municipalityId(101))).toBe(4100);
    expect(await price("TLFIND", null)).not.toBeNull();
    expect(await price("PRSNLG", t.municipalityId(101))).toBeNull();
  });

  it("Køge's coordinator cannot set, change or remove København's prices", async () => {
    await expectRefusedAndUnchanged("koordinator@koege.test", [
      ["new price", { channelCode: "PRSNLG", municipalityNumber: 101, price: "1" }],
      ["overwrite", { channelCode: "TLFIND", municipalityNumber: 101, price: "1" }],
      ["remove (empty price)", { channelCode: "TLFIND", municipalityNumber: 101, price: "" }],
      ["number as a form sends it", { channelCode: "TLFIND", municipalityNumber: "101" as unknown as number, price: "1" }],
    ]);
    expect(await price("TLFIND", t.municipalityId(101))).toBe(4100);
    expect(await price("PRSNLG", t.municipalityId(101))).toBeNull();
  });

  it("Køge's coordinator cannot set the national price, with the municipality left out or null", async () => {
    const national = await price("TLFIND", null);
    await expectRefusedAndUnchanged("koordinator@koege.test", [
      ["left out", { channelCode: "TLFIND", price: "1" }],
      ["undefined", { channelCode: "TLFIND", municipalityNumber: undefined, price: "1" }],
    ]);
    // null is not "left out": it is no municipality number at all and is refused before any write.
    await expectRefusedAndUnchanged(
      "koordinator@koege.test",
      [["null", { channelCode: "TLFIND", municipalityNumber: null as unknown as number, price: "1" }]],
      /./,
    );
    expect(await price("TLFIND", null)).toBe(national);
  });

  it("a municipality that does not exist is refused like another one", async () => {
    await expectRefusedAndUnchanged("koordinator@koege.test", [["999", { channelCode: "TLFIND", municipalityNumber: 999, price: "1" }]]);
  });

  it("national staff, a registrant and a unit lead cannot set a municipality's own price", async () => {
    await expectRefusedAndUnchanged("national@spor.test", [
      ["København", { channelCode: "TLFIND", municipalityNumber: 101, price: "1" }],
      ["Køge", { channelCode: "TLFIND", municipalityNumber: 259, price: "1" }],
    ]);
    await expectRefusedAndUnchanged("medarbejder@kbh.test", [
      ["own municipality", { channelCode: "TLFIND", municipalityNumber: 101, price: "1" }],
      ["national", { channelCode: "TLFIND", price: "1" }],
    ]);
    await expectRefusedAndUnchanged("leder@koege.test", [
      ["own municipality", { channelCode: "TLFIND", municipalityNumber: 259, price: "1" }],
      ["national", { channelCode: "TLFIND", price: "1" }],
    ]);
    await expectRefusedAndUnchanged("koordinator@kbh.test", [["national", { channelCode: "TLFIND", price: "1" }]]);
  });

  it("Køge's coordinator sets Køge's own price, which touches no other row", async () => {
    const others = (await priceRows()).filter((r) => r.municipalityId !== t.municipalityId(259));
    await setChannelPrice(t.prisma, access["koordinator@koege.test"], { channelCode: "TLFIND", municipalityNumber: 259, price: "12,50" });
    expect(await price("TLFIND", t.municipalityId(259))).toBe(1250);
    expect((await priceRows()).filter((r) => r.municipalityId !== t.municipalityId(259))).toEqual(others);
  });

  it("national staff set the national price, which touches no municipality's price", async () => {
    const before = await priceRows();
    const nationalRows = before.filter((r) => r.municipalityId === null);
    await setChannelPrice(t.prisma, access["national@spor.test"], { channelCode: "TLFIND", price: "55" });
    const after = await priceRows();
    expect(await price("TLFIND", null)).toBe(5500);
    // A new dated TLFIND row from today; the old one stays for the earlier weeks.
    expect(after.filter((r) => r.municipalityId === null)).toHaveLength(nationalRows.length + 1);
    expect(
      after
        .filter((r) => r.municipalityId === null && r.channelCode === "TLFIND")
        .map((r) => r.priceOre)
        .sort(),
    ).toEqual([5000, 5500]);
    expect(after.filter((r) => r.municipalityId !== null)).toEqual(before.filter((r) => r.municipalityId !== null));
    expect(after.filter((r) => r.municipalityId === null && r.channelCode !== "TLFIND")).toEqual(
      nationalRows.filter((r) => r.channelCode !== "TLFIND"),
    );
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "channel_price.set_national", entityId: "TLFIND" } });
    expect(event).toMatchObject({ actorUserId: t.userId("national@spor.test"), municipalityId: null, after: { priceOre: 5500 } });
    // An empty national price is refused: the defaults always have a value.
    await expectRefusedAndUnchanged("national@spor.test", [["empty", { channelCode: "TLFIND", price: "" }]], /skal have en værdi/);
  });
});
