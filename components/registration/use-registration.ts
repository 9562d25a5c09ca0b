"use client";

import { useCallback, useState } from "react";
import { type EntryHint, entryHint, hintStillApplies } from "@/lib/quality/entry-hints";
import { addLine, type ContactLine, contactCombinations, nextTask, singleSelection, summariseContact } from "./contact";
import { callJson, type SendResult } from "./sender";
import {
  afterSave,
  buildPayload,
  choose,
  type Combination,
  combinationComplete,
  EMPTY_SELECTION,
  enterTarget,
  type Favourite,
  missingMessage,
  missingSteps,
  nextOpenStep,
  type ScreenData,
  type Selection,
  type StepId,
  summarise,
  toCombination,
  type TodayRow,
} from "./model";
import type { OutboxItem } from "./outbox-store";
import { useOutbox } from "./use-outbox";
import { useToday } from "./use-today";

export interface ToastState {
  id: string;
  summary: string;
  status: "sending" | "saved" | "pending" | "undoing" | "undone";
  outside?: boolean;
}

export type FocusTarget = StepId | "save";

/** Changes the toast only if it still shows the registration the news is about. */
const patchToast = (id: string, patch: Partial<ToastState>) => (t: ToastState | null) => (t?.id === id ? { ...t, ...patch } : t);

function initialSelection(screen: ScreenData): Selection {
  return { ...EMPTY_SELECTION, channelCode: screen.channels.length === 1 ? screen.channels[0].code : null };
}

function fromRow(row: TodayRow | undefined): Combination | null {
  if (!row?.contactTypeCode || !row.closureCode) return null;
  const { channelCode, taskId, contactTypeCode, closureCode, form } = row;
  return { channelCode, taskId, contactTypeCode, closureCode, form };
}

