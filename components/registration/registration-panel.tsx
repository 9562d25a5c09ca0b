"use client";

import { type FocusEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import {
  FAVOURITE_KEYS,
  FORM_OPTIONS,
  KEY_CLEAR,
  KEY_REPEAT,
  KEY_SAVE,
  KEY_SEARCH,
  KEY_TIMER,
  KEY_UNDO,
  keyCap,
  keysFor,
  orderedChannels,
  valueForKey,
} from "./keys";
import { asksForm, nextOpenStep, type StepId } from "./model";
import { type OptionGroup, OptionStep } from "./option-step";
import { QuickBar } from "./quick-bar";
import { SaveToast } from "./save-toast";
import { TaskStep } from "./task-step";
import { Timer } from "./timer";
import type { FocusTarget, Registration } from "./use-registration";

const TYPING = 'input:not([type="radio"]):not([type="checkbox"]), textarea, select, [contenteditable="true"]';

function focusTarget(root: HTMLElement, target: FocusTarget) {
  const el =
    target === "save"
      ? root.querySelector<HTMLElement>("[data-save]")
      : (root.querySelector<HTMLElement>(`[data-step="${target}"] input[type="radio"]:checked`) ??
        root.querySelector<HTMLElement>(`[data-step="${target}"] input[type="radio"]`));
  el?.focus();
}

/**
 * The registration panel. Single-key shortcuts are handled here, on the panel, so they only act
 * while focus is inside it (WCAG 2.1.4), never while typing in a field, and not at all when the
 * user has switched them off. Enter and Escape are not single-character keys and always work.
 */
export function RegistrationPanel({ reg }: { reg: Registration }) {
  const { screen, selection } = reg;
  const root = useRef<HTMLElement>(null);
  const [focusedStep, setFocusedStep] = useState<StepId | null>(null);
  const activeStep = focusedStep ?? nextOpenStep(screen, selection, null);
  const keys = reg.shortcutsEnabled;

  useEffect(() => {
    if (reg.focusRequest && root.current) focusTarget(root.current, reg.focusRequest.target);
  }, [reg.focusRequest]);

  const onFocus = (e: FocusEvent) => {
    setFocusedStep(((e.target as HTMLElement).closest("[data-step]")?.getAttribute("data-step") as StepId | null) ?? null);
  };
  const onBlur = (e: FocusEvent) => {
    if (!root.current?.contains(e.relatedTarget as Node | null)) setFocusedStep(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.defaultPrevented || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    const typing = target.matches(TYPING);
    if (e.key === KEY_CLEAR && !typing) {
      e.preventDefault();
      reg.clear();
    } else if (e.key === KEY_SAVE && !typing && !target.matches("button, a, summary")) {
      e.preventDefault();
      reg.save();
    }
    if (!keys || typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    const handled = (action: () => void) => {
      e.preventDefault();
      action();
    };
    if (/^[0-9]$/.test(key)) {
      const value = activeStep ? valueForKey(screen, activeStep, key) : null;
      if (activeStep && value) handled(() => reg.chooseStep(activeStep, value, true));
    } else if (key === KEY_SEARCH) {
      handled(() => root.current?.querySelector<HTMLElement>("[data-task-search]")?.focus());
    } else if (key === KEY_REPEAT) {
      handled(reg.repeat);
    } else if (key === KEY_UNDO) {
      handled(() => void reg.undo());
    } else if (key === KEY_TIMER && screen.unit.timeMeasurement) {
      handled(reg.toggleTimer);
    } else {
      const index = (FAVOURITE_KEYS as readonly string[]).indexOf(key);
      const favourite = reg.favourites[index];
      if (favourite) handled(() => reg.registerFavourite(favourite));
    }
  };

  const step = (id: StepId, legend: string, groups: OptionGroup[], value: string | null) => {
    const hints = keysFor(screen, id);
    const withKeys = groups.map((g) => ({ ...g, options: g.options.map((o) => ({ ...o, keyHint: hints.get(o.value) })) }));
    return (
      <OptionStep
        step={id}
        legend={legend}
        groups={withKeys}
        value={value}
        active={activeStep === id}
        showKeys={keys}
        onChoose={(v, advance) => reg.chooseStep(id, v, advance)}
      />
    );
  };

  const channels = orderedChannels(screen);
  const channelGroups = (["IN", "OUT"] as const)
    .map((direction) => ({
      label: direction === "IN" ? "Ind" : "Ud",
      options: channels.filter((c) => c.direction === direction).map((c) => ({ value: c.code, label: c.name })),
    }))
    .filter((g) => g.options.length);
  const typeGroups = [
    { label: "Sagsspecifik", options: screen.contactTypes.filter((t) => t.group !== "GENERAL_INFORMATION") },
    { label: "Generel information", options: screen.contactTypes.filter((t) => t.group === "GENERAL_INFORMATION") },
  ].map((g) => ({ label: g.label, options: g.options.map((t) => ({ value: t.code, label: t.label, tone: t.code === "FEJL" ? ("warning" as const) : undefined })) }));

  return (
    <section
      ref={root}
      aria-labelledby="panel-heading"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      data-registration-panel=""
      className="space-y-4"
    >
      <h2 id="panel-heading" className="sr-only">
        Registrér en henvendelse
      </h2>
      <QuickBar reg={reg} />
      <form
        aria-label="Ny registrering"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          reg.save();
        }}
      >
        {step("channel", "Kanal", channelGroups, selection.channelCode)}
        <TaskStep
          tasks={screen.tasks}
          value={selection.taskId}
          active={activeStep === "task"}
          showKeys={keys}
          onChoose={(v, advance) => reg.chooseStep("task", v, advance)}
        />
        {step("type", "Type", typeGroups, selection.contactTypeCode)}
        <div className="grid gap-3 md:grid-cols-2">
          {step("closure", "Afslutning", [{ options: screen.closures.map((c) => ({ value: c.code, label: c.label })) }], selection.closureCode)}
          {asksForm(screen, selection.channelCode)
            ? step("form", "Blanket", [{ options: FORM_OPTIONS }], selection.form === null ? null : String(selection.form))
            : null}
        </div>
        {screen.questions.map((q) =>
          step(
            `q:${q.id}`,
            q.required ? `${q.text} (skal besvares)` : q.text,
            [{ options: q.options.map((o) => ({ value: o.id, label: o.label })) }],
            selection.answers[q.id] ?? null,
          ),
        )}
        <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center gap-3 border-t border-slate-300 bg-slate-50 px-1 py-3">
          <div className="w-full">
            <SaveToast reg={reg} showKey={keys} />
          </div>
          <Button type="submit" data-save="" className="min-h-12 px-6 text-lg" aria-keyshortcuts={KEY_SAVE}>
            Gem <Kbd>{keyCap(KEY_SAVE)}</Kbd>
          </Button>
          <Button variant="secondary" onClick={reg.clear} aria-keyshortcuts={KEY_CLEAR}>
            Ryd <Kbd>{keyCap(KEY_CLEAR)}</Kbd>
          </Button>
          {screen.unit.timeMeasurement ? <Timer start={reg.timerStart} onToggle={reg.toggleTimer} showKey={keys} /> : null}
          <p role="status" className="min-w-0 flex-1 text-slate-800">
            {reg.notice}
          </p>
        </div>
      </form>
    </section>
  );
}
