import { describe, expect, it } from "vitest";
import { cvrOf, emailOf, privilegeGroupsOf, samlRoleGrant } from "@/lib/sso/saml-attributes";
import { samlConfig, samlRoleNames } from "@/lib/sso/saml-config";
import { checkConfig } from "@/lib/server/config";
import { privilegesAttribute, SAML_FIXTURE, samlTestEnv } from "@/tests/helpers/saml-idp";

// What Spor reads from a verified assertion of KOMBIT's Context Handler (lib/sso/saml-attributes.ts)
// and how the SAML settings are checked (lib/sso/saml-config.ts).

const ROLES = samlRoleNames();
const PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate";
const privileges = (groups: Parameters<typeof privilegesAttribute>[0]) => ({ [PRIVILEGES]: privilegesAttribute(groups) });

describe("attributes", () => {
  it("reads the CVR number and e-mail under OIOSAML 2 and 3 names; anything malformed is no value", () => {
    expect(cvrOf({ "dk:gov:saml:attribute:CvrNumberIdentifier": "29189714" })).toBe("29189714");
    expect(cvrOf({ "https://data.gov.dk/model/core/eid/professional/cvr": ["29189714"] })).toBe("29189714");
    expect(cvrOf({ "dk:gov:saml:attribute:CvrNumberIdentifier": "2918971" })).toBeNull();
    expect(cvrOf({})).toBeNull();
    expect(emailOf({ "https://data.gov.dk/model/core/eid/email": " Bo@Koege.DK " })).toBe("bo@koege.dk");
    expect(emailOf({ "urn:oid:0.9.2342.19200300.100.1.3": "bo@koege.dk" })).toBe("bo@koege.dk");
    expect(emailOf({ "https://data.gov.dk/model/core/eid/email": "ikke en adresse" })).toBeNull();
  });

  it("reads the Basic Privilege Profile: scope CVR, privileges, constraints (entities decoded)", () => {
    const groups = privilegeGroupsOf(
      privileges([
        { cvr: "11111111", privileges: [ROLES.registrant], units: ["Borgerservice – Skranke", "Jobcenter & Ydelse"] },
        { cvr: "22222222", privileges: [ROLES.coordinator, "http://andet.system.dk/roles/usersystemrole/x/1"] },
      ]),
    );
    expect(groups).toEqual([
      {
        cvr: "11111111",
        privileges: [ROLES.registrant],
        constraints: [
          { name: ROLES.unitConstraint, value: "Borgerservice – Skranke" },
          { name: ROLES.unitConstraint, value: "Jobcenter & Ydelse" },
        ],
      },
      { cvr: "22222222", privileges: [ROLES.coordinator, "http://andet.system.dk/roles/usersystemrole/x/1"], constraints: [] },
    ]);
    expect(privilegeGroupsOf({ [PRIVILEGES]: "ikke base64-xml <" })).toEqual([]);
    expect(privilegeGroupsOf({})).toEqual([]);
  });
});

describe("KOMBIT's roles as Spor's", () => {
  it("takes the highest of Spor's roles granted for this CVR number, with its unit restriction", () => {
    const groups = privilegeGroupsOf(
      privileges([
        { cvr: "11111111", privileges: [ROLES.registrant], units: ["A"] },
        { cvr: "11111111", privileges: [ROLES.unitLead], units: ["B", "C"] },
        { cvr: "11111111", privileges: [ROLES.unitLead], units: ["C"] },
      ]),
    );
    expect(samlRoleGrant(groups, "11111111", ROLES)).toEqual({ role: "UNIT_LEAD", units: ["B", "C"] });
  });

  it("a coordinator has no units; a role without restriction keeps Spor's units (null)", () => {
    const groups = privilegeGroupsOf(privileges([{ cvr: "11111111", privileges: [ROLES.coordinator, ROLES.registrant], units: ["A"] }]));
    expect(samlRoleGrant(groups, "11111111", ROLES)).toEqual({ role: "COORDINATOR", units: null });
    const free = privilegeGroupsOf(privileges([{ cvr: "11111111", privileges: [ROLES.registrant] }]));
    expect(samlRoleGrant(free, "11111111", ROLES)).toEqual({ role: "REGISTRANT", units: null });
  });

  it("roles of another municipality, other systems or another constraint grant nothing here", () => {
    const groups = privilegeGroupsOf(
      privileges([
        { cvr: "22222222", privileges: [ROLES.coordinator] },
        { cvr: "11111111", privileges: ["http://andet.system.dk/roles/usersystemrole/tovholder/1"] },
      ]),
    );
    expect(samlRoleGrant(groups, "11111111", ROLES)).toBeNull();
    const otherConstraint = privilegeGroupsOf(
      privileges([
        { cvr: "11111111", privileges: [ROLES.registrant], units: ["23.05.10"], constraintName: "http://sts.kombit.dk/constraints/KLE/1" },
      ]),
    );
    expect(samlRoleGrant(otherConstraint, "11111111", ROLES)).toEqual({ role: "REGISTRANT", units: null });
  });

  it("the role names follow SPOR_SAML_ROLE_DOMAIN", () => {
    expect(samlRoleNames("spor.kommune.dk")).toEqual({
      registrant: "http://spor.kommune.dk/roles/usersystemrole/medarbejder/1",
      unitLead: "http://spor.kommune.dk/roles/usersystemrole/enhedsansvarlig/1",
      coordinator: "http://spor.kommune.dk/roles/usersystemrole/tovholder/1",
      unitConstraint: "http://spor.kommune.dk/constraints/enhed/1",
    });
  });
});

describe("SAML settings", () => {
  it("off without any; complete settings give the entity id and ACS under SPOR_BASE_URL", () => {
    expect(samlConfig({})).toBeNull();
    const config = samlConfig({ ...samlTestEnv(), SPOR_BASE_URL: "https://spor.kommune.dk" });
    expect(config).toMatchObject({
      spEntityId: "https://spor.kommune.dk/api/auth/saml/metadata",
      acsUrl: "https://spor.kommune.dk/api/auth/saml/acs",
    });
    expect(config?.idpCerts).toHaveLength(1);
    expect(samlConfig({ ...samlTestEnv(), SPOR_SAML_ENTITY_ID: "https://spor.kl.dk" })?.spEntityId).toBe("https://spor.kl.dk");
  });

  it("the start-up check names a missing, unreadable or wrong setting in Danish and English", () => {
    const partial = checkConfig({ SPOR_SAML_IDP_SSO_URL: "https://idp.test/sso" }).errors;
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatch(/^SAML-login er kun delvist sat op: SPOR_SAML_IDP_ENTITY_ID, SPOR_SAML_IDP_CERT, .* \/ SAML sign-in/);
    expect(checkConfig({ ...samlTestEnv(), SPOR_SAML_SP_KEY: "/findes/ikke.pem" }).errors[0]).toContain(
      "SPOR_SAML_SP_KEY: filen /findes/ikke.pem kan ikke læses.",
    );
    expect(checkConfig({ ...samlTestEnv(), SPOR_SAML_SP_KEY: SAML_FIXTURE("sp-cert.pem") }).errors[0]).toContain("ikke en gyldig PEM-fil");
    expect(checkConfig({ ...samlTestEnv(), SPOR_SAML_IDP_SSO_URL: "http://idp.kombit.dk/sso" }).errors[0]).toContain("https-adresse");
    expect(checkConfig(samlTestEnv())).toEqual({ errors: [], warnings: [] });
  });
});
