import { z } from "zod";
import { db } from "@/lib/db";
import { freezingRound } from "@/lib/national/packages";

// National staff only (callers pass requireSection("national")): packages have no tenant.

export async function loadPackageOverview() {
  const packages = await db().taskPackage.findMany({
    select: {
      id: true,
      name: true,
      description: true,
      createdAt: true,
      items: { select: { obligatory: true, removed: true } },
      rounds: { select: { name: true }, orderBy: { startsOn: "asc" } },
    },
    orderBy: { createdAt: "desc" },
  });
  return packages.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    tasks: p.items.filter((i) => !i.removed).length,
    obligatory: p.items.filter((i) => !i.removed && i.obligatory).length,
    rounds: p.rounds.map((r) => r.name),
  }));
}

export async function loadPackage(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const pkg = await db().taskPackage.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      rounds: { select: { name: true }, orderBy: { startsOn: "asc" } },
      items: {
        select: { obligatory: true, removed: true, title: true, needGroup: true, formNumber: true, task: { select: { id: true, number: true } } },
        orderBy: [{ removed: "asc" }, { sortOrder: "asc" }],
      },
    },
  });
  if (!pkg) return null;
  return { ...pkg, frozenBy: await freezingRound(db(), id, new Date()) };
}
