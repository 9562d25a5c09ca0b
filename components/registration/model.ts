// The registration screen's pure rules: which steps a contact has, what counts as complete, how the
// Fejlhenvendelse task and type go together, and what is sent. No React here, so it is easy to follow.
import type { RegistrationScreen, TodayData } from "@/lib/registrations/queries";

export type ScreenData = RegistrationScreen;
export type Task = ScreenData["tasks"][number];
export type Question = ScreenData["questions"][number];
export type Favourite = ScreenData["favourites"][number];
export type TodayRow = TodayData["own"][number];
export type Today = TodayData;

export const FEJL_NUMBER = "FEJL";
export const FEJL_TYPE = "FEJL";

/** A (possibly partial) contact as the registrant builds it. answers: questionId → optionId. */
export interface Selection {
  channelCode: string | null;
  taskId: string | null;
  contactTypeCode: string | null;
  closureCode: string | null;
  form: boolean | null;
  answers: Record<string, string>;
}

/** A full combination, as Gentag and favourites replay it. */
export interface Combination {
  channelCode: string;
  taskId: string;
  contactTypeCode: string;
  closureCode: string;
  form: boolean | null;
  answers?: Record<string, string>;
}

/** What POST /api/registrations receives. */
export interface RegistrationPayload {
  id: string;
  unitId: string;
  channelCode: string;
  taskId: string;
  contactTypeCode: string;
  closureCode: string;
  form: boolean | null;
  occurredAt: string;
  startedAt?: string;
  endedAt?: string;
  isTest: boolean;
  answers: { questionId: string; optionId: string }[];
}

export type StepId = "channel" | "task" | "type" | "closure" | "form" | `q:${string}`;

/** Where the panel puts focus next: a step, or Gem. */
export type FocusTarget = StepId | "save";

export const EMPTY_SELECTION: Selection = {
  channelCode: null,
  taskId: null,
  contactTypeCode: null,
  closureCode: null,
  form: null,
  answers: {},
};

export function asksForm(screen: ScreenData, channelCode: string | null): boolean {
  return Boolean(channelCode && screen.channels.find((c) => c.code === channelCode)?.asksForm);
}

/** The steps in keyboard order. Blanket only once a channel that asks for it is chosen. */
export function stepsFor(screen: ScreenData, selection: Selection): StepId[] {
  const steps: StepId[] = ["channel", "task", "type", "closure"];
  if (asksForm(screen, selection.channelCode)) steps.push("form");
  for (const q of screen.questions) steps.push(`q:${q.id}`);
  return steps;
}

export function isFilled(step: StepId, selection: Selection): boolean {
  switch (step) {
    case "channel":
      return selection.channelCode !== null;
    case "task":
      return selection.taskId !== null;
    case "type":
      return selection.contactTypeCode !== null;
    case "closure":
      return selection.closureCode !== null;
    case "form":
      return selection.form !== null;
    default:
      return Boolean(selection.answers[step.slice(2)]);
  }
}

/** Steps that block saving: everything but optional questions. */
export function missingSteps(screen: ScreenData, selection: Selection): StepId[] {
  const optional = new Set(screen.questions.filter((q) => !q.required).map((q) => `q:${q.id}`));
  return stepsFor(screen, selection).filter((s) => !optional.has(s) && !isFilled(s, selection));
}

const STEP_NAMES: Record<string, string> = { channel: "kanal", task: "opgave", type: "type", closure: "afslutning", form: "blanket" };

