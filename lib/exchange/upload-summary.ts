import type { ImportPlan } from "./import-rows";

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
}

function countBy<T>(items: T[], key: (item: T) => string, weight: (item: T) => number) {
  const map = new Map<string, number>();
  for (const item of items) map.set(key(item), (map.get(key(item)) ?? 0) + weight(item));
  return [...map.entries()].sort((a, b) => b[1] - a[1]);
}

/** What the preview shows before anything is written: counts per unit, channel and data source. */
export function summarisePlan(plan: ImportPlan, unitNames: Map<string, string>, sources?: Map<number, string>): UploadSummary {
  const q = (r: { quantity: number }) => r.quantity;
  return {
    rows: plan.rows.length,
    totalQuantity: plan.rows.reduce((s, r) => s + r.quantity, 0),
    byUnit: countBy(plan.rows, (r) => (r.unitId ? unitNames.get(r.unitId) ?? r.unit : `${r.newUnit} (ny enhed)`), q).map(([name, quantity]) => ({ name, quantity })),
    byChannel: countBy(plan.rows, (r) => r.channelCode, q).map(([code, quantity]) => ({ code, quantity })),
    bySource: countBy(plan.rows, (r) => sources?.get(r.line) || "Upload", q).map(([source, quantity]) => ({ source, quantity })),
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
