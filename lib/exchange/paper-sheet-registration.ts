import "server-only";
// "Indtast skema": a filled paper tally sheet keyed in as one batch (kind and source PAPER_SHEET),
// written by the same code as file imports and mass registrations (commitImport), so it is listed,
// undone and audit-logged like every other batch. Who may key a sheet: the mass registration rule —
// a coordinator in their municipality's units, a unit lead in the units they answer for.

import { z } from "zod";
import { type Access, type Actor, massRegistrationUnitScope } from "@/lib/auth/access";
import { ProblemListError } from "@/lib/actions/form-state";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { idSchema, isId } from "@/lib/ids";
import { commitImport, type ImportPlan, undoBatch } from "./import-rows";
import { massOccurredAt, MassRegistrationError } from "./mass-registration";
import { cellField, readSheet, type SheetLayout, sheetLayout, type SheetProblem, sheetSummary } from "./paper-sheet";

/** A refusal naming every cell that is wrong; nothing was saved. */
export class PaperSheetError extends ProblemListError {
  constructor(readonly sheetProblems: SheetProblem[]) {
    super(
      sheetProblems.length === 1 ? sheetProblems[0].message : `Skemaet har ${sheetProblems.length} fejl.`,
      sheetProblems.map((p) => p.message),
    );
    this.name = "PaperSheetError";
  }
}

/** The sheet's fixed fields; the cells (n:…, type:…, closure:…) come besides them. */
export const paperSheetFieldsSchema = z.object({
  unitId: idSchema("Vælg en enhed."),
  when: z.enum(["date", "week"], { error: "Vælg, om skemaet gælder en dato eller en uge." }),
  date: z.string().trim().default(""),
  isoYear: z.string().trim().default(""),
  isoWeek: z.string().trim().default(""),
  withTypes: z.enum(["", "1"]).default(""),
});

/** A unit's channels and tasks in the coordinator's order (the registration screen's keys). */
export async function loadUnitSheetSetup(prisma: PrismaClient, unitId: string) {
  const [channels, tasks] = await Promise.all([
    prisma.unitChannel.findMany({
      where: { unitId },
      select: { channel: { select: { code: true, name: true, direction: true } } },
      orderBy: [{ sortOrder: "asc" }, { channel: { sortOrder: "asc" } }],
    }),
    prisma.unitTask.findMany({
      where: { unitId },
      select: { task: { select: { id: true, number: true, title: true } } },
      orderBy: [{ sortOrder: "asc" }, { task: { number: "asc" } }],
    }),
  ]);
  return { channels: channels.map((c) => c.channel), tasks: tasks.map((t) => t.task) };
}

/** The unit's sheet layout (staff channels only). */
export async function loadSheetLayout(prisma: PrismaClient, unitId: string, withTypes: boolean): Promise<SheetLayout> {
  return sheetLayout(await loadUnitSheetSetup(prisma, unitId), withTypes);
}

export const DEFAULT_LOOKBACK_DAYS = 90;

/**
 * The unit's defaults for type and closure, for rows of a sheet without them: the type (other than
 * Fejlhenvendelse) and the closure with the most contacts in the unit over the last 90 days; null
 * when the unit has none, and the user chooses.
 */
export async function unitSheetDefaults(prisma: PrismaClient, unitId: string, now = new Date()) {
  const since = new Date(now.getTime() - DEFAULT_LOOKBACK_DAYS * 86_400_000);
  const where = { unitId, occurredAt: { gte: since } };
  const [types, closures] = await Promise.all([
    prisma.registration.groupBy({
      by: ["contactTypeCode"],
      where: { ...where, contactTypeCode: { not: null, notIn: ["FEJL"] } },
      _sum: { quantity: true },
      orderBy: [{ _sum: { quantity: "desc" } }, { contactTypeCode: "asc" }],
      take: 1,
    }),
    prisma.registration.groupBy({
      by: ["closureCode"],
      where: { ...where, closureCode: { not: null } },
      _sum: { quantity: true },
      orderBy: [{ _sum: { quantity: "desc" } }, { closureCode: "asc" }],
      take: 1,
    }),
  ]);
  return { contactTypeCode: types[0]?.contactTypeCode ?? null, closureCode: closures[0]?.closureCode ?? null };
}

