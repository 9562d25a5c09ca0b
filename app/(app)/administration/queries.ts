import type { Access } from "@/lib/auth/access";
import { db } from "@/lib/db";
import type { Role, UserKind } from "@/lib/generated/prisma/enums";
import { municipalityDataScope } from "../_lib/scopes";

/** The municipalities whose setup the user may see, for the picker. */
export function listAdministeredMunicipalities(access: Access) {
  return db().municipality.findMany({
    where: municipalityDataScope(access),
    select: { id: true, number: true, name: true },
    orderBy: { number: "asc" },
  });
}

/** One municipality by number, within scope; null when it does not exist or is out of scope. */
export function findAdministeredMunicipality(access: Access, number: number) {
  return db().municipality.findFirst({
    where: { AND: [municipalityDataScope(access), { number }] },
    select: { id: true, number: true, name: true },
  });
}

/** Everything the overview shows. `municipalityId` must come from a scoped lookup above. */
export async function loadMunicipalitySetup(municipalityId: string) {
  const prisma = db();
  const [units, weeks, periods, memberships] = await Promise.all([
    prisma.unit.findMany({
      where: { municipalityId },
      select: {
        id: true,
        parentId: true,
        name: true,
        kind: true,
        testMode: true,
        timeMeasurement: true,
        archivedAt: true,
        _count: { select: { channels: true, tasks: true } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.municipalityCountingWeek.findMany({
      where: { municipalityId },
      select: { id: true, isoYear: true, isoWeek: true, round: { select: { name: true } } },
      orderBy: [{ isoYear: "desc" }, { isoWeek: "asc" }],
    }),
    prisma.localCountingPeriod.findMany({
      where: { municipalityId },
      select: { id: true, name: true, startsOn: true, endsOn: true },
      orderBy: { startsOn: "desc" },
    }),
    prisma.membership.findMany({
      where: { municipalityId },
      select: {
        role: true,
        unit: { select: { name: true } },
        user: { select: { id: true, name: true, email: true, kind: true, deactivatedAt: true } },
      },
      orderBy: [{ user: { name: "asc" } }, { role: "asc" }],
    }),
  ]);
  return { units, weeks, periods, users: groupByUser(memberships) };
}

interface MembershipRow {
  role: Role;
  unit: { name: string } | null;
  user: { id: string; name: string; email: string; kind: UserKind; deactivatedAt: Date | null };
}

export interface UserWithRoles {
  id: string;
  name: string;
  email: string;
  kind: UserKind;
  active: boolean;
  roles: { role: Role; unitName: string | null }[];
}

function groupByUser(rows: MembershipRow[]): UserWithRoles[] {
  const users = new Map<string, UserWithRoles>();
  for (const row of rows) {
    let entry = users.get(row.user.id);
    if (!entry) {
      entry = {
        id: row.user.id,
        name: row.user.name,
        email: row.user.email,
        kind: row.user.kind,
        active: !row.user.deactivatedAt,
        roles: [],
      };
      users.set(row.user.id, entry);
    }
    entry.roles.push({ role: row.role, unitName: row.unit?.name ?? null });
  }
  return [...users.values()];
}

export type MunicipalitySetup = Awaited<ReturnType<typeof loadMunicipalitySetup>>;
export type SetupUnit = MunicipalitySetup["units"][number];
