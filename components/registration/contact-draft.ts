// A contact with tasks on its list that the registrant has not saved yet must not be lost by leaving
// the screen: a reload, another section of Spor, another unit and back. The list and the choices
// around it are kept in this tab's sessionStorage per user and unit (use-contact-lines.ts) and put
// back when the screen opens again. Pure rules here, no React, no storage.
//
// Why sessionStorage: the draft belongs to this tab's work. Another tab of the same unit has a
// contact of its own, and a closed tab is a registrant who walked away, as with a paper note.
// Why only the same day: a contact is registered when it is saved, with that moment's date; a
// contact begun yesterday and saved today would be counted on the wrong day, so it is not offered.
// What is kept is the same as the outbox keeps (ids and codes: the answers are option ids), no text.
import type { ContactLine } from "./contact";
import type { ScreenData, Selection } from "./model";

/** The key of a draft: one per user and unit (the screen is keyed by unit, so each unit has its own contact). */
export function draftKey(userId: string, unitId: string): string {
  return `spor:henvendelse:${userId}:${unitId}`;
}

const dayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" });

/** The day in Denmark, "2026-12-07": the day a registration saved now would be counted on. */
export function danishDay(now: Date): string {
  return dayFormat.format(now);
}

/** The draft to store: null when the list is empty (then there is nothing to lose, and nothing is kept). */
export function encodeDraft(lines: ContactLine[], selection: Selection, now: Date): string | null {
  if (!lines.length) return null;
  return JSON.stringify({ day: danishDay(now), lines, selection });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The draft as the screen can take it, or null. Setup may have changed since it was stored (a task
 * or channel removed from the unit, a question's option deleted): what the screen no longer offers
 * is left out, and a draft whose tasks are all gone is no draft. Anything unreadable is null.
 */
export function decodeDraft(screen: ScreenData, raw: string | null, now: Date): { lines: ContactLine[]; selection: Selection } | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.day !== danishDay(now) || !Array.isArray(parsed.lines) || !isRecord(parsed.selection)) return null;

  const code = (value: unknown, allowed: { code: string }[]) =>
    typeof value === "string" && allowed.some((a) => a.code === value) ? value : null;
  const task = (value: unknown) => (typeof value === "string" && screen.tasks.some((t) => t.id === value) ? value : null);

  const lines: ContactLine[] = [];
  for (const line of parsed.lines) {
    const taskId = isRecord(line) ? task(line.taskId) : null;
    if (!isRecord(line) || !taskId || lines.some((l) => l.taskId === taskId)) continue;
    lines.push({
      taskId,
      contactTypeCode: code(line.contactTypeCode, screen.contactTypes),
      closureCode: code(line.closureCode, screen.closures),
    });
  }
  if (!lines.length) return null;

  const s = parsed.selection;
  const answers: Record<string, string> = {};
  if (isRecord(s.answers)) {
    for (const question of screen.questions) {
      const optionId = s.answers[question.id];
      if (question.options.some((o) => o.id === optionId)) answers[question.id] = optionId as string;
    }
  }
  const chosenTask = task(s.taskId);
  const selection: Selection = {
    channelCode: code(s.channelCode, screen.channels),
    // The task being chosen is not also on the list (each task once per contact).
    taskId: chosenTask && !lines.some((l) => l.taskId === chosenTask) ? chosenTask : null,
    contactTypeCode: code(s.contactTypeCode, screen.contactTypes),
    closureCode: code(s.closureCode, screen.closures),
    form: typeof s.form === "boolean" ? s.form : null,
    answers,
  };
  return { lines, selection };
}
