import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationReadScope, unitReadScope, municipalityReadScope } from "@/lib/auth/access";
import { loadAccess } from "@/lib/auth/load-access";
import type { SporDatabase } from "@/lib/database/open";
import { findReadableUnit, unitSetup } from "@/lib/units/queries";
import { provisionUser } from "@/lib/users/provision";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Tenant isolation on the real database and the demo data: the scope fragments that every query
// uses return only the caller's municipality, however the ids are guessed.

let database: SporDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const user of await database.prisma.user.findMany({ select: { id: true, email: true } })) ids[user.email] = user.id;
  for (const m of await database.prisma.municipality.findMany({ select: { id: true, number: true } })) ids[`m${m.number}`] = m.id;
});
afterAll(() => database.close());

const access = (email: string) => loadAccess(database.prisma, ids[email]);

async function unitMunicipalities(email: string) {
  const units = await database.prisma.unit.findMany({ where: unitReadScope(await access(email)), select: { municipalityId: true } });
  return new Set(units.map((u) => u.municipalityId));
}

describe("scope fragments on real rows", () => {
  it("a coordinator sees only their own municipality's units and registrations", async () => {
    expect(await unitMunicipalities("koordinator@koege.test")).toEqual(new Set([ids.m259]));
    const regs = await database.prisma.registration.findMany({
      where: registrationReadScope(await access("koordinator@koege.test")),
      select: { municipalityId: true },
    });
    expect(regs.length).toBeGreaterThan(0);
    expect(new Set(regs.map((r) => r.municipalityId))).toEqual(new Set([ids.m259]));
  });

  it("a unit lead sees their unit and the units below it, nothing else", async () => {
    const lead = await access("leder@koege.test");
    const units = await database.prisma.unit.findMany({ where: unitReadScope(lead), select: { name: true }, orderBy: { name: "asc" } });
    expect(units.map((u) => u.name)).toEqual(["Borgerservice", "Borgerservice – Skranke", "Borgerservice – Telefon"]);
    const regs = await database.prisma.registration.findMany({ where: registrationReadScope(lead), select: { unitId: true } });
    expect(regs.every((r) => lead.leadUnitIds.includes(r.unitId))).toBe(true);
  });

  it("national staff see both municipalities", async () => {
    expect(await unitMunicipalities("national@spor.test")).toEqual(new Set([ids.m259, ids.m101]));
    const municipalities = await database.prisma.municipality.count({ where: municipalityReadScope(await access("national@spor.test")) });
    expect(municipalities).toBe(2);
  });

  it("a registrant sees only their own registrations", async () => {
    const registrant = await access("medarbejder@koege.test");
    const regs = await database.prisma.registration.findMany({ where: registrationReadScope(registrant), select: { userId: true } });
    expect(regs.every((r) => r.userId === ids["medarbejder@koege.test"])).toBe(true);
  });

  it("guessing another municipality's unit id finds nothing", async () => {
    const kbhUnit = await database.prisma.unit.findFirstOrThrow({ where: { municipalityId: ids.m101 }, select: { id: true } });
    for (const email of ["koordinator@koege.test", "leder@koege.test", "medarbejder@koege.test"]) {
      const a = await access(email);
      expect(await findReadableUnit(database.prisma, a, kbhUnit.id), email).toBeNull();
      expect(await unitSetup(database.prisma, a, kbhUnit.id), email).toBeNull();
    }
    expect(await unitSetup(database.prisma, await access("koordinator@kbh.test"), kbhUnit.id)).not.toBeNull();
  });

  it("a user with no membership sees nothing at all", async () => {
    const { id } = await provisionUser(database.prisma, { email: "tom@koege.test", role: "national" }, "x".repeat(12));
    await database.prisma.membership.deleteMany({ where: { userId: id } });
    const none = await loadAccess(database.prisma, id);
    expect(await database.prisma.unit.count({ where: unitReadScope(none) })).toBe(0);
    expect(await database.prisma.registration.count({ where: registrationReadScope(none) })).toBe(0);
    expect(await database.prisma.municipality.count({ where: municipalityReadScope(none) })).toBe(0);
  });
});

describe("the database refuses memberships whose scope does not fit the role", () => {
  it("rejects a coordinator without a municipality and a registrant without a unit", async () => {
    const userId = ids["medarbejder@kbh.test"];
    await expect(database.prisma.membership.create({ data: { userId, role: "COORDINATOR" } })).rejects.toThrow();
    await expect(database.prisma.membership.create({ data: { userId, role: "REGISTRANT", municipalityId: ids.m101 } })).rejects.toThrow();
    await expect(database.prisma.membership.create({ data: { userId, role: "NATIONAL", municipalityId: ids.m101 } })).rejects.toThrow();
  });
});

describe("provisioning users", () => {
  it("cannot attach a unit of another municipality", async () => {
    await expect(
      provisionUser(database.prisma, { email: "x@koege.test", role: "registrant", municipality: 259, unit: "Jobcenter" }, "x".repeat(12)),
    ).resolves.toMatchObject({ role: "REGISTRANT" });
    const kbhUnit = await database.prisma.unit.findFirstOrThrow({ where: { municipalityId: ids.m101 }, select: { id: true } });
    await expect(
      provisionUser(database.prisma, { email: "y@koege.test", role: "registrant", municipality: 259, unit: kbhUnit.id }, "x".repeat(12)),
    ).rejects.toThrow(/findes ikke i kommunen/);
    expect(await database.prisma.user.count({ where: { email: "y@koege.test" } })).toBe(0);
  });

  it("gives clear Danish messages for bad input and writes the audit log for good input", async () => {
    await expect(provisionUser(database.prisma, { email: "z@koege.test", role: "boss" }, "x".repeat(12))).rejects.toThrow(/Ukendt rolle/);
    await expect(provisionUser(database.prisma, { email: "z@koege.test", role: "coordinator" }, "x".repeat(12))).rejects.toThrow(
      /Angiv --municipality/,
    );
    await expect(
      provisionUser(database.prisma, { email: "z@koege.test", role: "coordinator", municipality: 999 }, "x".repeat(12)),
    ).rejects.toThrow("999 er ikke et dansk kommunenummer.");
    const { id } = await provisionUser(database.prisma, { email: "Z@Koege.test", role: "coordinator", municipality: 259 }, "x".repeat(12));
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: id } });
    expect(event).toMatchObject({ action: "user.create", municipalityId: ids.m259 });
  });

  it("the audit log refuses updates and deletes", async () => {
    await expect(database.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(database.prisma.auditEvent.updateMany({ data: { action: "x" } })).rejects.toThrow(/append-only/);
  });
});
