"use client";

import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { describeLine } from "./contact";
import { KEY_ADD_TASK, keyCap } from "./keys";
import type { Registration } from "./use-registration";

/** «Tilføj opgave»: the button for + (one contact, several tasks). Beside Ryd; Gem never moves. */
export function AddTaskButton({ reg, showKey }: { reg: Registration; showKey: boolean }) {
  return (
    <Button variant="secondary" onClick={reg.addTask} aria-keyshortcuts={showKey ? KEY_ADD_TASK : undefined} data-add-task="">
      Tilføj opgave {showKey ? <Kbd>{keyCap(KEY_ADD_TASK)}</Kbd> : null}
    </Button>
  );
}

/**
 * The tasks already on the contact being registered, under the buttons (nothing above them moves),
 * each removable. Gem saves them and the task being chosen as one registration per task.
 */
export function ContactLines({ reg }: { reg: Registration }) {
  if (!reg.lines.length) return null;
  return (
    <section
      aria-labelledby="contact-lines-heading"
      data-contact-lines={reg.lines.length}
      className="rounded-md border-2 border-brand-700 bg-brand-50 px-3 py-2"
    >
      <h3 id="contact-lines-heading" className="font-semibold lg:text-sm">
        Henvendelsen gælder også
      </h3>
      <ul className="mt-1 space-y-1">
        {reg.lines.map((line) => (
          <li key={line.taskId} className="flex flex-wrap items-center justify-between gap-2 lg:text-sm">
            <span>{describeLine(reg.screen, line)}</span>
            <Button variant="ghost" className="underline" onClick={() => reg.removeLine(line.taskId)}>
              Fjern<span className="sr-only"> {describeLine(reg.screen, line)}</span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A plausibility hint (lib/quality/entry-hints.ts): announced politely, never blocking Gem. */
export function EntryHintNote({ reg }: { reg: Registration }) {
  return (
    <div role="status" data-entry-hint={reg.hint?.rule ?? ""}>
      {reg.hint ? (
        <p className="rounded-md border-2 border-amber-700 bg-amber-50 px-3 py-2 text-slate-900 lg:text-sm">
          <span className="font-semibold">Tjek lige: </span>
          {reg.hint.text}
        </p>
      ) : null}
    </div>
  );
}
