import "server-only";
import { addDays, localDateOnly } from "@/lib/counting/iso-week";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UnitKind } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/actions/context";

// A municipality's setup as plain JSON: its units (tree, kind, options) with their channels and
// tasks. "Start fra sidste runde" restores the setup as it stood when the last round ended.
//
// When is that? Every change to the setup goes through lib/units, and each such change first calls
// captureEndedRoundSnapshots: for every round the municipality counted in that has ended and has no
// snapshot yet, the setup *before this change* is saved. Nothing changed between the round's end
// and that first change, so the snapshot is exactly the setup at the round's end, and a round whose
// setup was never changed afterwards needs no snapshot at all: the live setup is its setup.

export interface SnapshotUnit {
  id: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  archived: boolean;
  timeMeasurement: boolean;
  channels: string[];
  taskIds: string[];
}

export interface SetupSnapshot {
  version: 1;
  units: SnapshotUnit[];
}

type Reader = Pick<Tx, "unit" | "countingRound" | "roundSetupSnapshot">;

export async function readSetup(tx: Pick<Tx, "unit">, municipalityId: string): Promise<SetupSnapshot> {
  const units = await tx.unit.findMany({
    where: { municipalityId },
    select: {
      id: true,
      name: true,
      parentId: true,
      kind: true,
      archivedAt: true,
      timeMeasurement: true,
      // In the unit's order, so "Start fra sidste runde" gives the keys back as they were.
      channels: { select: { channelCode: true }, orderBy: [{ sortOrder: "asc" }, { channelCode: "asc" }] },
      tasks: { select: { taskId: true }, orderBy: [{ sortOrder: "asc" }, { taskId: "asc" }] },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    version: 1,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      parentId: u.parentId,
      kind: u.kind,
      archived: u.archivedAt !== null,
      timeMeasurement: u.timeMeasurement,
      channels: u.channels.map((c) => c.channelCode),
      taskIds: u.tasks.map((t) => t.taskId),
    })),
  };
}

/** The Monday after a round's last week (date-only): the round has ended on and after this day. */
export function roundEnd(round: { startsOn: Date; weekCount: number }): Date {
  return addDays(round.startsOn, round.weekCount * 7);
}

export function hasEnded(round: { startsOn: Date; weekCount: number }, now: Date): boolean {
  return localDateOnly(now).getTime() >= roundEnd(round).getTime();
}

/** Saves the current setup for every ended round the municipality counted in that has no snapshot yet. */
export async function captureEndedRoundSnapshots(tx: Reader, municipalityId: string, now: Date): Promise<void> {
  const rounds = await tx.countingRound.findMany({
    where: {
      countingWeeks: { some: { municipalityId } },
      setupSnapshots: { none: { municipalityId } },
      startsOn: { lte: localDateOnly(now) },
    },
    select: { id: true, startsOn: true, weekCount: true },
  });
  const ended = rounds.filter((r) => hasEnded(r, now));
  if (!ended.length) return;
  const setup = (await readSetup(tx, municipalityId)) as unknown as Prisma.InputJsonValue;
  await tx.roundSetupSnapshot.createMany({
    data: ended.map((r) => ({ municipalityId, roundId: r.id, setup, takenAt: now })),
  });
}

/** The latest round the municipality counted in that has ended, with its saved setup if any. */
export async function previousRound(tx: Reader, municipalityId: string, now: Date) {
  const rounds = await tx.countingRound.findMany({
    where: { countingWeeks: { some: { municipalityId } }, startsOn: { lte: localDateOnly(now) } },
    select: {
      id: true,
      name: true,
      startsOn: true,
      weekCount: true,
      packageId: true,
      setupSnapshots: { where: { municipalityId }, select: { setup: true, takenAt: true } },
    },
    orderBy: { startsOn: "desc" },
  });
  const round = rounds.find((r) => hasEnded(r, now));
  if (!round) return null;
  const saved = round.setupSnapshots[0];
  return {
    id: round.id,
    name: round.name,
    packageId: round.packageId,
    snapshot: saved ? (saved.setup as unknown as SetupSnapshot) : null,
    snapshotTakenAt: saved?.takenAt ?? null,
  };
}

/** The round the municipality prepares for: the earliest joined round that has not ended, else the next national one. */
export async function targetRound(tx: Pick<Tx, "countingRound">, municipalityId: string, now: Date) {
  const select = { id: true, name: true, startsOn: true, weekCount: true, packageId: true, package: { select: { name: true } } } as const;
  const today = localDateOnly(now);
  const joined = await tx.countingRound.findMany({
    where: { countingWeeks: { some: { municipalityId } }, startsOn: { gte: addDays(today, -7 * 53) } },
    select,
    orderBy: { startsOn: "asc" },
  });
  const open = joined.find((r) => !hasEnded(r, now));
  if (open) return open;
  const upcoming = await tx.countingRound.findMany({
    where: { startsOn: { gte: addDays(today, -7 * 53) } },
    select,
    orderBy: { startsOn: "asc" },
  });
  return upcoming.find((r) => !hasEnded(r, now)) ?? null;
}
