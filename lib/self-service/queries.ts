import "server-only";
import { type Access, coordinatorMunicipalityIds, requireNational } from "@/lib/auth/access";
import { isoWeekKey } from "@/lib/counting/iso-week";
import { db, getDatabase } from "@/lib/db";
import type { SelfServiceFigure } from "@/lib/generated/prisma/enums";
import { isId } from "@/lib/ids";
import { type GridSource, gridFrame } from "./grid";

// The reads of the self-service pages: a coordinator's grid (/data/selvbetjening) with KL's vendor
// figures beside it and the choice per task, and KL's uploads (/national/selvbetjening).

export interface GridCell {
  own: number | null;
  vendor: { count: number; solutions: string[] } | null;
}

/** A coordinator's municipality (the one asked for, else the first) and round (asked for, else the newest with a package). */
export async function loadSelfServiceGrid(access: Access, ask: { kommune?: string; runde?: string }) {
  const ids = coordinatorMunicipalityIds(access);
  if (!ids.length) return null;
  const prisma = db();
  const municipalities = await prisma.municipality.findMany({
    where: { id: { in: ids } },
    select: { id: true, number: true, name: true },
    orderBy: { number: "asc" },
  });
  const municipality = municipalities.find((m) => String(m.number) === ask.kommune) ?? municipalities[0];
  const rounds = await prisma.countingRound.findMany({
    where: { packageId: { not: null } },
    select: { id: true, name: true },
    orderBy: [{ isoYear: "desc" }, { firstWeek: "desc" }],
  });
  const round = rounds.find((r) => ask.runde && isId(ask.runde) && r.id === ask.runde) ?? rounds[0];
  if (!round) return { municipalities, municipality, rounds, frame: null };
  const frame = await gridFrame(prisma, round.id);
  const weekWhere = frame.weeks.map((w) => ({ isoYear: w.isoYear, isoWeek: w.isoWeek }));
  const [counts, choices] = await Promise.all([
    prisma.selfServiceCount.findMany({
      where: { municipalityId: municipality.id, OR: weekWhere, batch: { undoneAt: null } },
      select: {
        taskId: true,
        isoYear: true,
        isoWeek: true,
        count: true,
        source: true,
        solution: true,
        batch: { select: { kind: true, createdAt: true, createdBy: { select: { name: true } } } },
      },
    }),
    prisma.selfServiceChoice.findMany({
      where: { municipalityId: municipality.id },
      select: { taskId: true, choice: true, chosenAt: true, chosenBy: { select: { name: true } } },
    }),
  ]);
  const cells = new Map<string, GridCell>();
  const cellOf = (taskId: string, key: number) => {
    const k = `${taskId}_${key}`;
    const cell = cells.get(k) ?? { own: null, vendor: null };
    cells.set(k, cell);
    return cell;
  };
  let gridSource: { source: GridSource; solution: string | null } | null = null;
  const suppliers = new Map<string, { solution: string; by: string; at: Date }>();
  for (const c of counts) {
    const cell = cellOf(c.taskId, isoWeekKey(c));
    if (c.source === "VENDOR") {
      cell.vendor = { count: (cell.vendor?.count ?? 0) + c.count, solutions: [...(cell.vendor?.solutions ?? []), c.solution ?? ""] };
      suppliers.set(`${c.solution}|${c.batch.createdBy?.name ?? "KL"}`, {
        solution: c.solution ?? "",
        by: c.batch.createdBy?.name ?? "KL",
        at: c.batch.createdAt,
      });
    } else {
      cell.own = (cell.own ?? 0) + c.count;
      gridSource = { source: c.source as GridSource, solution: c.solution };
    }
  }
  // Tasks where some week has both figures: the coordinator's choice applies there.
  const both = new Set([...cells.entries()].filter(([, c]) => c.own !== null && c.vendor).map(([k]) => k.split("_")[0]));
  const ownRegistered = await ownRegisteredSelfService(municipality.id, frame.weeks.map(isoWeekKey));
  for (const [k, n] of ownRegistered) {
    const [taskId] = k.split("_");
    const cell = cells.get(k);
    if (cell?.vendor && n > 0) both.add(taskId);
  }
  return {
    municipalities,
    municipality,
    rounds,
    round,
    frame,
    cells: Object.fromEntries(cells),
    registered: Object.fromEntries(ownRegistered),
    gridSource,
    suppliers: [...suppliers.values()].sort((a, b) => a.solution.localeCompare(b.solution, "da")),
    choices: Object.fromEntries(
      choices.map((c) => [c.taskId, { choice: c.choice as SelfServiceFigure, by: c.chosenBy?.name ?? null, at: c.chosenAt }]),
    ),
    bothTasks: frame.tasks.filter((t) => both.has(t.id)),
  };
}

/** Self-service registrations (screen, mass registration, upload, API) per task and week: the own figure besides the grid. */
async function ownRegisteredSelfService(municipalityId: string, weekKeys: number[]): Promise<Map<string, number>> {
  const rows = await getDatabase().sql.query<{ task_id: string; week_key: number; n: number }>(
    `SELECT r.task_id::text AS task_id, (r.iso_year * 100 + r.iso_week)::int AS week_key, sum(r.quantity)::float8 AS n
       FROM report_registration r JOIN channel c ON c.code = r.channel_code
      WHERE r.municipality_id = $1::uuid AND c.self_service AND c.direction = 'IN'
        AND (r.contact_type_code IN ('OPRET', 'STATUS') OR r.contact_type_code IS NULL)
        AND (r.iso_year * 100 + r.iso_week) = ANY($2::int[])
      GROUP BY 1, 2`,
    [municipalityId, weekKeys],
  );
  return new Map(rows.map((r) => [`${r.task_id}_${Number(r.week_key)}`, Number(r.n)]));
}

/** KL's vendor uploads, newest first: one line per upload with its municipalities. */
export async function loadVendorUploads(access: Access) {
  requireNational(access);
  const batches = await db().importBatch.findMany({
    where: { kind: "VENDOR_FILE" },
    select: {
      uploadId: true,
      fileName: true,
      rowCount: true,
      totalQuantity: true,
      createdAt: true,
      undoneAt: true,
      createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 2000,
  });
  const uploads = new Map<
    string,
    {
      uploadId: string;
      fileName: string | null;
      createdAt: Date;
      by: string | null;
      municipalities: number;
      undone: number;
      rows: number;
      total: number;
    }
  >();
  for (const b of batches) {
    if (!b.uploadId) continue;
    const u = uploads.get(b.uploadId) ?? {
      uploadId: b.uploadId,
      fileName: b.fileName,
      createdAt: b.createdAt,
      by: b.createdBy?.name ?? null,
      municipalities: 0,
      undone: 0,
      rows: 0,
      total: 0,
    };
    u.municipalities += 1;
    if (b.undoneAt) u.undone += 1;
    else {
      u.rows += b.rowCount;
      u.total += b.totalQuantity;
    }
    uploads.set(b.uploadId, u);
  }
  return [...uploads.values()];
}
