import "server-only";
import type { Access } from "@/lib/auth/access";
import { municipalityDataScope, municipalityIdDataScope } from "@/lib/auth/scopes";
import { db } from "@/lib/db";
import { loadExportFilterOptions } from "./export-options";

/** How many imports the Data page lists, newest first. */
const BATCH_LIMIT = 100;

/**
 * The Data page: the municipalities the caller may upload to or export from, their newest imports
 * (at most 100, with the total), and what the export form filters on. Everything within the
 * caller's data scope.
 */
export async function loadDataPage(access: Access) {
  const where = municipalityIdDataScope(access);
  const [municipalities, batches, total, filters] = await Promise.all([
    db().municipality.findMany({
      where: municipalityDataScope(access),
      select: { number: true, name: true },
      orderBy: { number: "asc" },
    }),
    db().importBatch.findMany({
      where,
      select: {
        id: true,
        kind: true,
        fileName: true,
        rowCount: true,
        totalQuantity: true,
        createdAt: true,
        undoneAt: true,
        createdBy: { select: { name: true } },
        municipality: { select: { name: true } },
      },
      orderBy: { createdAt: "desc" },
      take: BATCH_LIMIT,
    }),
    db().importBatch.count({ where }),
    loadExportFilterOptions(access),
  ]);
  return { municipalities, batches, total, filters };
}
