"use client";

import { type ComponentProps, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { FORM_OPTIONS, KEY_CLEAR, KEY_SAVE, keyCap, keysFor, orderedChannels } from "./keys";
import { AddTaskButton, ContactLines, EntryHintNote } from "./contact-lines";
import { asksForm, type FocusTarget, type StepId } from "./model";
import { type OptionGroup, OptionStep, type StepKeys } from "./option-step";
import { QuickBar } from "./quick-bar";
import { SaveToast } from "./save-toast";
import { TaskStep } from "./task-step";
import { Timer } from "./timer";
import type { Registration } from "./use-registration";
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

  const step = (
    id: StepId,
    legend: string,
    groups: OptionGroup[],
    value: string | null,
    layout: Pick<ComponentProps<typeof OptionStep>, "stackGroups" | "tiles"> = {},
  ) => {
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
        {...layout}
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
  ].map((g) => ({
    label: g.label,
    options: g.options.map((t) => ({ value: t.code, label: t.label, tone: t.code === "FEJL" ? ("warning" as const) : undefined })),
  }));

  // From 1280 px the whole registration fits one screen for a unit with 12 channels and 24 tasks
  // (tests/e2e/registration-fit.spec.ts): three columns in the order of the steps, the quick bar,
  // Kanal and Gem; Opgave; the short steps. From 1024 px (a landscape tablet) the same three columns, tighter.
  // Narrower, the steps stack and Gem's bar sticks to the bottom. The DOM keeps the steps' order
  // (reading and tab order); only grid placement moves them.
  return (
    <section ref={root} aria-labelledby="panel-heading" data-registration-panel="">
      <h2 id="panel-heading" className="sr-only">
        Registrér en henvendelse
      </h2>
      <form
        aria-label="Ny registrering"
        className="grid items-start gap-3 lg:grid-cols-[minmax(0,15rem)_minmax(0,1fr)_minmax(0,13rem)] lg:grid-rows-[auto_auto_1fr] lg:gap-2 xl:grid-cols-[minmax(0,17rem)_minmax(0,1fr)_minmax(0,22rem)] xl:gap-2.5"
        onSubmit={(e) => {
          e.preventDefault();
          reg.save();
        }}
      >
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <QuickBar reg={reg} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-start-2">
          {step("channel", "Kanal", channelGroups, selection.channelCode, { stackGroups: true, tiles: "channel" })}
        </div>
        <div className="min-w-0 lg:col-start-2 lg:row-span-3 lg:row-start-1">
          <TaskStep
            tasks={screen.tasks}
            keys={keysFor(screen, "task")}
            value={selection.taskId}
            active={activeStep === "task"}
            showKeys={keys}
            badge={badge}
            onChoose={(v, advance) => reg.chooseStep("task", v, advance)}
          />
        </div>
        <div className="min-w-0 space-y-3 lg:col-start-3 lg:row-span-3 lg:row-start-1 lg:space-y-2">
          {step("type", "Type", typeGroups, selection.contactTypeCode, { stackGroups: true, tiles: "type" })}
          <div
            className={cn("grid gap-3 lg:gap-2", asksForm(screen, selection.channelCode) && "sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2")}
          >
            {step(
              "closure",
              "Afslutning",
              [{ options: screen.closures.map((c) => ({ value: c.code, label: c.label })) }],
              selection.closureCode,
            )}
            {asksForm(screen, selection.channelCode)
              ? step("form", "Blanket", [{ options: FORM_OPTIONS }], selection.form === null ? null : String(selection.form), {
                  tiles: "form",
                })
              : null}
          </div>
          {screen.questions.map((q) =>
            step(
              `q:${q.id}`,
              q.required ? `${q.text} (skal besvares)` : q.text,
              [{ options: q.options.map((o) => ({ value: o.id, label: o.label })) }],
              selection.answers[q.id] ?? null,
              { tiles: "answer" },
            ),
          )}
        </div>
        {/* Gem never moves: the toast appears below the buttons. From 1024 px the bar sits under Kanal. */}
        <div className="sticky bottom-0 z-10 -mx-1 flex min-w-0 flex-wrap items-center gap-3 border-t border-slate-300 bg-slate-50 px-1 py-3 lg:static lg:col-start-1 lg:row-start-3 lg:mx-0 lg:gap-2 lg:border-t-0 lg:px-0 lg:py-0">
          <Button
            type="submit"
            data-save=""
            className="min-h-12 px-6 text-lg lg:min-h-11 lg:px-4 lg:text-base xl:px-5 xl:text-lg"
            aria-keyshortcuts={KEY_SAVE}
          >
            Gem <Kbd>{keyCap(KEY_SAVE)}</Kbd>
          </Button>
          <Button variant="secondary" onClick={reg.clear} aria-keyshortcuts={KEY_CLEAR}>
            Ryd <Kbd>{keyCap(KEY_CLEAR)}</Kbd>
          </Button>
          <AddTaskButton reg={reg} showKey={keys} />
          {screen.unit.timeMeasurement ? <Timer start={reg.timerStart} onToggle={reg.toggleTimer} showKey={keys} /> : null}
          {/* Beside the buttons in the bar; on its own line in the narrow column from 1024 px. */}
          <p role="status" className="min-w-0 flex-1 text-slate-700 empty:hidden lg:basis-full">
            {reg.notice}
          </p>
          <div className="w-full space-y-2">
            <ContactLines reg={reg} />
            <SaveToast reg={reg} showKey={keys} />
            <EntryHintNote reg={reg} />
          </div>
        </div>
      </form>
    </section>
  );
}
