import "server-only";
import { type Access, canMassRegister, canMassRegisterInUnit, isNational, massRegistrationUnitScope } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { treeOrder } from "@/lib/units/page-queries";
import { listRegistrationUnits } from "@/lib/units/queries";
import { CLOSURES, CONTACT_TYPES } from "@/lib/reference/codes";
import { findSheetUnit, loadSheetLayout, unitSheetDefaults } from "./paper-sheet-registration";

// What the tally sheet and the "Indtast skema" page read, for the caller's access.

/** The units a user may key sheets into (tree order, with path), as the mass registration form lists them. */
async function sheetUnits(access: Access) {
  const units = await db().unit.findMany({
    where: { archivedAt: null, ...massRegistrationUnitScope(access) },
    select: { id: true, name: true, parentId: true, testMode: true, municipality: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  const severalMunicipalities = new Set(units.map((u) => u.municipality.name)).size > 1;
  return treeOrder(units).map((u) => ({
    id: u.id,
    label: severalMunicipalities ? `${u.municipality.name}: ${u.path}` : u.path,
    testMode: u.testMode,
  }));
}

export const PAPER_SHEET_LIST_LIMIT = 50;

/** Keyed-in sheets that still stand, newest first: all for national staff (read only), else those of units in the user's scope. */
async function listPaperSheets(access: Access) {
  const where = {
    kind: "PAPER_SHEET" as const,
    undoneAt: null,
    ...(isNational(access) ? {} : { registrations: { some: { unit: massRegistrationUnitScope(access) } } }),
  };
  const [batches, total] = await Promise.all([
    db().importBatch.findMany({
      where,
      select: {
        id: true,
        createdAt: true,
        rowCount: true,
        totalQuantity: true,
        createdBy: { select: { name: true } },
        municipality: { select: { name: true } },
        registrations: {
          take: 1,
          select: {
            unitId: true,
            municipalityId: true,
            occurredAt: true,
            isoYear: true,
            isoWeek: true,
            timePrecision: true,
            isTest: true,
            unit: { select: { name: true } },
          },
        },
      },
      orderBy: { createdAt: "desc" },
      take: PAPER_SHEET_LIST_LIMIT,
    }),
    db().importBatch.count({ where }),
  ]);
  const rows = batches.flatMap(({ registrations: [registration], ...batch }) =>
    registration
      ? [
          {
            ...batch,
            registration,
            canDelete: canMassRegisterInUnit(access, { id: registration.unitId, municipalityId: registration.municipalityId }),
          },
        ]
      : [],
  );
  return { rows, total };
}

/**
 * The "Indtast skema" page: the units the user may key into, the chosen one (?enhed, else the first)
 * with its sheet layout and defaults for type and closure, the code lists, and earlier sheets.
 */
export async function loadPaperSheetPage(access: Access, requestedUnitId: string | undefined, withTypes: boolean) {
  const list = await listPaperSheets(access);
  if (!canMassRegister(access)) return { form: null, list };
  const units = await sheetUnits(access);
  const unitId = units.find((u) => u.id === requestedUnitId)?.id ?? units[0]?.id;
  const unit = unitId ? await findSheetUnit(db(), access, unitId) : null;
  if (!unit) return { form: { units, unit: null }, list };
  const [layout, defaults] = await Promise.all([loadSheetLayout(db(), unit.id, withTypes), unitSheetDefaults(db(), unit.id)]);
  return {
    form: {
      units,
      unit: { id: unit.id, name: unit.name, testMode: unit.testMode, municipalityName: unit.municipality.name, layout, defaults },
      contactTypes: CONTACT_TYPES.filter((t) => t.code !== "FEJL").map((t) => ({ code: t.code, label: t.label })),
      closures: CLOSURES.map((c) => ({ code: c.code, label: c.label })),
    },
    list,
  };
}

/** A sheet to print for a unit the user may key sheets into (coordinators and leads), or null. */
export async function loadSheetToPrint(access: Access, unitId: string, withTypes: boolean) {
  const unit = await findSheetUnit(db(), access, unitId);
  if (!unit) return null;
  return {
    unit: { id: unit.id, name: unit.name, municipalityName: unit.municipality.name },
    layout: await loadSheetLayout(db(), unit.id, withTypes),
  };
}

/**
 * The registrant's tally sheet: the unit `pick` chooses among those the user registers in, with
 * its layout; null when the user registers nowhere. `canKey`: the user may also key sheets into it.
 */
export async function loadRegistrantSheet(access: Access, pick: (unitIds: string[]) => string | null, withTypes: boolean) {
  const units = await listRegistrationUnits(db(), access);
  const unit = units.find((u) => u.id === pick(units.map((x) => x.id)));
  if (!unit) return null;
  return {
    unit: { id: unit.id, name: unit.name, municipalityName: unit.municipality.name },
    layout: await loadSheetLayout(db(), unit.id, withTypes),
    canKey: canMassRegisterInUnit(access, unit),
  };
}
