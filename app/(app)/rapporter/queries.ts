import { type Access, isNational, registrationReadScope } from "@/lib/auth/access";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface ReportRow {
  key: string;
  label: string;
  detail?: string;
  count: number;
  quantity: number;
}

export interface ReportSummary {
  count: number;
  quantity: number;
  byChannel: ReportRow[];
  /** Per municipality for national staff, per unit for everyone else. */
  byPlace: ReportRow[];
  placeKind: "municipality" | "unit";
}

const DIRECTION_LABELS = { IN: "Indgående", OUT: "Udgående" } as const;

/**
 * The overview figures for everything the user may read. Test registrations and registrations
 * outside the counting weeks are left out, as in every report.
 */
export async function loadReportSummary(access: Access): Promise<ReportSummary> {
  const prisma = db();
  const where: Prisma.RegistrationWhereInput = {
    ...registrationReadScope(access),
    isTest: false,
    inCountingWeek: true,
  };
  const placeKind = isNational(access) ? "municipality" : "unit";

  const [totals, channelGroups, placeGroups] = await Promise.all([
    prisma.registration.aggregate({ where, _count: { _all: true }, _sum: { quantity: true } }),
    prisma.registration.groupBy({ by: ["channelCode"], where, _count: { _all: true }, _sum: { quantity: true } }),
    placeKind === "municipality"
      ? prisma.registration.groupBy({ by: ["municipalityId"], where, _count: { _all: true }, _sum: { quantity: true } })
      : prisma.registration.groupBy({ by: ["unitId"], where, _count: { _all: true }, _sum: { quantity: true } }),
  ]);

  const channels = await prisma.channel.findMany({
    where: { code: { in: channelGroups.map((g) => g.channelCode) } },
    select: { code: true, name: true, direction: true, sortOrder: true },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
  });
  const channelGroupByCode = new Map(channelGroups.map((g) => [g.channelCode, g]));
  const byChannel = channels.map((c) => {
    const g = channelGroupByCode.get(c.code);
    return {
      key: c.code,
      label: c.name,
      detail: `${DIRECTION_LABELS[c.direction]} (${c.code})`,
      count: g?._count._all ?? 0,
      quantity: g?._sum.quantity ?? 0,
    };
  });

  let byPlace: ReportRow[];
  if (placeKind === "municipality") {
    const groups = placeGroups as { municipalityId: string; _count: { _all: number }; _sum: { quantity: number | null } }[];
    const municipalities = await prisma.municipality.findMany({
      where: { id: { in: groups.map((g) => g.municipalityId) } },
      select: { id: true, number: true, name: true },
    });
    const names = new Map(municipalities.map((m) => [m.id, m]));
    byPlace = groups.map((g) => ({
      key: g.municipalityId,
      label: names.get(g.municipalityId)?.name ?? "Ukendt kommune",
      detail: String(names.get(g.municipalityId)?.number ?? ""),
      count: g._count._all,
      quantity: g._sum.quantity ?? 0,
    }));
  } else {
    const groups = placeGroups as { unitId: string; _count: { _all: number }; _sum: { quantity: number | null } }[];
    // The unit ids come from registrations already in scope; the names are read with the same ids.
    const units = await prisma.unit.findMany({
      where: { id: { in: groups.map((g) => g.unitId) } },
      select: { id: true, name: true, municipality: { select: { name: true } } },
    });
    const names = new Map(units.map((u) => [u.id, u]));
    byPlace = groups.map((g) => ({
      key: g.unitId,
      label: names.get(g.unitId)?.name ?? "Ukendt enhed",
      detail: names.get(g.unitId)?.municipality.name,
      count: g._count._all,
      quantity: g._sum.quantity ?? 0,
    }));
  }
  byPlace.sort((a, b) => a.label.localeCompare(b.label, "da"));

  return {
    count: totals._count._all,
    quantity: totals._sum.quantity ?? 0,
    byChannel,
    byPlace,
    placeKind,
  };
}
