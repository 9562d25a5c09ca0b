"use client";

import { useId } from "react";
import { FAVOURITE_KEYS, KEY_CLEAR, KEY_REPEAT, KEY_SAVE, KEY_SEARCH, KEY_UNDO, keyCap } from "./keys";
import type { Registration } from "./use-registration";

/** The user's own switch for single-key shortcuts (WCAG 2.1.4), saved on their account. */
export function ShortcutSetting({ reg }: { reg: Registration }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="rounded-md border border-slate-300 bg-white p-3">
      <div className="flex min-h-11 items-center gap-3">
        <input
          id={id}
          type="checkbox"
          checked={reg.shortcutsEnabled}
          onChange={(e) => void reg.setShortcuts(e.target.checked)}
          aria-describedby={hintId}
          className="size-6 shrink-0 accent-brand-700"
        />
        <label htmlFor={id} className="font-medium">
          Genvejstaster med én tast
        </label>
      </div>
      <p id={hintId} className="text-sm text-slate-700">
        Tasten på feltet vælger i det aktive trin, {keyCap(KEY_REPEAT)} gentager, {keyCap(FAVOURITE_KEYS[0])}–
        {keyCap(FAVOURITE_KEYS[FAVOURITE_KEYS.length - 1])} er favoritter, {keyCap(KEY_UNDO)} fortryder og {KEY_SEARCH} søger opgave.
        Tasterne virker overalt på siden, undtagen når du skriver i et tekstfelt. {keyCap(KEY_SAVE)} gemmer og {keyCap(KEY_CLEAR)} rydder
        altid.
      </p>
    </div>
  );
}
