import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onboardMunicipality, onboardSchema } from "@/lib/municipalities/onboarding";
import { DANISH_MUNICIPALITIES, danishMunicipality } from "@/lib/reference/municipalities";
import { provisionUser } from "@/lib/users/provision";
import { adminTestDatabase, snapshotTables } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const national = () => t.ctx("national@spor.test");
const onboard = (over: Partial<Record<string, unknown>> = {}) =>
  onboardSchema.parse({ number: "461", coordinatorName: " Ole  Odense ", coordinatorEmail: "Ole@Odense.TEST", ...over });

describe("the official list of municipalities", () => {
  it("holds the 98 municipalities with unique numbers, the demo's among them", () => {
    expect(DANISH_MUNICIPALITIES).toHaveLength(98);
    expect(new Set(DANISH_MUNICIPALITIES.map((m) => m.number)).size).toBe(98);
    expect(danishMunicipality(259)?.name).toBe("Køge");
    expect(danishMunicipality(101)?.name).toBe("København");
    expect(danishMunicipality(411)).toBeNull(); // Christiansø is not a municipality
  });
});

describe("KL onboards a municipality", () => {
  it("creates the municipality and invites its first coordinator with a single-use link, audit-logged", async () => {
    const { municipalityId, name, link } = await onboardMunicipality(await national(), onboard());
    expect(name).toBe("Odense");
    expect(await t.prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { number: true, name: true } })).toEqual({
      number: 461,
      name: "Odense",
    });
    const user = await t.prisma.user.findUniqueOrThrow({
      where: { email: "ole@odense.test" },
      select: {
        id: true,
        name: true,
        accounts: { select: { id: true } },
        memberships: { select: { role: true, municipalityId: true, unitId: true } },
      },
    });
    expect(user).toMatchObject({ name: "Ole Odense", accounts: [], memberships: [{ role: "COORDINATOR", municipalityId, unitId: null }] });
    expect(link).toMatchObject({ userId: user.id, purpose: "ACTIVATION" });
    const tokens = await t.prisma.userToken.findMany({ where: { userId: user.id }, select: { purpose: true, tokenHash: true } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0].tokenHash).not.toContain(link.token);
    const actions = await t.prisma.auditEvent.findMany({ where: { municipalityId }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["municipality.create", "user.invite"]);
  });

  it("refuses coordinators, municipalities already in Spor, unknown numbers and used e-mails, changing nothing", async () => {
    const before = await snapshotTables(t.prisma);
    await expect(onboardMunicipality(await t.koege(), onboard({ number: "751", coordinatorEmail: "a@aarhus.test" }))).rejects.toThrow(
      "Kun KL kan tilføje kommuner til Spor.",
    );
    await expect(onboardMunicipality(await national(), onboard({ number: "259", coordinatorEmail: "b@koege.test" }))).rejects.toThrow(
      /Køge Kommune er allerede i Spor/,
    );
    await expect(onboardMunicipality(await national(), onboard({ number: "411", coordinatorEmail: "c@x.test" }))).rejects.toThrow(
      "411 er ikke et dansk kommunenummer.",
    );
    // The e-mail is checked after the municipality is created: the transaction takes both back.
    await expect(
      onboardMunicipality(await national(), onboard({ number: "751", coordinatorEmail: "koordinator@koege.test" })),
    ).rejects.toThrow(/bruges allerede/);
    expect(await snapshotTables(t.prisma)).toEqual(before);
    expect(await t.prisma.municipality.count({ where: { number: 751 } })).toBe(0);
    expect(onboardSchema.safeParse({ number: "", coordinatorName: "X", coordinatorEmail: "x@x.test" }).success).toBe(false);
    expect(
      onboardSchema.safeParse({ number: "751", coordinatorName: "X", coordinatorEmail: "ikke en mail" }).error?.issues[0].message,
    ).toBe("E-mailadressen er ikke gyldig.");
  });
});

describe("the CLI's first coordinator", () => {
  it("brings an official municipality into Spor; other roles need the municipality first", async () => {
    await expect(
      provisionUser(t.prisma, { email: "r@vejle.test", role: "registrant", municipality: 630, unit: "X" }, "x".repeat(12)),
    ).rejects.toThrow("Vejle Kommune er ikke i Spor endnu. Opret først kommunens tovholder (--role coordinator).");
    expect(await t.prisma.municipality.count({ where: { number: 630 } })).toBe(0);
    await expect(provisionUser(t.prisma, { email: "k@x.test", role: "coordinator", municipality: 999 }, "x".repeat(12))).rejects.toThrow(
      "999 er ikke et dansk kommunenummer.",
    );

    const { id } = await provisionUser(t.prisma, { email: "k@vejle.test", role: "coordinator", municipality: 630 }, "x".repeat(12));
    const vejle = await t.prisma.municipality.findUniqueOrThrow({ where: { number: 630 }, select: { id: true, name: true } });
    expect(vejle.name).toBe("Vejle");
    expect(await t.prisma.membership.findMany({ where: { userId: id }, select: { role: true, municipalityId: true } })).toEqual([
      { role: "COORDINATOR", municipalityId: vejle.id },
    ]);
  });
});
