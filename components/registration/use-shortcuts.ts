"use client";

import { useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";
import { takeBufferedKeys, TYPING_SELECTOR } from "./key-buffer";
import {
  FAVOURITE_KEYS,
  KEY_ADD_TASK,
  KEY_CLEAR,
  KEY_REPEAT,
  KEY_SAVE,
  KEY_SEARCH,
  KEY_TIMER,
  KEY_UNDO,
  keysFor,
  resolveKey,
} from "./keys";
import { nextOpenStep, type StepId } from "./model";
import type { Registration } from "./use-registration";

/** Where focus is, as far as the keys are concerned. */
export interface KeyFocus {
  /** The step whose tile has focus, or null when focus is elsewhere on the page. */
  step: StepId | null;
  /** Focus is in a text field or a dialog: single keys are text there, and do nothing here. */
  paused: boolean;
}

function focusOf(element: Element | null): KeyFocus {
  if (!element || !(element instanceof Element)) return { step: null, paused: false };
  const paused = Boolean(element.closest(TYPING_SELECTOR) || element.closest("dialog"));
  const step = (element.closest("[data-registration-panel] [data-step]")?.getAttribute("data-step") as StepId | null) ?? null;
  return { step, paused };
}

/** A key the loading page would have buffered (key-buffer.ts): the same keys may wait for a replay. */
function joinsReplay(key: string, target: Element | null, modified: boolean): boolean {
  if (modified || (key.length !== 1 && key !== "Enter" && key !== "Escape")) return false;
  return !target?.closest(TYPING_SELECTOR) && !target?.closest("dialog");
}

/**
 * The registration screen's keyboard. One listener on the document, so the keys work wherever focus
 * is on the page (a tile, Gentag, a favourite's button, the list of today's registrations, or
 * nothing) except in a text field or a dialog — and the step badge shows exactly that (`focus`,
 * `prefix`). Keys typed before the screen was interactive were buffered by the page's inline
 * script (key-buffer.ts) and are replayed here one at a time, each after the screen has caught up
 * with the one before, so they land exactly as if typed now.
 *
 * Single-character keys can be switched off (WCAG 2.1.4); Enter and Escape always work.
 */
export function useShortcuts(reg: Registration) {
  const [focus, setFocus] = useState<KeyFocus>({ step: null, paused: false });
  const [prefix, setPrefix] = useState("");
  const prefixRef = useRef("");
  const queue = useRef<string[]>([]);
  /** Replayed keys are still being applied (see the replay effect below). */
  const replaying = useRef(false);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const { screen, selection } = reg;
  const activeStep = focus.step ?? nextOpenStep(screen, selection, null);

  const changePrefix = (value: string) => {
    prefixRef.current = value;
    setPrefix(value);
  };

  /** Handles one key; true when it did something (the caller then stops the browser's default). */
  const handle = (rawKey: string, target: Element | null, modified: boolean, replay = false): boolean => {
    const at = focusOf(target);
    if (target?.closest("dialog")) return false;
    const typing = at.paused;
    const step = at.step ?? nextOpenStep(screen, selection, null);
    if (rawKey === KEY_CLEAR && !typing) {
      if (prefixRef.current) changePrefix("");
      else reg.clear();
      return true;
    }
    if (rawKey === KEY_SAVE) {
      if (typing) return false;
      if (target?.matches("button, a, summary, [role='button']")) {
        // Live, the browser presses the focused button; a replayed Enter must do it itself.
        if (replay) (target as HTMLElement).click();
        return replay;
      }
      changePrefix("");
      reg.save(at.step);
      return true;
    }
    if (!reg.shortcutsEnabled || typing || modified || rawKey.length !== 1) return false;
    const key = rawKey.toLowerCase();
    if (step) {
      const result = resolveKey(keysFor(screen, step), prefixRef.current, key);
      if (result.kind === "choose") {
        changePrefix("");
        reg.chooseStep(step, result.value, true);
        return true;
      }
      if (result.kind === "prefix") {
        changePrefix(result.typed);
        return true;
      }
    }
    if (prefixRef.current) changePrefix(""); // a key that continues no choice ends the prefix
    if (key === KEY_SEARCH) {
      document.querySelector<HTMLElement>("[data-registration-panel] [data-task-search]")?.focus();
      return true;
    }
    if (key === KEY_ADD_TASK) {
      reg.addTask();
      return true;
    }
    if (key === KEY_REPEAT) {
      reg.repeat();
      return true;
    }
    if (key === KEY_UNDO) {
      void reg.undo();
      return true;
    }
    if (key === KEY_TIMER && screen.unit.timeMeasurement) {
      reg.toggleTimer();
      return true;
    }
    const favourite = reg.favourites[(FAVOURITE_KEYS as readonly string[]).indexOf(key)];
    if (favourite) {
      reg.registerFavourite(favourite);
      return true;
    }
    return false;
  };

  // The listener reads the latest render's handler (state, selection, favourites).
  const handler = useRef(handle);
  useLayoutEffect(() => {
    handler.current = handle;
  });

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const modified = e.ctrlKey || e.metaKey || e.altKey;
      if (replaying.current && joinsReplay(e.key, e.target as Element | null, modified)) {
        // Buffered keys are still being replayed, or the last one's result is not rendered yet:
        // this key waits its turn, so it sees the screen as the keys typed before it left it.
        queue.current.push(e.key);
        e.preventDefault();
        return;
      }
      if (handler.current(e.key, e.target as Element | null, modified)) e.preventDefault();
    };
    const onFocus = () => setFocus(focusOf(document.activeElement));
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("focusout", onFocus);
    // Keys typed before this moment (the page was still loading) go first, in order.
    // The replay effect below runs right after this one.
    queue.current.push(...takeBufferedKeys());
    onFocus();
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("focusin", onFocus);
      document.removeEventListener("focusout", onFocus);
    };
  }, []);

  // Replays one buffered key per render: each key sees the screen as the key before left it
  // (the step it moved focus to, the selection it made), then the next render takes the next key.
  // Until the render after the last replayed key, keys typed live join the queue (onKeyDown): a
  // replayed key's state update renders later than a typed key's, so a key typed in between would
  // otherwise act on the screen as it was before the replayed key (seen on CI: a task key taken
  // as a channel key, and nothing saved).
  useEffect(() => {
    replaying.current = false;
    while (queue.current.length) {
      if (handler.current(queue.current.shift()!, document.activeElement, false, true)) {
        replaying.current = true;
        queueMicrotask(rerender); // also when the key changed no state: the next key needs a render
        break;
      }
    }
  });

  return { activeStep, focus, prefix };
}
