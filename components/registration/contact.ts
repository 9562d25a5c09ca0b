// One contact about several tasks (docs/method.md: one registration per task). Pure rules, no React.
//
// The registrant builds the contact task by task: + (or «Tilføj opgave») puts the task chosen so far
// on the contact's list and starts the next task, keeping the channel, the form answer, the extra
// questions' answers and the type and closure chosen so far (the shared choice). A task may be added
// before its type and closure are chosen: it then takes the type and closure chosen last — "choose
// the tasks, then one type and closure for all". A task added with its own type and closure keeps
// them — "type and closure per task". Gem (Enter) saves the list and the task being chosen as one
// unit.
import { MAX_TASKS_PER_CONTACT } from "@/lib/registrations/limits";
import {
  asksForm,
  type Combination,
  FEJL_TYPE,
  missingSteps,
  type ScreenData,
  type Selection,
  type StepId,
  taskName,
  TYPE_SHORT,
  CLOSURE_SHORT,
  channelName,
} from "./model";

/** A task on the contact's list; type and closure null until the shared choice fills them. */
export interface ContactLine {
  taskId: string;
  contactTypeCode: string | null;
  closureCode: string | null;
}

const isFejlTask = (screen: ScreenData, taskId: string) => screen.tasks.some((t) => t.id === taskId && t.number === "FEJL");

/** Puts the task being chosen on the list, or says in Danish why it cannot be. */
export function addLine(screen: ScreenData, lines: ContactLine[], selection: Selection): { lines: ContactLine[] } | { error: string } {
  if (!selection.taskId) return { error: "Vælg en opgave først, og tryk så + for at tilføje den næste." };
  if (lines.some((l) => l.taskId === selection.taskId)) {
    return { error: `${taskName(screen, selection.taskId)} er allerede med i henvendelsen: hver opgave registreres én gang.` };
  }
  if (lines.length + 1 >= MAX_TASKS_PER_CONTACT) return { error: `En henvendelse kan højst gælde ${MAX_TASKS_PER_CONTACT} opgaver.` };
  const line = { taskId: selection.taskId, contactTypeCode: selection.contactTypeCode, closureCode: selection.closureCode };
  return { lines: [...lines, line] };
}

/** The selection for the next task: everything shared stays, the task goes (and Fejlhenvendelse's type with it). */
export function nextTask(selection: Selection): Selection {
  const type = selection.contactTypeCode === FEJL_TYPE ? null : selection.contactTypeCode;
  return { ...selection, taskId: null, contactTypeCode: type };
}

/** The lines with the shared type and closure filled in; the task being chosen last, when there is one. */
function resolved(lines: ContactLine[], selection: Selection): ContactLine[] {
  const all = selection.taskId
    ? [...lines, { taskId: selection.taskId, contactTypeCode: selection.contactTypeCode, closureCode: selection.closureCode }]
    : lines;
  return all.map((l) => ({
    taskId: l.taskId,
    contactTypeCode: l.contactTypeCode ?? selection.contactTypeCode,
    closureCode: l.closureCode ?? selection.closureCode,
  }));
}

/**
 * What saving the contact would store (one combination per task), or the steps still missing.
 * A line without its own type cannot take Fejlhenvendelse's (that type belongs to the task
 * Fejlhenvendelse only): the type is then missing.
 */
export function contactCombinations(
  screen: ScreenData,
  lines: ContactLine[],
  selection: Selection,
): { combinations: Combination[] } | { missing: StepId[] } | { error: string } {
  const all = resolved(lines, selection);
  const twice = all.find((l, i) => all.findIndex((o) => o.taskId === l.taskId) !== i);
  if (twice) return { error: `${taskName(screen, twice.taskId)} er allerede med i henvendelsen: hver opgave registreres én gang.` };
  const typeMissing = all.some((l) => !l.contactTypeCode || (l.contactTypeCode === FEJL_TYPE) !== isFejlTask(screen, l.taskId));
  const closureMissing = all.some((l) => !l.closureCode);
  // Channel, form and questions are shared: the same checks as one registration, with some task in place.
  const probe = { ...selection, taskId: all[0]?.taskId ?? null, contactTypeCode: "-", closureCode: "-" };
  const missing = [
    ...(typeMissing ? (["type"] as StepId[]) : []),
    ...(closureMissing ? (["closure"] as StepId[]) : []),
    ...missingSteps(screen, probe),
  ];
  if (missing.length || !selection.channelCode) return { missing: missing.length ? missing : ["channel"] };
  const channelCode = selection.channelCode;
  return {
    combinations: all.map((l) => ({
      channelCode,
      taskId: l.taskId,
      contactTypeCode: l.contactTypeCode!,
      closureCode: l.closureCode!,
      form: asksForm(screen, channelCode) ? selection.form : null,
      answers: selection.answers,
    })),
  };
}

/**
 * Gentag or a favourite pressed while tasks are on the contact's list. The list is a contact the
 * registrant has not saved yet, and it must never be lost: it is saved first, as its own contact,
 * and the quick registration after it as another. What is saved first:
 * - the listed tasks and the task being chosen, when together they are complete (what Gem would save);
 * - else the listed tasks alone, when they are complete: the task being chosen (incomplete, or on the
 *   list already) stays in the form, unsaved, as Gentag and favourites leave any choice (`keepsChosen`);
 * - else nothing: `missing` names what the list still needs, and the list stays on the screen.
 * null when no task is listed: the quick registration is then all there is.
 */
export function listedContact(
  screen: ScreenData,
  lines: ContactLine[],
  selection: Selection,
): { combinations: Combination[]; keepsChosen: boolean } | { missing: StepId[] } | null {
  if (!lines.length) return null;
  const whole = contactCombinations(screen, lines, selection);
  if ("combinations" in whole) return { combinations: whole.combinations, keepsChosen: false };
  const alone = selection.taskId ? contactCombinations(screen, lines, { ...selection, taskId: null }) : whole;
  if ("combinations" in alone) return { combinations: alone.combinations, keepsChosen: true };
  return { missing: "missing" in alone ? alone.missing : ["task"] };
}

/** "1 opgave", "2 opgaver": as the status line counts the tasks of a contact. */
export const taskCount = (n: number) => (n === 1 ? "1 opgave" : `${n} opgaver`);

/** "Telefon ind · Flytning (Info, Straks) + Pas (Ny sag, Videre)", as the toast and the outbox name a contact. */
export function summariseContact(screen: ScreenData, combinations: Combination[]): string {
  const tasks = combinations.map(
    (c) =>
      `${taskName(screen, c.taskId)} (${c.contactTypeCode === FEJL_TYPE ? "Fejl" : (TYPE_SHORT[c.contactTypeCode] ?? c.contactTypeCode)}, ${CLOSURE_SHORT[c.closureCode] ?? c.closureCode})`,
  );
  return `${channelName(screen, combinations[0].channelCode)} · ${tasks.join(" + ")}`;
}

/** A line as the contact's list shows it: "Flytning · Info · Straks", or "… · type og afslutning som de sidste valg". */
export function describeLine(screen: ScreenData, line: ContactLine): string {
  const parts = [taskName(screen, line.taskId)];
  if (line.contactTypeCode)
    parts.push(line.contactTypeCode === FEJL_TYPE ? "Fejl" : (TYPE_SHORT[line.contactTypeCode] ?? line.contactTypeCode));
  if (line.closureCode) parts.push(CLOSURE_SHORT[line.closureCode] ?? line.closureCode);
  if (!line.contactTypeCode || !line.closureCode) parts.push("resten som de sidste valg");
  return parts.join(" · ");
}
