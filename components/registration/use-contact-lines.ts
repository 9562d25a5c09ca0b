"use client";

import { useEffect, useRef, useState } from "react";
import { addLine, type ContactLine, contactCombinations, listedContact, nextTask, taskCount } from "./contact";
import { decodeDraft, draftKey, encodeDraft } from "./contact-draft";
import { afterSave, type Combination, type FocusTarget, missingMessage, nextOpenStep, type ScreenData, type Selection } from "./model";

/** What the contact's list needs from the registration screen's state (use-registration.ts). */
interface Host {
  screen: ScreenData;
  userId: string;
  selection: Selection;
  setSelection: (selection: Selection) => void;
  /** A message in the panel's status line, and focus where the next choice is made. */
  tell: (message: string, target: FocusTarget) => void;
  /** Saves the combinations as one contact: one registration per task, one outbox item. */
  commit: (combinations: Combination[]) => void;
}

/** This tab's stored draft under `key`; storage can be refused (a private window, a full quota): then there is none. */
function readDraft(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeDraft(key: string, value: string | null) {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Without storage the contact lives as long as the screen, as it did before drafts were kept.
  }
}

/** What saving the list before Gentag or a favourite did, for the status line. */
type ListedFirst = { saved: string; target: FocusTarget } | { kept: string; target: FocusTarget } | null;

/**
 * The tasks on the contact being registered (one contact, several tasks: contact.ts) and every way
 * the list changes. Only three things empty it: Gem (it is saved), Ryd/Escape (`discard`, the
 * registrant's choice, announced by the caller) and Gentag/favourites (`saveListedFirst`: it is saved
 * first, as its own contact). Nothing else may drop it, so no listed task is ever lost unsaid: leaving
 * the screen (a reload, another page, another unit) keeps it as this tab's draft, and the screen puts
 * it back when it opens again on the same day (contact-draft.ts).
 */
export function useContactLines({ screen, userId, selection, setSelection, tell, commit }: Host) {
  const [lines, setLines] = useState<ContactLine[]>([]);
  const key = draftKey(userId, screen.unit.id);
  // Nothing is written before the stored draft has been read, or the empty first render would erase it.
  const restored = useRef(false);
  // The first render's values: the draft is restored once, when the screen opens (it is keyed by unit).
  const opening = useRef({ screen, tell, setSelection });

  useEffect(() => {
    const draft = decodeDraft(opening.current.screen, readDraft(key), new Date());
    restored.current = true;
    if (!draft) {
      // Another day's, unreadable, or its tasks gone from the unit: not offered, so not kept either.
      writeDraft(key, null);
      return;
    }
    // Storage is read after hydration (the server has none), so the list is put back in an effect.
    setLines(draft.lines);
    opening.current.setSelection(draft.selection);
    opening.current.tell(
      `Hentet frem igen: henvendelsen med ${taskCount(draft.lines.length)} er ikke gemt endnu.`,
      nextOpenStep(opening.current.screen, draft.selection, null) ?? "save",
    );
  }, [key]);

  useEffect(() => {
    if (restored.current) writeDraft(key, encodeDraft(lines, selection, new Date()));
  }, [key, lines, selection]);

  /** + : the task chosen so far goes on the contact's list; the next task starts with the shared choices. */
  const addTask = () => {
    const result = addLine(screen, lines, selection);
    if ("error" in result) return tell(result.error, selection.taskId ? "save" : "task");
    setLines(result.lines);
    setSelection(nextTask(selection));
    tell(`${result.lines.length} opgaver i henvendelsen. Vælg den næste opgave, eller gem.`, "task");
  };

  const removeLine = (taskId: string) => {
    setLines((list) => list.filter((l) => l.taskId !== taskId));
    tell("Opgaven er fjernet fra henvendelsen.", nextOpenStep(screen, selection, null) ?? "save");
  };

  /** Gem with several tasks: the list and the task being chosen as one contact. False when nothing was saved. */
  const saveContact = (): boolean => {
    const result = contactCombinations(screen, lines, selection);
    if ("error" in result) {
      tell(result.error, "task");
      return false;
    }
    if ("missing" in result) {
      tell(missingMessage(screen, result.missing), result.missing[0] ?? "channel");
      return false;
    }
    commit(result.combinations);
    setLines([]);
    return true;
  };

  /**
   * Before Gentag or a favourite: the listed tasks are saved as their own contact when they can be
   * (contact.ts, listedContact), else they stay listed and the caller says what is missing.
   */
  const saveListedFirst = (): ListedFirst => {
    const listed = listedContact(screen, lines, selection);
    if (!listed) return null;
    if ("missing" in listed) {
      const kept = `Henvendelsen med ${taskCount(lines.length)} er ikke gemt endnu. ${missingMessage(screen, listed.missing)}`;
      return { kept, target: listed.missing[0] ?? "channel" };
    }
    commit(listed.combinations);
    setLines([]);
    // The task being chosen went with the contact: the form starts over, as after Gem.
    const next = listed.keepsChosen ? selection : afterSave(selection);
    setSelection(next);
    return {
      saved: `Henvendelsen med ${taskCount(listed.combinations.length)} er gemt`,
      target: nextOpenStep(screen, next, null) ?? "save",
    };
  };

  /** Ryd/Escape empties the list unsaved (the registrant's choice): how many tasks it held, to announce it. */
  const discard = (): number => {
    setLines([]);
    return lines.length;
  };

  return { lines, addTask, removeLine, saveContact, saveListedFirst, discard };
}