/** A unit the actor may key a sheet into (active, in their mass registration scope), or null. */
export function findSheetUnit(prisma: PrismaClient, access: Access, unitId: string) {
  if (!isId(unitId)) return Promise.resolve(null);
  return prisma.unit.findFirst({
    where: { id: unitId, archivedAt: null, ...massRegistrationUnitScope(access) },
    select: { id: true, municipalityId: true, name: true, testMode: true, municipality: { select: { number: true, name: true } } },
  });
}

/**
 * Saves a keyed-in sheet as one batch of one registration per cell with a count, or refuses with
 * Danish messages naming each wrong cell and writes nothing. Dated like a mass registration: noon on
 * the day, or on the Monday of the week. The test flag follows the unit's test mode.
 */
export async function createPaperSheet(
  prisma: PrismaClient,
  actor: Actor,
  raw: Record<string, string>,
  now = new Date(),
  ip: string | null = null,
) {
  const parsed = paperSheetFieldsSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0].message);
  const input = parsed.data;
  const unit = await findSheetUnit(prisma, actor.access, input.unitId);
  if (!unit) throw new UserFacingError("Du kan ikke indtaste skemaer i den enhed.", 403);
  let occurredAt: Date;
  try {
    occurredAt = massOccurredAt(input, now);
  } catch (error) {
    if (error instanceof MassRegistrationError) throw new PaperSheetError([{ field: error.field ?? "", message: error.message }]);
    throw error;
  }
  const layout = await loadSheetLayout(prisma, unit.id, input.withTypes === "1");
  // A count in a cell the sheet no longer has (the unit's setup changed since the page was opened).
  const cells = new Set(layout.tasks.flatMap((t) => layout.channels.map((c) => cellField(t.id, c.code))));
  const stray = Object.entries(raw).some(
    ([key, value]) => key.startsWith("n:") && !cells.has(key) && value.trim() !== "" && value.trim() !== "0",
  );
  if (stray)
    throw new UserFacingError("Skemaet passer ikke længere til enhedens kanaler og opgaver. Hent siden igen, og indtast det på ny.");
  const { rows, problems } = readSheet(layout, raw);
  if (problems.length) throw new PaperSheetError(problems);

  const timePrecision = input.when === "week" ? ("WEEK" as const) : ("DATE" as const);
  const plan: ImportPlan = {
    municipalityId: unit.municipalityId,
    rows: rows.map((r, i) => ({
      line: i + 1,
      municipalityNumber: unit.municipality.number,
      unit: unit.name,
      unitId: unit.id,
      taskNumber: r.taskNumber,
      taskId: r.taskId,
      channelCode: r.channelCode,
      contactTypeCode: r.contactTypeCode,
      closureCode: r.closureCode,
      // Form (Blanket) is not on the sheet: not asked, as for uploads.
      form: null,
      occurredAt,
      timePrecision,
      quantity: r.quantity,
    })),
    newUnits: [],
    errors: [],
    newTaskNumbers: [],
  };
  const batch = await commitImport(prisma, plan, {
    actorUserId: actor.id,
    kind: "PAPER_SHEET",
    source: "PAPER_SHEET",
    fileName: null,
    isTest: unit.testMode,
    ip,
    auditUnitId: unit.id,
    auditDetails: {
      unit: unit.name,
      occurredAt: occurredAt.toISOString(),
      timePrecision,
      withTypes: layout.withTypes,
      isTest: unit.testMode,
    },
  });
  return { ...batch, summary: sheetSummary(rows), unitName: unit.name };
}

/**
 * Undoes a keyed-in sheet (audit-logged as batch.undo). Only a sheet whose unit is in the actor's
 * scope is found; another municipality's is "not found", never revealed.
 */
export async function deletePaperSheet(prisma: PrismaClient, actor: Actor, batchId: string, ip: string | null = null) {
  const batch = isId(batchId)
    ? await prisma.importBatch.findFirst({
        where: {
          id: batchId,
          kind: "PAPER_SHEET",
          undoneAt: null,
          registrations: { some: { unit: massRegistrationUnitScope(actor.access) } },
        },
        select: { id: true, municipalityId: true },
      })
    : null;
  if (!batch) throw new UserFacingError("Skemaet findes ikke, eller det er allerede fortrudt.", 404);
  return undoBatch(prisma, actor.id, batch.municipalityId, batch.id, ip);
}
