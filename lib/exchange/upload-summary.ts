import type { EarlierImport } from "./content-hash-text";
import type { ImportPlan } from "./import-rows";
import type { ImportWeeks } from "./import-weeks";

export interface UploadSummary {
  rows: number;
  totalQuantity: number;
  byUnit: { name: string; quantity: number }[];
  byChannel: { code: string; quantity: number }[];
  bySource: { source: string; quantity: number }[];
  newTaskNumbers: string[];
  newUnits: string[];
  /** Extra-question columns of an old raw export, with answers per option (rows). */
  questions?: { text: string; isNew: boolean; answers: number; options: { label: string; answers: number; isNew: boolean }[] }[];
  /** The weeks the rows fall in, rows outside the counting weeks and the rounds covering them (import-weeks.ts). */
  weeks?: ImportWeeks;
  /** An earlier import of the same rows, not undone (content-hash.ts). */
  earlierImport?: EarlierImport | null;
  /**
   * Old raw exports: the units (by their login in the file) with start and end times, and whether
   * the coordinator said they measured time (only those count in Tidsforbrug).
   */
  timedUnits?: { login: string; rows: number; measured: boolean }[];
}

const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);

/** What the preview shows before anything is written: counts per unit, channel and data source (one pass over the rows). */
export function summarisePlan(plan: ImportPlan, unitNames: Map<string, string>, sources?: Map<number, string>): UploadSummary {
  const byUnit = new Map<string, number>();
  const byChannel = new Map<string, number>();
  const bySource = new Map<string, number>();
  const unitLabels = new Map<string, string>();
  let totalQuantity = 0;
  for (const r of plan.rows) {
    const unitKey = r.unitId ?? `\u0000${r.newUnit}`;
    let unit = unitLabels.get(unitKey);
    if (unit === undefined) unitLabels.set(unitKey, (unit = r.unitId ? (unitNames.get(r.unitId) ?? r.unit) : `${r.newUnit} (ny enhed)`));
    const source = sources?.get(r.line) || "Upload";
    byUnit.set(unit, (byUnit.get(unit) ?? 0) + r.quantity);
    byChannel.set(r.channelCode, (byChannel.get(r.channelCode) ?? 0) + r.quantity);
    bySource.set(source, (bySource.get(source) ?? 0) + r.quantity);
    totalQuantity += r.quantity;
  }
  return {
    rows: plan.rows.length,
    totalQuantity,
    byUnit: sorted(byUnit).map(([name, quantity]) => ({ name, quantity })),
    byChannel: sorted(byChannel).map(([code, quantity]) => ({ code, quantity })),
    bySource: sorted(bySource).map(([source, quantity]) => ({ source, quantity })),
    newTaskNumbers: plan.newTaskNumbers,
    newUnits: plan.newUnits,
    questions: (plan.questions ?? []).map((q) => ({
      text: q.text,
      isNew: q.questionId === null,
      answers: q.answers,
      options: q.options.map((o) => ({ label: o.label, answers: o.answers, isNew: o.optionId === null })),
    })),
  };
}

/** 'Spørgsmål "X" (nyt, 12 svar)': the same wording on the web preview and the command line. */
export function questionHeading(q: NonNullable<UploadSummary["questions"]>[number]): string {
  const state = q.answers === 0 ? "ingen svar, oprettes ikke" : q.isNew ? `nyt, ${q.answers} svar` : `findes, ${q.answers} svar`;
  return `Spørgsmål "${q.text}" (${state})`;
}
