import { AccessDeniedError } from "@/lib/errors";

// Pure role-and-scope rules. Everything here fails closed: an unknown role grants nothing,
// and a scope with nothing in it matches no rows.

export const ROLES = ["REGISTRANT", "UNIT_LEAD", "COORDINATOR", "NATIONAL"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  REGISTRANT: "Medarbejder",
  UNIT_LEAD: "Enhedsansvarlig",
  COORDINATOR: "Tovholder",
  NATIONAL: "KL (national)",
};

export interface MembershipScope {
  role: string;
  municipalityId: string | null;
  unitId: string | null;
}

export interface Access {
  userId: string;
  memberships: MembershipScope[];
  /** Units a unit lead reads: their own units and every unit below them. */
  leadUnitIds: string[];
}

/**
 * Who acts: a user's id and what they may do. The one actor type: domain functions that act for
 * someone take it, or the part they need (`Pick<Actor, "id">`).
 */
export interface Actor {
  id: string;
  access: Access;
}

export interface UnitRef {
  id: string;
  municipalityId: string;
}

const NOTHING = "00000000-0000-0000-0000-000000000000";

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function withRole(access: Access, role: Role): MembershipScope[] {
  return access.memberships.filter((m) => isRole(m.role) && m.role === role);
}

export function isNational(access: Access): boolean {
  return withRole(access, "NATIONAL").length > 0;
}

/** Reads with no tenant filter (KL's own data, every municipality): national staff or nothing. */
export function requireNational(access: Access): void {
  if (!isNational(access)) throw new AccessDeniedError();
}

export function coordinatorMunicipalityIds(access: Access): string[] {
  return withRole(access, "COORDINATOR").flatMap((m) => (m.municipalityId ? [m.municipalityId] : []));
}

/** Units the user may register in: registrant or unit-lead memberships (a lead also counts contacts). */
export function registrationUnitIds(access: Access): string[] {
  return access.memberships.filter((m) => m.role === "REGISTRANT" || m.role === "UNIT_LEAD").flatMap((m) => (m.unitId ? [m.unitId] : []));
}

export function canRegisterInUnit(access: Access, unit: UnitRef): boolean {
  return access.memberships.some(
    (m) => (m.role === "REGISTRANT" || m.role === "UNIT_LEAD") && m.unitId === unit.id && m.municipalityId === unit.municipalityId,
  );
}

/** Change a municipality's setup (units, users, weeks). National staff only read, unless a rule says otherwise. */
export function canAdministerMunicipality(access: Access, municipalityId: string): boolean {
  return coordinatorMunicipalityIds(access).includes(municipalityId);
}

export function canViewMunicipalityAdministration(access: Access, municipalityId: string): boolean {
  return isNational(access) || canAdministerMunicipality(access, municipalityId);
}

/** Read a whole municipality's reports and exports. */
export function canReadMunicipality(access: Access, municipalityId: string): boolean {
  return isNational(access) || coordinatorMunicipalityIds(access).includes(municipalityId);
}

export function canReadUnit(access: Access, unit: UnitRef): boolean {
  return canReadMunicipality(access, unit.municipalityId) || access.leadUnitIds.includes(unit.id);
}

/** Where-fragment for registrations this user may read. Spread it into every registration query. */
export function registrationReadScope(access: Access) {
  if (isNational(access)) return {};
  const or: Record<string, unknown>[] = [];
  const municipalities = coordinatorMunicipalityIds(access);
  if (municipalities.length) or.push({ municipalityId: { in: municipalities } });
  if (access.leadUnitIds.length) or.push({ unitId: { in: access.leadUnitIds } });
  or.push({ userId: access.userId });
  return { OR: or };
}

/** Where-fragment for units this user may see (for reading; writes check canAdministerMunicipality). */
export function unitReadScope(access: Access) {
  if (isNational(access)) return {};
  const ids = new Set([...access.leadUnitIds, ...registrationUnitIds(access)]);
  const municipalities = coordinatorMunicipalityIds(access);
  const or: Record<string, unknown>[] = [];
  if (municipalities.length) or.push({ municipalityId: { in: municipalities } });
  if (ids.size) or.push({ id: { in: [...ids] } });
  return or.length ? { OR: or } : { id: NOTHING };
}

/**
 * Mass registration ("Masse registrering"): a coordinator in every active unit of their municipality,
 * a unit lead in their units and those below them (the units they answer for). Registrants never;
 * national staff only read the list.
 */
export function canMassRegister(access: Access): boolean {
  return coordinatorMunicipalityIds(access).length > 0 || access.leadUnitIds.length > 0;
}

/** The same rule for one unit (the where-fragment below is what queries use). */
export function canMassRegisterInUnit(access: Access, unit: UnitRef): boolean {
  return coordinatorMunicipalityIds(access).includes(unit.municipalityId) || access.leadUnitIds.includes(unit.id);
}

/** Where-fragment for units the user may mass-register in, and whose mass registrations they may delete. */
export function massRegistrationUnitScope(access: Access) {
  const municipalities = coordinatorMunicipalityIds(access);
  const or: Record<string, unknown>[] = [];
  if (municipalities.length) or.push({ municipalityId: { in: municipalities } });
  if (access.leadUnitIds.length) or.push({ id: { in: access.leadUnitIds } });
  return or.length ? { OR: or } : { id: NOTHING };
}

/** Where-fragment for municipalities this user may see at all. */
export function municipalityReadScope(access: Access) {
  if (isNational(access)) return {};
  const ids = new Set(access.memberships.filter((m) => isRole(m.role)).flatMap((m) => (m.municipalityId ? [m.municipalityId] : [])));
  return ids.size ? { id: { in: [...ids] } } : { id: NOTHING };
}

export type Section = "overview" | "registration" | "reports" | "administration" | "data" | "mass" | "national";

/** The sections of the app a user reaches, in navigation order. */
export function sectionsFor(access: Access): Section[] {
  const sections: Section[] = [];
  const readsReports = isNational(access) || coordinatorMunicipalityIds(access).length > 0 || access.leadUnitIds.length > 0;
  // Whoever reads reports lands on the round's overview (the cockpit); registrants on the registration screen.
  if (readsReports) sections.push("overview");
  if (registrationUnitIds(access).length) sections.push("registration");
  if (readsReports) sections.push("reports");
  // National staff open any municipality's administration read-only.
  if (coordinatorMunicipalityIds(access).length || isNational(access)) sections.push("administration");
  // National staff export across municipalities and see every upload; only coordinators upload.
  if (coordinatorMunicipalityIds(access).length || isNational(access)) sections.push("data");
  // National staff read every municipality's mass registrations but make none.
  if (canMassRegister(access) || isNational(access)) sections.push("mass");
  if (isNational(access)) sections.push("national");
  return sections;
}
