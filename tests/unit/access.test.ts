import { describe, expect, it } from "vitest";
import {
  type Access,
  canAdministerMunicipality,
  canMassRegister,
  canMassRegisterInUnit,
  canReadMunicipality,
  canReadUnit,
  canRegisterInUnit,
  canViewMunicipalityAdministration,
  massRegistrationUnitScope,
  municipalityReadScope,
  registrationReadScope,
  sectionsFor,
  unitReadScope,
} from "@/lib/auth/access";

const KOEGE = "11111111-1111-1111-1111-111111111111";
const KBH = "22222222-2222-2222-2222-222222222222";
const SKRANKE = { id: "aaaaaaaa-0000-0000-0000-000000000001", municipalityId: KOEGE };
const TELEFON = { id: "aaaaaaaa-0000-0000-0000-000000000002", municipalityId: KOEGE };
const KBH_UNIT = { id: "bbbbbbbb-0000-0000-0000-000000000001", municipalityId: KBH };

const access = (memberships: Access["memberships"], leadUnitIds: string[] = []): Access => ({
  userId: "user-1",
  memberships,
  leadUnitIds,
});

const registrant = access([{ role: "REGISTRANT", municipalityId: KOEGE, unitId: SKRANKE.id }]);
const lead = access([{ role: "UNIT_LEAD", municipalityId: KOEGE, unitId: SKRANKE.id }], [SKRANKE.id]);
const coordinator = access([{ role: "COORDINATOR", municipalityId: KOEGE, unitId: null }]);
const national = access([{ role: "NATIONAL", municipalityId: null, unitId: null }]);
const nobody = access([]);
const unknownRole = access([{ role: "SUPERUSER", municipalityId: KOEGE, unitId: SKRANKE.id }]);

describe("role and scope guards", () => {
  it("lets a registrant register only in their own unit", () => {
    expect(canRegisterInUnit(registrant, SKRANKE)).toBe(true);
    expect(canRegisterInUnit(registrant, TELEFON)).toBe(false);
    expect(canRegisterInUnit(registrant, KBH_UNIT)).toBe(false);
    // A unit id paired with the wrong municipality is refused, not trusted.
    expect(canRegisterInUnit(registrant, { id: SKRANKE.id, municipalityId: KBH })).toBe(false);
    expect(canReadMunicipality(registrant, KOEGE)).toBe(false);
    expect(canAdministerMunicipality(registrant, KOEGE)).toBe(false);
  });

  it("lets a unit lead read their units but not the municipality", () => {
    expect(canReadUnit(lead, SKRANKE)).toBe(true);
    expect(canReadUnit(lead, TELEFON)).toBe(false);
    expect(canReadMunicipality(lead, KOEGE)).toBe(false);
    expect(canAdministerMunicipality(lead, KOEGE)).toBe(false);
  });

  it("lets a coordinator administer and read only their municipality", () => {
    expect(canAdministerMunicipality(coordinator, KOEGE)).toBe(true);
    expect(canAdministerMunicipality(coordinator, KBH)).toBe(false);
    expect(canReadUnit(coordinator, TELEFON)).toBe(true);
    expect(canReadUnit(coordinator, KBH_UNIT)).toBe(false);
    expect(canRegisterInUnit(coordinator, SKRANKE)).toBe(false);
  });

  it("lets national staff read everything and view, but not change, administration", () => {
    expect(canReadMunicipality(national, KBH)).toBe(true);
    expect(canReadUnit(national, SKRANKE)).toBe(true);
    expect(canViewMunicipalityAdministration(national, KOEGE)).toBe(true);
    expect(canAdministerMunicipality(national, KOEGE)).toBe(false);
    expect(canRegisterInUnit(national, SKRANKE)).toBe(false);
  });

  it("grants nothing for no membership or an unknown role", () => {
    for (const a of [nobody, unknownRole]) {
      expect(canRegisterInUnit(a, SKRANKE)).toBe(false);
      expect(canReadMunicipality(a, KOEGE)).toBe(false);
      expect(canAdministerMunicipality(a, KOEGE)).toBe(false);
      expect(sectionsFor(a)).toEqual([]);
      expect(unitReadScope(a)).toEqual({ id: "00000000-0000-0000-0000-000000000000" });
      expect(municipalityReadScope(a)).toEqual({ id: "00000000-0000-0000-0000-000000000000" });
    }
  });

  it("builds where-fragments that carry the tenant", () => {
    expect(registrationReadScope(national)).toEqual({});
    expect(registrationReadScope(coordinator)).toEqual({
      OR: [{ municipalityId: { in: [KOEGE] } }, { userId: "user-1" }],
    });
    expect(registrationReadScope(lead)).toEqual({ OR: [{ unitId: { in: [SKRANKE.id] } }, { userId: "user-1" }] });
    expect(registrationReadScope(registrant)).toEqual({ OR: [{ userId: "user-1" }] });
    expect(unitReadScope(coordinator)).toEqual({ OR: [{ municipalityId: { in: [KOEGE] } }] });
    expect(municipalityReadScope(registrant)).toEqual({ id: { in: [KOEGE] } });
  });

  it("gives each role its navigation", () => {
    expect(sectionsFor(registrant)).toEqual(["registration"]);
    expect(sectionsFor(lead)).toEqual(["overview", "registration", "reports", "mass"]);
    expect(sectionsFor(coordinator)).toEqual(["overview", "reports", "administration", "data", "mass"]);
    expect(sectionsFor(national)).toEqual(["overview", "reports", "administration", "data", "mass", "national"]);
  });

  it("lets coordinators mass-register in their municipality and leads in their units; registrants and national staff not", () => {
    expect(canMassRegister(coordinator)).toBe(true);
    expect(canMassRegisterInUnit(coordinator, TELEFON)).toBe(true);
    expect(canMassRegisterInUnit(coordinator, KBH_UNIT)).toBe(false);
    expect(massRegistrationUnitScope(coordinator)).toEqual({ OR: [{ municipalityId: { in: [KOEGE] } }] });
    expect(canMassRegister(lead)).toBe(true);
    expect(canMassRegisterInUnit(lead, SKRANKE)).toBe(true);
    expect(canMassRegisterInUnit(lead, TELEFON)).toBe(false);
    expect(massRegistrationUnitScope(lead)).toEqual({ OR: [{ id: { in: [SKRANKE.id] } }] });
    for (const a of [registrant, national, nobody, unknownRole]) {
      expect(canMassRegister(a)).toBe(false);
      expect(canMassRegisterInUnit(a, SKRANKE)).toBe(false);
      expect(massRegistrationUnitScope(a)).toEqual({ id: "00000000-0000-0000-0000-000000000000" });
    }
  });
});

describe("redirect after login", () => {
  it("accepts only paths on this site", async () => {
    const { isSafeNextPath } = await import("@/lib/auth/schema");
    expect(isSafeNextPath("/rapporter?uge=43")).toBe(true);
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "", "/a\nb"]) {
      expect(isSafeNextPath(bad), bad).toBe(false);
    }
  });
});
