import "server-only";
import type { UnitKind } from "@/lib/generated/prisma/enums";

// Sensible first channels for a new unit, by the kind of unit. The coordinator adjusts them; these
// only spare them ticking the same boxes for every unit. Self-service counts (SLVBTJN, BRGDK) sit
// with citizen service, which usually uploads them; machine channels (web visits, output manager,
// system channels) are never on by default.

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  CITIZEN_SERVICE: "Borgerservice",
  JOB_CENTRE: "Jobcenter",
  TECHNICAL: "Teknik og miljø",
  SOCIAL: "Social og sundhed",
  OTHER: "Anden enhed",
};

export const UNIT_KINDS = Object.keys(UNIT_KIND_LABELS) as UnitKind[];

const PERSONAL_AND_WRITTEN = ["PRSNLG", "TLFIND", "TLFUD", "EMLIND", "EMLUD", "PPRIND", "PPRUD", "DOCIND", "DOKUD"];

export const DEFAULT_CHANNELS: Readonly<Record<UnitKind, readonly string[]>> = {
  CITIZEN_SERVICE: [...PERSONAL_AND_WRITTEN, "SLVBTJN", "BRGDK"],
  JOB_CENTRE: [...PERSONAL_AND_WRITTEN, "SMSUD", "SLVBTJN"],
  TECHNICAL: [...PERSONAL_AND_WRITTEN, "SLVBTJN"],
  SOCIAL: [...PERSONAL_AND_WRITTEN, "PRSNLGUD", "SMSIND", "SMSUD"],
  OTHER: PERSONAL_AND_WRITTEN,
};

export function defaultChannelsFor(kind: UnitKind): string[] {
  return [...DEFAULT_CHANNELS[kind]];
}

/** Unit names are compared without case and surrounding or repeated spaces. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleLowerCase("da-DK");
}
