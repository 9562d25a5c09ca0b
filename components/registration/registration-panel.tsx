"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { FORM_OPTIONS, KEY_CLEAR, KEY_SAVE, keyCap, keysFor, orderedChannels } from "./keys";
import { asksForm, type StepId } from "./model";
import { type OptionGroup, OptionStep, type StepKeys } from "./option-step";
import { QuickBar } from "./quick-bar";
import { SaveToast } from "./save-toast";
import { TaskStep } from "./task-step";
import { Timer } from "./timer";
import type { FocusTarget, Registration } from "./use-registration";
import { useShortcuts } from "./use-shortcuts";

function focusTarget(root: HTMLElement, target: FocusTarget) {
  const el =
    target === "save"
      ? root.querySelector<HTMLElement>("[data-save]")
      : (root.querySelector<HTMLElement>(`[data-step="${target}"] input[type="radio"]:checked`) ??
        root.querySelector<HTMLElement>(`[data-step="${target}"] input[type="radio"]`));
  el?.focus();
}

/**
 * The registration panel. The keys are handled on the whole page (use-shortcuts.ts): single keys
 * act wherever focus is outside a text field or dialog, and not at all when the user has switched
 * them off; Enter and Escape always work. The active step's badge says what a key will do there.
 */
export function RegistrationPanel({ reg }: { reg: Registration }) {
  const { screen, selection } = reg;
  const root = useRef<HTMLElement>(null);
  const keys = reg.shortcutsEnabled;

  // Before useShortcuts: a replayed key must see the focus the key before it moved.
  useEffect(() => {
    if (reg.focusRequest && root.current) focusTarget(root.current, reg.focusRequest.target);
  }, [reg.focusRequest]);
  const { activeStep, focus, prefix } = useShortcuts(reg);
  const badge: StepKeys = { enabled: keys, paused: focus.paused, prefix };

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
        badge={badge}
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
          keys={keysFor(screen, "task")}
          value={selection.taskId}
          active={activeStep === "task"}
          showKeys={keys}
          badge={badge}
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
