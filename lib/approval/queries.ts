import "server-only";
import type { Access } from "@/lib/auth/access";
import { coordinatorMunicipalityIds } from "@/lib/auth/access";
import { tallyRounds, type RoundTally } from "@/lib/counting/round-tally";
import { db, getDatabase } from "@/lib/db";
import { roundIsOver } from "./approval";

/** The «Dækning» page for coordinators: per municipality they coordinate, its threshold and each round it joined with its tally and approval. */
export async function loadApprovalPage(access: Access, now = new Date()) {
  const ids = coordinatorMunicipalityIds(access);
  const municipalities = await db().municipality.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      number: true,
      name: true,
      coverageThreshold: true,
      roundApprovals: { select: { roundId: true, approvedAt: true, approvedBy: { select: { name: true } } } },
    },
    orderBy: { number: "asc" },
  });
  return Promise.all(
    municipalities.map(async (m) => {
      const rounds = await db().countingRound.findMany({
        where: { countingWeeks: { some: { municipalityId: m.id } } },
        select: { id: true, code: true, name: true, isoYear: true, firstWeek: true, weekCount: true },
        orderBy: { startsOn: "desc" },
        take: 6,
      });
      const tallies: Map<string, RoundTally> = await tallyRounds(getDatabase().sql.query.bind(getDatabase().sql), m.id, rounds);
      return {
        ...m,
        rounds: rounds.map((r) => {
          const approval = m.roundApprovals.find((a) => a.roundId === r.id);
          return {
            id: r.id,
            code: r.code,
            name: r.name,
            over: roundIsOver(r, now),
            tally: tallies.get(r.id)!,
            approvedAt: approval?.approvedAt ?? null,
            approvedBy: approval?.approvedBy?.name ?? null,
          };
        }),
      };
    }),
  );
}
