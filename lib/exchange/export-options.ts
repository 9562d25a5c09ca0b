import "server-only";
import { type Access, coordinatorMunicipalityIds } from "@/lib/auth/access";
import { db } from "@/lib/db";

/**
 * What the export form offers to filter on: the national rounds, the channels, and (for a
 * coordinator of one municipality) its units. The route checks every value again.
 */
export async function loadExportFilterOptions(access: Access) {
  const own = coordinatorMunicipalityIds(access);
  const [rounds, channels, units] = await Promise.all([
    db().countingRound.findMany({ select: { id: true, name: true }, orderBy: { startsOn: "desc" } }),
    db().channel.findMany({ select: { code: true, name: true, direction: true }, orderBy: [{ direction: "asc" }, { sortOrder: "asc" }] }),
    own.length === 1
      ? db().unit.findMany({ where: { municipalityId: own[0] }, select: { id: true, name: true }, orderBy: { name: "asc" } })
      : Promise.resolve([]),
  ]);
  return { rounds, channels, units };
}
