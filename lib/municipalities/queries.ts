import "server-only";
import type { Access } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { requireNational } from "@/lib/auth/access";
import { municipalityDataScope } from "@/lib/auth/scopes";

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

/** The unit tree of the overview. `municipalityId` must come from a scoped lookup above. */
export async function loadMunicipalitySetup(municipalityId: string) {
  const units = await db().unit.findMany({
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
  });
  return { units };
}

export type MunicipalitySetup = Awaited<ReturnType<typeof loadMunicipalitySetup>>;
export type SetupUnit = MunicipalitySetup["units"][number];

export interface MunicipalityOverview {
  id: string;
  number: number;
  name: string;
  units: number;
  users: number;
  registrations: number;
  quantity: number;
}

/** Every municipality with its size, for KL's overview. */
export async function loadMunicipalityOverview(access: Access): Promise<MunicipalityOverview[]> {
  requireNational(access); // KL's staff only: no tenant filter below
  const prisma = db();
  const [municipalities, userCounts, registrationGroups] = await Promise.all([
    prisma.municipality.findMany({
      select: { id: true, number: true, name: true, _count: { select: { units: { where: { archivedAt: null } } } } },
      orderBy: { number: "asc" },
    }),
    // Distinct people per municipality (a person may hold several memberships there).
    prisma.$queryRaw<{ municipalityId: string; users: number }[]>`
      SELECT municipality_id::text AS "municipalityId", COUNT(DISTINCT user_id)::int AS users
      FROM membership WHERE municipality_id IS NOT NULL GROUP BY municipality_id`,
    prisma.registration.groupBy({
      by: ["municipalityId"],
      where: { isTest: false },
      _count: { _all: true },
      _sum: { quantity: true },
    }),
  ]);
  const users = new Map(userCounts.map((row) => [row.municipalityId, Number(row.users)]));
  const registrations = new Map(registrationGroups.map((g) => [g.municipalityId, g]));
  return municipalities.map((m) => ({
    id: m.id,
    number: m.number,
    name: m.name,
    units: m._count.units,
    users: users.get(m.id) ?? 0,
    registrations: registrations.get(m.id)?._count._all ?? 0,
    quantity: registrations.get(m.id)?._sum.quantity ?? 0,
  }));
}
