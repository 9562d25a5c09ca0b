"use client";

import { useCallback, useState } from "react";
import { type EntryHint, entryHint, hintStillApplies } from "@/lib/quality/entry-hints";
import { summariseContact, taskCount } from "./contact";
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
  type FocusTarget,
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
import { useContactLines } from "./use-contact-lines";
import { useOutbox } from "./use-outbox";
import { useToday } from "./use-today";

export interface ToastState {
  id: string;
  summary: string;
  status: "sending" | "saved" | "pending" | "undoing" | "undone";
  outside?: boolean;
}

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

  /** A message in the status line, and focus where it is acted on (why nothing was saved: where it is fixed). */
  const tell = (message: string, target: FocusTarget) => {
    setNotice(message);
    requestFocus(target);
  };

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

  /**
   * Saves one registration, or a contact about several tasks as one unit (one registration per task).
   * The measured time is the contact's: on its first registration only, so it is counted once; a
   * second save in the same action passes `timing` ({}), as the first one took the time.
   */
  const commit = ([combination, ...others]: Combination[], timing = takeTiming()) => {
    const payload = buildPayload(screen, combination, timing);
    const more = others.map((c) => ({ ...buildPayload(screen, c), occurredAt: payload.occurredAt }));
    const summary = others.length ? summariseContact(screen, [combination, ...others]) : summarise(screen, combination);
    setError(null);
    setNotice("");
    setHint(null);
    setToast({ id: payload.id, summary, status: "sending" });
    // Gentag repeats the latest registration: of a contact, the task saved last.
    setLast(others.at(-1) ?? combination);
    const item = { id: payload.id, userId, unitId: screen.unit.id, payload, summary, queuedAt: payload.occurredAt };
    void outbox.submit(others.length ? { ...item, more } : item);
  };
  const contact = useContactLines({ screen, userId, selection, setSelection, tell, commit });

  const chooseStep = (step: StepId, value: string, advance: boolean) => {
    const next = choose(screen, selection, step, value);
    setSelection(next);
    // Hints only on a choice, never on a keystroke that chooses nothing (the screen's speed).
    setHint((shown) => entryHint(screen.tasks, selection, next) ?? (shown && hintStillApplies(shown, screen.tasks, next) ? shown : null));
    if (advance) requestFocus(nextOpenStep(screen, next, step) ?? "save");
  };

  /**
   * Enter or Gem. From an unanswered optional question (`from`, the step Enter was pressed in),
   * Enter moves on to the next unanswered optional question instead of saving past it; from the
   * last one it saves.
   */
  const save = (from: StepId | null = null) => {
    if (!contact.lines.length) return saveSingle(selection, from);
    if (contact.saveContact()) startNext();
  };

  /** After a save the channel stays and focus goes to the next choice. */
  const startNext = () => {
    const reset = afterSave(selection);
    setSelection(reset);
    requestFocus(nextOpenStep(screen, reset, null) ?? "save");
  };

  const saveSingle = (chosen: Selection, from: StepId | null) => {
    const missing = missingSteps(screen, chosen);
    const combination = toCombination(chosen);
    if (missing.length || !combination) return tell(missingMessage(screen, missing), missing[0] ?? "channel");
    const onward = enterTarget(screen, chosen, from);
    if (onward) return requestFocus(onward);
    commit([combination]);
    startNext();
  };

  /**
   * Gentag and favourites: save at once, or fill the form when a required answer is missing. Tasks
   * on the contact's list are saved first, as their own contact (use-contact-lines.ts), and the
   * status line names both; a list that cannot be saved yet stays, and the line says what it lacks.
   * `what` names the quick registration there: «Favoritten "Pas"», «Gentagelsen».
   */
  const quickSave = (combination: Combination | null, what: string) => {
    if (!combination) return setNotice("Der er ingen registrering at gentage endnu.");
    const complete = combinationComplete(screen, combination);
    const listed = contact.saveListedFirst();
    const listSaved = listed && "saved" in listed ? listed.saved : null;
    // An incomplete favourite fills the form, and listed tasks still take their choices from it.
    if (listed && "kept" in listed && !complete) return tell(`${listed.kept} Gem eller ryd den, og prøv så igen.`, listed.target);
    if (!complete) {
      const filled = { ...EMPTY_SELECTION, ...combination, answers: combination.answers ?? {} };
      setSelection(filled);
      const asked = "Besvar det, der mangler, og gem.";
      return tell(listSaved ? `${listSaved} · ${what} mangler et svar. ${asked}` : asked, missingSteps(screen, filled)[0] ?? "save");
    }
    // The timer measures the listed contact: the quick registration never takes its time.
    commit([combination], listed ? {} : undefined);
    if (!listed) return;
    tell("saved" in listed ? `${listed.saved} · ${what} er gemt som en ny henvendelse.` : `${what} er gemt. ${listed.kept}`, listed.target);
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

  /** Escape or Ryd: first the current contact and its listed tasks (the channel stays), then the channel too. */
  const clear = () => {
    const s = selection;
    const started = s.taskId || s.contactTypeCode || s.closureCode || s.form !== null || Object.keys(s.answers).length || timerStart;
    // The listed tasks go unsaved: the registrant's choice, and the status line says so.
    const dropped = contact.discard();
    const next = started || dropped ? afterSave(s) : EMPTY_SELECTION;
    setSelection(next);
    setHint(null);
    setTimerStart(null);
    setError(null);
    const cleared = dropped ? `Ryddet: henvendelsen med ${taskCount(dropped)} er ikke gemt.` : null;
    setNotice(cleared ?? (started ? "Valgene er ryddet." : "Alle valg er ryddet."));
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
    lines: contact.lines,
    hint,
    addTask: contact.addTask,
    removeLine: contact.removeLine,
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
    repeat: () => quickSave(last, "Gentagelsen"),
    registerFavourite: (f: Favourite) => quickSave(f, `Favoritten "${f.name}"`),
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
