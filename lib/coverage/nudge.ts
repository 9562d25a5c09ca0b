import "server-only";
import { db } from "@/lib/db";
import { danishInstant } from "@/lib/exchange/local-time";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { danishDay, dayBefore } from "./danish-day";
import { REFERENCE_KINDS } from "./reference-rows";

// The nudge on a unit's registration screen the morning after a day below the coverage threshold
// ("I går blev 62 % af de besvarede opkald registreret"): yesterday's registrations (no test rows)
// per channel against the unit's reference counts for yesterday, as in «Dækning» (lib/reports/coverage.ts).
// Only the unit's own reference counts: a municipality-wide count says nothing about one unit.

export interface CoverageNudge {
  channelCode: string;
  /** 0–1. */
  coverage: number;
  threshold: number;
  message: string;
}

export async function yesterdayNudges(unitId: string, now = new Date(), prisma: PrismaClient = db()): Promise<CoverageNudge[]> {
  const yesterday = dayBefore(danishDay(now));
  const day = new Date(`${yesterday}T00:00:00Z`);
  const references = await prisma.referenceCount.groupBy({ by: ["channelCode", "kind"], where: { unitId, day }, _sum: { count: true } });
  if (!references.length) return [];
  const unit = await prisma.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { municipality: { select: { coverageThreshold: true } } },
  });
  const threshold = unit.municipality.coverageThreshold / 100;
  const next = new Date(day);
  next.setUTCDate(next.getUTCDate() + 1);
  const registered = await prisma.registration.groupBy({
    by: ["channelCode"],
    where: {
      unitId,
      isTest: false,
      channelCode: { in: references.map((r) => r.channelCode) },
      occurredAt: { gte: danishInstant(day, 0), lt: danishInstant(next, 0) },
    },
    _sum: { quantity: true },
  });
  const byChannel = new Map(registered.map((r) => [r.channelCode, r._sum.quantity ?? 0]));
  const nudges: CoverageNudge[] = [];
  for (const r of references) {
    const reference = r._sum.count ?? 0;
    if (reference <= 0) continue;
    const coverage = (byChannel.get(r.channelCode) ?? 0) / reference;
    if (coverage >= threshold) continue;
    const percent = Math.round(coverage * 100).toLocaleString("da-DK");
    nudges.push({
      channelCode: r.channelCode,
      coverage,
      threshold,
      message: `I går blev ${percent} % af de ${REFERENCE_KINDS[r.kind].label} registreret.`,
    });
  }
  return nudges.sort((a, b) => a.coverage - b.coverage);
}
