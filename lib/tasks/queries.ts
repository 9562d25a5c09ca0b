import "server-only";
import { type Access, requireNational } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { freezingRound } from "@/lib/tasks/packages";
import { isId } from "@/lib/ids";

// KL's task packages and KLE as KL's pages read them; packages have no tenant, so every read
// checks that the caller is national staff.

export async function loadPackageOverview(access: Access) {
  requireNational(access); // KL's staff only: no tenant filter below
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

export async function loadPackage(access: Access, id: string) {
  requireNational(access); // KL's staff only: no tenant filter below
  if (!isId(id)) return null;
  const pkg = await db().taskPackage.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      rounds: { select: { name: true }, orderBy: { startsOn: "asc" } },
      items: {
        select: {
          obligatory: true,
          removed: true,
          title: true,
          needGroup: true,
          formNumber: true,
          task: { select: { id: true, number: true } },
        },
        orderBy: [{ removed: "asc" }, { sortOrder: "asc" }],
      },
    },
  });
  if (!pkg) return null;
  return { ...pkg, frozenBy: await freezingRound(db(), id, new Date()) };
}

export function loadTaskPackages(access: Access) {
  requireNational(access); // KL's staff only: no tenant filter below
  return db().taskPackage.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "desc" } });
}

/** How much of KLE is loaded, and the last import (from the audit log). */
export async function loadKleStatus(access: Access) {
  requireNational(access); // KL's staff only: no tenant filter below
  const [tasks, last] = await Promise.all([
    db().task.count({ where: { source: "KLE" } }),
    db().auditEvent.findFirst({ where: { action: "kle.import" }, orderBy: { id: "desc" }, select: { occurredAt: true, after: true } }),
  ]);
  const publishedOn = (last?.after as { publishedOn?: string } | null)?.publishedOn ?? null;
  return { tasks, importedAt: last?.occurredAt ?? null, publishedOn };
}
