import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Access } from "./access";

/**
 * Loads a user's memberships and expands unit-lead scopes to the whole subtree below each unit,
 * so a lead of "Borgerservice" also reads "Borgerservice – Skranke".
 */
export async function loadAccess(prisma: PrismaClient, userId: string): Promise<Access> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    select: { role: true, municipalityId: true, unitId: true },
  });
  const leadRoots = memberships.filter((m) => m.role === "UNIT_LEAD" && m.unitId).map((m) => m.unitId as string);
  let leadUnitIds: string[] = [];
  if (leadRoots.length) {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE subtree AS (
        SELECT u.id, u.municipality_id FROM unit u
        JOIN membership m ON m.unit_id = u.id AND m.municipality_id = u.municipality_id
        WHERE m.user_id = ${userId} AND m.role = 'UNIT_LEAD'
        UNION
        SELECT c.id, c.municipality_id FROM unit c JOIN subtree s ON c.parent_id = s.id AND c.municipality_id = s.municipality_id
      )
      SELECT id::text AS id FROM subtree`;
    leadUnitIds = rows.map((r) => r.id);
  }
  return { userId, memberships, leadUnitIds };
}