/** "Vælg opgave og type, og besvar »Kunne henvendelsen være klaret digitalt?« før du gemmer." */
export function missingMessage(screen: ScreenData, missing: StepId[]): string {
  const choices = missing.filter((s) => STEP_NAMES[s]).map((s) => STEP_NAMES[s]);
  const questions = missing.flatMap((s) => screen.questions.filter((q) => `q:${q.id}` === s)).map((q) => `»${q.text}«`);
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} og ${items.at(-1)}` : (items[0] ?? ""));
  const parts = [
    choices.length ? `Vælg ${list(choices)}` : "",
    questions.length ? `${choices.length ? "besvar" : "Besvar"} ${list(questions)}` : "",
  ];
  return `${parts.filter(Boolean).join(", og ")} før du gemmer.`;
}

/**
 * Enter pressed in `from`: the next unanswered optional question to move to, or null to save.
 * Enter moves through optional questions one by one rather than saving past them; from the last
 * unanswered one (or anywhere else) it saves.
 */
export function enterTarget(screen: ScreenData, selection: Selection, from: StepId | null): StepId | null {
  const optional = screen.questions.filter((q) => !q.required && !selection.answers[q.id]).map((q): StepId => `q:${q.id}`);
  const at = from ? optional.indexOf(from) : -1;
  return at >= 0 && at < optional.length - 1 ? optional[at + 1] : null;
}

/** The step after `from` that still needs an answer (wrapping to earlier gaps), or null when none. */
export function nextOpenStep(screen: ScreenData, selection: Selection, from: StepId | null): StepId | null {
  const steps = stepsFor(screen, selection);
  const start = from ? steps.indexOf(from) + 1 : 0;
  const ordered = [...steps.slice(start), ...steps.slice(0, start)];
  return ordered.find((s) => !isFilled(s, selection)) ?? null;
}

function fejlTaskId(screen: ScreenData): string | null {
  return screen.tasks.find((t) => t.number === FEJL_NUMBER)?.id ?? null;
}

/**
 * Applies one choice. Fejlhenvendelse is both a task and a type (the server insists), so picking
 * either sets the other, and leaving one clears the other.
 */
export function choose(screen: ScreenData, selection: Selection, step: StepId, value: string): Selection {
  const fejlId = fejlTaskId(screen);
  switch (step) {
    case "channel":
      return {
        ...selection,
        channelCode: value,
        form: asksForm(screen, value) && asksForm(screen, selection.channelCode) ? selection.form : null,
      };
    case "task": {
      const isFejl = value === fejlId;
      const type = isFejl ? FEJL_TYPE : selection.contactTypeCode === FEJL_TYPE ? null : selection.contactTypeCode;
      return { ...selection, taskId: value, contactTypeCode: type };
    }
    case "type": {
      const task = value === FEJL_TYPE ? fejlId : selection.taskId === fejlId ? null : selection.taskId;
      return { ...selection, contactTypeCode: value, taskId: task };
    }
    case "closure":
      return { ...selection, closureCode: value };
    case "form":
      return { ...selection, form: value === "true" };
    default:
      return { ...selection, answers: { ...selection.answers, [step.slice(2)]: value } };
  }
}

/** After a save the channel stays (staff at a phone stay on the phone); the rest starts over. */
export function afterSave(selection: Selection): Selection {
  return { ...EMPTY_SELECTION, channelCode: selection.channelCode };
}

export function toCombination(selection: Selection): Combination | null {
  const { channelCode, taskId, contactTypeCode, closureCode } = selection;
  if (!channelCode || !taskId || !contactTypeCode || !closureCode) return null;
  return { channelCode, taskId, contactTypeCode, closureCode, form: selection.form, answers: selection.answers };
}

/** Can a combination be saved as it is, or does it lack answers to required questions? */
export function combinationComplete(screen: ScreenData, combination: Combination): boolean {
  if (asksForm(screen, combination.channelCode) !== (combination.form !== null)) return false;
  return screen.questions.every((q) => !q.required || combination.answers?.[q.id]);
}

export function buildPayload(
  screen: ScreenData,
  combination: Combination,
  timing: { startedAt?: string; endedAt?: string } = {},
): RegistrationPayload {
  return {
    id: crypto.randomUUID(),
    unitId: screen.unit.id,
    channelCode: combination.channelCode,
    taskId: combination.taskId,
    contactTypeCode: combination.contactTypeCode,
    closureCode: combination.closureCode,
    form: asksForm(screen, combination.channelCode) ? combination.form : null,
    occurredAt: new Date().toISOString(),
    ...timing,
    isTest: screen.unit.testMode,
    answers: Object.entries(combination.answers ?? {}).map(([questionId, optionId]) => ({ questionId, optionId })),
  };
}

export const TYPE_SHORT: Record<string, string> = {
  OPRET: "Ny sag",
  STATUS: "Status",
  INFO: "Info",
  VEJL: "Vejledning",
  SLVBTJN: "Selvbetjening",
  FEJL: "Fejl",
};
export const CLOSURE_SHORT: Record<string, string> = { STRAKS: "Straks", HOLD: "Videre", VIDERE: "Stillet videre" };

export function channelName(screen: ScreenData, code: string): string {
  const channel = screen.channels.find((c) => c.code === code);
  if (!channel) return code;
  return `${channel.name} ${channel.direction === "IN" ? "ind" : "ud"}`;
}

export function taskName(screen: ScreenData, taskId: string): string {
  return screen.tasks.find((t) => t.id === taskId)?.title ?? "Ukendt opgave";
}

/** A row of today's list by the name its tile shows (KL's name in the round's package), else the stored title. */
export function rowTaskTitle(screen: ScreenData, row: { taskId: string; task: { title: string } }): string {
  return screen.tasks.find((t) => t.id === row.taskId)?.title ?? row.task.title;
}

/** "Telefon ind · Flytning · Info · Straks", as favourites and the toast name a combination. */
export function summarise(screen: ScreenData, c: Combination): string {
  const parts = [channelName(screen, c.channelCode), taskName(screen, c.taskId)];
  if (c.contactTypeCode !== FEJL_TYPE) parts.push(TYPE_SHORT[c.contactTypeCode] ?? c.contactTypeCode);
  parts.push(CLOSURE_SHORT[c.closureCode] ?? c.closureCode);
  if (c.form !== null) parts.push(c.form ? "Blanket" : "Uden blanket");
  return parts.join(" · ");
}

export function typeLabel(screen: ScreenData, code: string | null): string {
  return screen.contactTypes.find((t) => t.code === code)?.label ?? "—";
}

export function closureLabel(screen: ScreenData, code: string | null): string {
  return screen.closures.find((c) => c.code === code)?.label ?? "—";
}
