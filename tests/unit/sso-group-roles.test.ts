import { describe, expect, it } from "vitest";
import { formatGroupRoles, groupsFromClaims, membershipsFromGroups, parseGroupRoles } from "@/lib/sso/group-roles";

const UNIT = "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
const OTHER = "7a1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

describe("group → role mapping for single sign-on", () => {
  it("reads one group per line, with Danish and English role words, and writes it back the same", () => {
    const text = `# Køges grupper\nSpor-Tovholdere = tovholder\n\nSpor-Skranke = medarbejder : ${UNIT}\nSpor-Ledere=unit-lead:${OTHER.toUpperCase()}`;
    const mapping = parseGroupRoles(text);
    expect(mapping).toEqual([
      { group: "Spor-Tovholdere", role: "COORDINATOR", unitId: null },
      { group: "Spor-Skranke", role: "REGISTRANT", unitId: UNIT },
      { group: "Spor-Ledere", role: "UNIT_LEAD", unitId: OTHER },
    ]);
    expect(parseGroupRoles(formatGroupRoles(mapping))).toEqual(mapping);
  });

  it("refuses a bad line with its number and a Danish reason", () => {
    expect(() => parseGroupRoles("A = tovholder\nB tovholder")).toThrow(/^Linje 2 i grupperne: skriv "gruppe = rolle"/);
    expect(() => parseGroupRoles("A = chef")).toThrow('Linje 1 i grupperne: ukendt rolle "chef"');
    expect(() => parseGroupRoles("A = medarbejder")).toThrow("Linje 1 i grupperne: en medarbejder skal have enhedens id");
    expect(() => parseGroupRoles("A = medarbejder : Skranken")).toThrow(/enhedens id/);
    expect(() => parseGroupRoles(`A = tovholder : ${UNIT}`)).toThrow("en tovholder har hele kommunen");
    expect(() => parseGroupRoles("A = national")).toThrow(/ukendt rolle/); // KL's staff never come from a municipality's groups
  });

  it("takes the groups from a list claim or a single string, ignoring anything else", () => {
    expect(groupsFromClaims({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsFromClaims({ roles: "a" }, "roles")).toEqual(["a"]);
    expect(groupsFromClaims({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(groupsFromClaims({}, "groups")).toEqual([]);
  });

  it("maps a person's groups to distinct memberships; no matching group, no membership", () => {
    const mapping = parseGroupRoles(`T = tovholder\nS = medarbejder : ${UNIT}\nS2 = medarbejder : ${UNIT}\nL = enhedsansvarlig : ${OTHER}`);
    expect(membershipsFromGroups(["S", "S2", "x"], mapping)).toEqual([{ role: "REGISTRANT", unitId: UNIT }]);
    expect(membershipsFromGroups(["T", "L"], mapping)).toEqual([
      { role: "COORDINATOR", unitId: null },
      { role: "UNIT_LEAD", unitId: OTHER },
    ]);
    expect(membershipsFromGroups(["t", "s"], mapping)).toEqual([]); // exact names only
    expect(membershipsFromGroups([], mapping)).toEqual([]);
  });
});
