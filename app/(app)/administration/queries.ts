import type { Access } from "@/lib/auth/access";
import { db } from "@/lib/db";
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
