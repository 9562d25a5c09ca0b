import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import type { SamlRoleNames } from "./saml-config";

// What a verified assertion from KOMBIT's Context Handler says about the person, read from its
// attributes (OIOSAML 2 and OIOSAML 3 names alike): the municipality's CVR number, the e-mail, and the
// privileges ("jobfunktionsroller" granted as Spor's "brugersystemroller", with data restrictions) in
// OIOSAML's Basic Privilege Profile, base64-encoded XML:
//
//   <bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">
//     <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189714">
//       <Privilege>http://spor.kl.dk/roles/usersystemrole/medarbejder/1</Privilege>
//       <Constraint Name="http://spor.kl.dk/constraints/enhed/1">Borgerservice</Constraint>
//     </PrivilegeGroup>
//   </bpp:PrivilegeList>
//
// Pure: the signature was checked before anything here reads the values (lib/sso/saml.ts).

export const SAML_ATTRIBUTES = {
  cvr: ["dk:gov:saml:attribute:CvrNumberIdentifier", "https://data.gov.dk/model/core/eid/professional/cvr"],
  email: [
    "https://data.gov.dk/model/core/eid/email",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "email",
  ],
  privileges: ["dk:gov:saml:attribute:Privileges_intermediate", "https://data.gov.dk/model/core/eid/privilegesIntermediate"],
} as const;

const SCOPE_PREFIX = "urn:dk:gov:saml:cvrNumberIdentifier:";

export interface SamlPrivilegeGroup {
  /** The CVR number the group applies to (the municipality the role was granted in), or null. */
  cvr: string | null;
  privileges: string[];
  constraints: { name: string; value: string }[];
}

/** The first value of the first of the names present (node-saml gives a string or a list). */
export function attributeValue(attributes: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const raw = attributes[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

/** A CVR number as Spor stores it: eight digits. */
export const cvrSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{8}$/, "Et CVR-nummer er otte cifre.");

export function cvrOf(attributes: Record<string, unknown>): string | null {
  const value = attributeValue(attributes, SAML_ATTRIBUTES.cvr);
  return value && cvrSchema.safeParse(value).success ? value : null;
}

export function emailOf(attributes: Record<string, unknown>): string | null {
  const value = attributeValue(attributes, SAML_ATTRIBUTES.email)?.toLowerCase() ?? null;
  return value && z.email().safeParse(value).success ? value : null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "PrivilegeGroup" || name === "Privilege" || name === "Constraint",
});

const text = (node: unknown): string => {
  if (typeof node === "string") return node.trim();
  if (node && typeof node === "object" && "#text" in node) return String((node as { "#text": unknown })["#text"]).trim();
  return "";
};

/** The privilege groups of the privileges attribute (all values), or [] when it is absent or not the profile's XML. */
export function privilegeGroupsOf(attributes: Record<string, unknown>): SamlPrivilegeGroup[] {
  const groups: SamlPrivilegeGroup[] = [];
  for (const name of SAML_ATTRIBUTES.privileges) {
    const raw = attributes[name];
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (typeof value !== "string") continue;
      let parsed: unknown;
      try {
        parsed = parser.parse(Buffer.from(value.trim(), "base64").toString("utf8"));
      } catch {
        continue;
      }
      const list = (parsed as { PrivilegeList?: { PrivilegeGroup?: unknown[] } } | null)?.PrivilegeList?.PrivilegeGroup ?? [];
      for (const group of list) {
        const g = group as { "@Scope"?: unknown; Privilege?: unknown[]; Constraint?: unknown[] };
        const scope = typeof g["@Scope"] === "string" ? g["@Scope"].trim() : "";
        groups.push({
          cvr: scope.startsWith(SCOPE_PREFIX) ? scope.slice(SCOPE_PREFIX.length) : null,
          privileges: (g.Privilege ?? []).map(text).filter(Boolean),
          constraints: (g.Constraint ?? [])
            .map((c) => ({
              name: typeof (c as { "@Name"?: unknown })["@Name"] === "string" ? String((c as { "@Name": string })["@Name"]) : "",
              value: text(c),
            }))
            .filter((c) => c.name && c.value),
        });
      }
    }
  }
  return groups;
}

export type SamlRole = "COORDINATOR" | "UNIT_LEAD" | "REGISTRANT";

export interface SamlRoleGrant {
  role: SamlRole;
  /** The units the data restriction names (ids or names), or null when none restricts the role. */
  units: string[] | null;
}

/**
 * The role the assertion grants in the municipality with this CVR number: the highest of Spor's roles
 * among the privilege groups scoped to that CVR number (groups of another municipality count for
 * nothing), and the units named by the unit data restriction of the groups carrying it. Null: no role.
 */
export function samlRoleGrant(groups: SamlPrivilegeGroup[], cvr: string, names: SamlRoleNames): SamlRoleGrant | null {
  const own = groups.filter((g) => g.cvr === cvr);
  const ranked: [SamlRole, string][] = [
    ["COORDINATOR", names.coordinator],
    ["UNIT_LEAD", names.unitLead],
    ["REGISTRANT", names.registrant],
  ];
  for (const [role, privilege] of ranked) {
    const carrying = own.filter((g) => g.privileges.includes(privilege));
    if (!carrying.length) continue;
    if (role === "COORDINATOR") return { role, units: null };
    const values = carrying.flatMap((g) => g.constraints.filter((c) => c.name === names.unitConstraint).map((c) => c.value));
    return { role, units: values.length ? [...new Set(values)] : null };
  }
  return null;
}

const assertionParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "SubjectConfirmation" || name === "SubjectConfirmationData",
});

/** The Recipient of each bearer confirmation of a (verified) assertion: where the IdP meant it to be posted. */
export function subjectRecipientsOf(assertionXml: string): string[] {
  const parsed = assertionParser.parse(assertionXml) as {
    Assertion?: { Subject?: { SubjectConfirmation?: { SubjectConfirmationData?: { "@Recipient"?: unknown }[] }[] } };
  };
  return (parsed.Assertion?.Subject?.SubjectConfirmation ?? []).flatMap((c) =>
    (c.SubjectConfirmationData ?? []).map((d) => (typeof d["@Recipient"] === "string" ? d["@Recipient"] : "")),
  );
}