/** The registration screen's state and every action the panel, keys and lists can take. */
export function useRegistration(screen: ScreenData, userId: string) {
  const [selection, setSelection] = useState<Selection>(() => initialSelection(screen));
  const [toast, setToast] = useState<ToastState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  // The tasks already on the contact being registered (one contact, several tasks: contact.ts).
  const [lines, setLines] = useState<ContactLine[]>([]);
  // A plausibility hint for the choices (lib/quality/entry-hints.ts); gone with the next registration.
  const [hint, setHint] = useState<EntryHint | null>(null);
  // Gentag repeats the last registration of this session, or else today's latest from the server.
  const [last, setLast] = useState<Combination | null>(() => fromRow(screen.today.own[0]));
  const [favourites, setFavourites] = useState<Favourite[]>(screen.favourites);
  const [shortcutsEnabled, setShortcutsEnabled] = useState(screen.shortcutsEnabled);
  const [timerStart, setTimerStart] = useState<string | null>(null);
  // The screen exists to register: focus starts in the first step, so the keys work at once.
  const [focusRequest, setFocusRequest] = useState<{ target: FocusTarget; n: number } | null>(() => ({
    target: nextOpenStep(screen, initialSelection(screen), null) ?? "save",
    n: 0,
  }));
  const { today, addSaved, removeRow, refresh, refreshSoon } = useToday(screen);

  const dismissToast = useCallback(() => setToast(null), []);
  const requestFocus = (target: FocusTarget) => setFocusRequest((r) => ({ target, n: (r?.n ?? 0) + 1 }));
  const updateToast = (id: string, patch: Partial<ToastState>) => setToast(patchToast(id, patch));

  const onResult = useCallback(
    (item: OutboxItem, result: SendResult) => {
      if (result.kind === "created") {
        for (const payload of [item.payload, ...(item.more ?? [])]) addSaved(payload, result);
        setToast(patchToast(item.id, { status: "saved", outside: !result.inCountingWeek }));
      } else if (result.kind === "duplicate") {
        refreshSoon();
        setToast(patchToast(item.id, { status: "saved" }));
      } else if (result.kind === "rejected") {
        setError(`Ikke gemt (${item.summary}): ${result.error}`);
        setToast((t) => (t?.id === item.id ? null : t));
      } else {
        setToast(patchToast(item.id, { status: "pending" }));
        if (result.reason === "session") {
          setError("Du er ikke længere logget ind. Log ind igen: registreringerne venter her og sendes bagefter.");
        }
      }
    },
    [addSaved, refreshSoon],
  );
  const outbox = useOutbox(userId, onResult);

  const takeTiming = () => {
    if (!timerStart) return {};
    setTimerStart(null);
    return { startedAt: timerStart, endedAt: new Date().toISOString() };
  };

  /** Saves one registration, or a contact about several tasks as one unit (one registration per task). */
  const commit = (combination: Combination, ...others: Combination[]) => {
    // The measured time is the contact's: on its first registration only, so it is counted once.
    const payload = buildPayload(screen, combination, takeTiming());
    const more = others.map((c) => ({ ...buildPayload(screen, c), occurredAt: payload.occurredAt }));
    const summary = others.length ? summariseContact(screen, [combination, ...others]) : summarise(screen, combination);
    setError(null);
    setNotice("");
    setHint(null);
    setLines([]);
    setToast({ id: payload.id, summary, status: "sending" });
    // Gentag repeats the latest registration: of a contact, the task saved last.
    setLast(others.at(-1) ?? combination);
    const item = { id: payload.id, userId, unitId: screen.unit.id, payload, summary, queuedAt: payload.occurredAt };
    void outbox.submit(others.length ? { ...item, more } : item);
  };

  const chooseStep = (step: StepId, value: string, advance: boolean) => {
    const next = choose(screen, selection, step, value);
    setSelection(next);
    // Hints only on a choice, never on a keystroke that chooses nothing (the screen's speed).
    setHint((shown) => entryHint(screen.tasks, selection, next) ?? (shown && hintStillApplies(shown, screen.tasks, next) ? shown : null));
    if (advance) requestFocus(nextOpenStep(screen, next, step) ?? "save");
  };

  /** + : the task chosen so far goes on the contact's list; the next task starts with the shared choices. */
  const addTask = () => {
    const result = addLine(screen, lines, selection);
    if ("error" in result) return refuse(result.error, selection.taskId ? "save" : "task");
    setLines(result.lines);
    const next = nextTask(selection);
    setSelection(next);
    setNotice(`${result.lines.length} opgaver i henvendelsen. Vælg den næste opgave, eller gem.`);
    requestFocus("task");
  };

  const removeLine = (taskId: string) => {
    setLines((list) => list.filter((l) => l.taskId !== taskId));
    setNotice("Opgaven er fjernet fra henvendelsen.");
    requestFocus(nextOpenStep(screen, selection, null) ?? "save");
  };

  /**
   * Enter or Gem. From an unanswered optional question (`from`, the step Enter was pressed in),
   * Enter moves on to the next unanswered optional question instead of saving past it; from the
   * last one it saves.
   */
  const save = (from: StepId | null = null) => {
    const single = singleSelection(lines, selection);
    if (single) saveSingle(single, lines.length ? null : from);
    else saveContact();
  };

  /** Nothing saved: say why and go to where it is fixed. */
  const refuse = (message: string, target: FocusTarget) => {
    setNotice(message);
    requestFocus(target);
  };

  /** After a save the channel stays and focus goes to the next choice. */
  const startNext = () => {
    const reset = afterSave(selection);
    setSelection(reset);
    requestFocus(nextOpenStep(screen, reset, null) ?? "save");
  };

  const saveContact = () => {
    const result = contactCombinations(screen, lines, selection);
    if ("error" in result) return refuse(result.error, "task");
    if ("missing" in result) return refuse(missingMessage(screen, result.missing), result.missing[0] ?? "channel");
    const [first, ...others] = result.combinations;
    commit(first, ...others);
    startNext();
  };

  const saveSingle = (chosen: Selection, from: StepId | null) => {
    const missing = missingSteps(screen, chosen);
    const combination = toCombination(chosen);
    if (missing.length || !combination) return refuse(missingMessage(screen, missing), missing[0] ?? "channel");
    const onward = enterTarget(screen, chosen, from);
    if (onward) return requestFocus(onward);
    commit(combination);
    startNext();
  };

  /** Gentag and favourites: save at once, or fill the form when a required answer is missing. */
  const quickSave = (combination: Combination | null) => {
    if (!combination) {
      setNotice("Der er ingen registrering at gentage endnu.");
      return;
    }
    if (combinationComplete(screen, combination)) return commit(combination);
    const filled = { ...EMPTY_SELECTION, ...combination, answers: combination.answers ?? {} };
    setSelection(filled);
    setNotice("Besvar det, der mangler, og gem.");
    requestFocus(missingSteps(screen, filled)[0] ?? "save");
  };

  /** Back to where the next choice is made (after the focused Fortryd button disappears, say). */
  const refocus = () => requestFocus(nextOpenStep(screen, selection, null) ?? "save");

  const undo = async () => {
    if (!toast || (toast.status !== "sending" && toast.status !== "saved" && toast.status !== "pending")) return;
    const { id } = toast;
    updateToast(id, { status: "undoing" });
    refocus();
    const result = await outbox.cancel(id);
    if (result.ok) {
      removeRow(id);
      updateToast(id, { status: "undone" });
    } else {
      setError(result.error ?? "Registreringen kunne ikke fortrydes.");
      updateToast(id, { status: "saved" });
    }
  };

  /** Escape: first the current contact (the channel stays), then the channel too. */
  const clear = () => {
    const s = selection;
    const started = s.taskId || s.contactTypeCode || s.closureCode || s.form !== null || Object.keys(s.answers).length || timerStart;
    const next = started || lines.length ? afterSave(s) : EMPTY_SELECTION;
    setSelection(next);
    setLines([]);
    setHint(null);
    setTimerStart(null);
    setError(null);
    setNotice(started ? "Valgene er ryddet." : "Alle valg er ryddet.");
    requestFocus(nextOpenStep(screen, next, null) ?? "channel");
  };

  const toggleTimer = () => setTimerStart((start) => (start ? null : new Date().toISOString()));

  const addFavourite = async (name: string) => {
    const c = toCombination(selection);
    if (!c) return "Vælg kanal, opgave, type og afslutning først.";
    const result = await callJson("/api/favourites", "POST", { unitId: screen.unit.id, name, ...c, answers: undefined });
    if (!result.ok) return result.error;
    setFavourites((list) => [...list, result.data as Favourite]);
    setNotice(`Favoritten "${name}" er gemt.`);
    // Back to the registration, where the next key picks the next choice.
    requestFocus(nextOpenStep(screen, selection, null) ?? "save");
    return null;
  };

  const deleteFavourite = async (favourite: Favourite) => {
    const result = await callJson(`/api/favourites/${favourite.id}`, "DELETE");
    if (!result.ok) return setError(result.error);
    setFavourites((list) => list.filter((f) => f.id !== favourite.id));
    setNotice(`Favoritten "${favourite.name}" er slettet.`);
  };

  const setShortcuts = async (enabled: boolean) => {
    setShortcutsEnabled(enabled);
    const result = await callJson("/api/settings", "PUT", { shortcutsEnabled: enabled });
    if (!result.ok) {
      setShortcutsEnabled(!enabled);
      setError(result.error);
    }
  };

  return {
    screen,
    selection,
    lines,
    hint,
    addTask,
    removeLine,
    toast,
    dismissToast,
    error,
    setError,
    notice,
    last,
    favourites,
    shortcutsEnabled,
    timerStart,
    focusRequest,
    today,
    pending: outbox.pending,
    removeRow,
    refreshToday: refresh,
    chooseStep,
    save,
    repeat: () => quickSave(last),
    registerFavourite: (f: Favourite) => quickSave(f),
    undo,
    clear,
    toggleTimer,
    addFavourite,
    deleteFavourite,
    setShortcuts,
    requestFocus,
    refocus,
    /** A message in the panel's status line (read out by screen readers), e.g. after a correction. */
    announce: setNotice,
  };
}
export type Registration = ReturnType<typeof useRegistration>;
