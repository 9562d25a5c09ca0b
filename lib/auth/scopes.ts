import "server-only";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import type { Prisma } from "@/lib/generated/prisma/client";

// Where-fragments the pages need beyond lib/auth/access.ts. Same rules: fail closed, and the
// scope goes into the query's `where`, never a check after loading. Candidates for lib/auth.

/** Municipalities whose whole data and setup the user reads: all for national staff, else coordinated ones. */
export function municipalityDataScope(access: Access): Prisma.MunicipalityWhereInput {
  if (isNational(access)) return {};
  return { id: { in: coordinatorMunicipalityIds(access) } };
}

/** The same scope for rows that carry a municipalityId (batches, weeks, memberships). */
export function municipalityIdDataScope(access: Access): { municipalityId?: { in: string[] } } {
  if (isNational(access)) return {};
  return { municipalityId: { in: coordinatorMunicipalityIds(access) } };
}
