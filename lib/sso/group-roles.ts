import { z } from "zod";
import { isId } from "@/lib/ids";

// Group → role provisioning for a municipality's single sign-on (docs/coordinators.md, "Log ind med
// kommunens eget login"): where the municipality enables it, a person Spor does not know yet, whose ID
// token lists a mapped group, is created on first sign-in with the roles (and units) of their groups.
// Without a matching group nobody is created. Pure: the settings, the sign-in and the tests read it.

const ROLE_WORDS = {
  registrant: "REGISTRANT",
  medarbejder: "REGISTRANT",
  "unit-lead": "UNIT_LEAD",
  enhedsansvarlig: "UNIT_LEAD",
  coordinator: "COORDINATOR",
  tovholder: "COORDINATOR",
} as const;

export type ProvisionedRole = (typeof ROLE_WORDS)[keyof typeof ROLE_WORDS];

export type GroupRole = {
  group: string;
  role: ProvisionedRole;
  /** The unit of a registrant or unit lead; null for a coordinator (the whole municipality). */
  unitId: string | null;
};

export const groupRolesSchema = z
  .array(
    z.object({
      group: z.string().min(1).max(200),
      role: z.enum(["REGISTRANT", "UNIT_LEAD", "COORDINATOR"]),
      unitId: z.string().nullable(),
    }),
  )
  .max(100);

/**
 * The mapping as KL and the CLI write it, one line per group: `gruppe = rolle` for a coordinator,
 * `gruppe = rolle : enhedens id` for a registrant or unit lead. Blank lines and lines starting with #
 * are skipped. Throws a Danish message naming the line.
 */
export function parseGroupRoles(text: string): GroupRole[] {
  const out: GroupRole[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const where = `Linje ${index + 1} i grupperne`;
    const eq = line.lastIndexOf("=");
    if (eq <= 0) throw new Error(`${where}: skriv "gruppe = rolle" eller "gruppe = rolle : enhedens id".`);
    const group = line.slice(0, eq).trim();
    const [roleWord, unit] = line
      .slice(eq + 1)
      .split(":")
      .map((part) => part.trim());
    const role = ROLE_WORDS[roleWord?.toLowerCase() as keyof typeof ROLE_WORDS];
    if (!group || group.length > 200) throw new Error(`${where}: gruppens navn mangler eller er for langt.`);
    if (!role) throw new Error(`${where}: ukendt rolle "${roleWord}". Brug medarbejder, enhedsansvarlig eller tovholder.`);
    if (role === "COORDINATOR") {
      if (unit) throw new Error(`${where}: en tovholder har hele kommunen og ingen enhed.`);
      out.push({ group, role, unitId: null });
      return;
    }
    if (!unit || !isId(unit)) throw new Error(`${where}: en ${roleWord.toLowerCase()} skal have enhedens id efter et kolon.`);
    out.push({ group, role, unitId: unit.toLowerCase() });
  });
  if (out.length > 100) throw new Error("Højst 100 grupper.");
  return out;
}

/** The mapping written back as the lines parseGroupRoles reads (KL's form shows it). */
export function formatGroupRoles(mapping: GroupRole[]): string {
  const word = { REGISTRANT: "medarbejder", UNIT_LEAD: "enhedsansvarlig", COORDINATOR: "tovholder" } as const;
  return mapping.map((m) => `${m.group} = ${word[m.role]}${m.unitId ? ` : ${m.unitId}` : ""}`).join("\n");
}

/** The groups in the configured claim: a list of strings, or one string (some providers send one group bare). */
export function groupsFromClaims(claims: Record<string, unknown>, groupsClaim: string): string[] {
  const value = claims[groupsClaim];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

/** The distinct memberships a person's groups map to (groups compared exactly); empty when none matches. */
export function membershipsFromGroups(groups: string[], mapping: GroupRole[]): { role: ProvisionedRole; unitId: string | null }[] {
  const held = new Set(groups);
  const seen = new Set<string>();
  const out: { role: ProvisionedRole; unitId: string | null }[] = [];
  for (const m of mapping) {
    if (!held.has(m.group)) continue;
    const key = `${m.role}:${m.unitId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: m.role, unitId: m.unitId });
  }
  return out;
}
