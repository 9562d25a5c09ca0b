import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { benchmark, participation, ranking } from "./benchmark";
import { channelMix } from "./channel-mix";
import { closure, forms } from "./closure-forms";
import { contactTypes } from "./contact-types";
import { coverage } from "./coverage";
import { cost } from "./cost";
import { selfService } from "./self-service";
import { taskChannel } from "./task-channel";
import { trends } from "./trends";
import type { ReportDefinition } from "./types";
import { answers } from "./answers";
import { handlingTime } from "./handling-time";
import { unitParticipation } from "./unit-participation";
import { when } from "./when";

export const REPORTS: readonly ReportDefinition[] = [
  channelMix,
  taskChannel,
  selfService,
  contactTypes,
  closure,
  forms,
  cost,
  trends,
  when,
  handlingTime,
  answers,
  unitParticipation,
  coverage,
  benchmark,
  ranking,
  participation,
];

export function reportBySlug(slug: string): ReportDefinition | undefined {
  return REPORTS.find((r) => r.slug === slug);
}

/** Whether the user may open a report at all (scope is checked again per municipality and unit). */
export function canOpenReport(access: Access, report: ReportDefinition): boolean {
  if (isNational(access)) return true;
  if (report.audience === "national") return false;
  if (coordinatorMunicipalityIds(access).length) return true;
  return report.audience === "unit" && access.leadUnitIds.length > 0;
}

export function reportsFor(access: Access): ReportDefinition[] {
  return REPORTS.filter((r) => canOpenReport(access, r));
}
