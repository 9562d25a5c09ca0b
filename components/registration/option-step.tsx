"use client";

import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { keyCap, sequenceCap } from "./keys";
import type { StepId } from "./model";

/** What the keys do right now, for the active step's badge. */
export interface StepKeys {
  /** Single-key shortcuts switched on. */
  enabled: boolean;
  /** Focus is in a text field or dialog: single keys type text there. */
  paused: boolean;
  /** The first key(s) of a two-key choice typed so far ("p"), or "". */
  prefix: string;
}

export interface Option {
  value: string;
  label: string;
  /** Small text under the label (a KLE number). */
  detail?: string;
  /** The key (or two-key sequence, "p1") that picks it while its step is active. */
  keyHint?: string;
  /** Fejlhenvendelse is set apart so it is never picked by mistake. */
  tone?: "warning";
}

export interface OptionGroup {
  label?: string;
  options: Option[];
}

/**
 * One step of the registration (Kanal, Type, …) as a fieldset of native radio buttons styled as
 * large tiles. Native radios give one tab stop per step and arrow-key movement for free. Arrow keys
 * only move within the step; a click, Space or the step's digit key also moves on to the next step.
 */
export function OptionStep({ step, legend, groups, value, active, showKeys, badge, onChoose, children, className }: {
  step: StepId;
  legend: string;
  groups: OptionGroup[];
  value: string | null;
  active: boolean;
  showKeys: boolean;
  badge: StepKeys;
  onChoose: (value: string, advance: boolean) => void;
  children?: ReactNode;
  className?: string;
}) {
  const arrowing = useRef(false);
  const onKeyDown = (e: KeyboardEvent) => {
    arrowing.current = e.key.startsWith("Arrow");
  };
  const nested = groups.length > 1;
  return (
    <fieldset
      data-step={step}
      aria-current={active ? "step" : undefined}
      onKeyDown={onKeyDown}
      onKeyUp={() => {
        arrowing.current = false;
      }}
      className={cn(
        "min-w-0 rounded-lg border-2 p-3 transition-colors",
        active ? "border-brand-700 bg-brand-50" : "border-slate-300 bg-white",
        className,
      )}
    >
      <StepLegend
        legend={legend}
        active={active}
        badge={badge}
        digitsOnly={groups.every((g) => g.options.every((o) => !o.keyHint || /^\d$/.test(o.keyHint)))}
      />
      {children}
      <div className={cn("clear-both", nested && "grid gap-3 sm:grid-cols-2")}>
        {groups.map((group, i) => {
          const tiles = (
            <div className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-2">
              {group.options.map((option) => (
                <Tile
                  key={option.value}
                  name={step}
                  option={option}
                  checked={value === option.value}
                  showKeys={showKeys}
                  onChange={() => onChoose(option.value, !arrowing.current)}
                />
              ))}
            </div>
          );
          return group.label ? (
            <fieldset key={group.label ?? i} className="min-w-0">
              <legend className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-700">{group.label}</legend>
              {tiles}
            </fieldset>
          ) : (
            <div key={i}>{tiles}</div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The step's name, and on the active step a badge that says what a key does now. */
export function StepLegend({ legend, active, badge, digitsOnly }: { legend: string; active: boolean; badge: StepKeys; digitsOnly: boolean }) {
  const text = !badge.enabled
    ? "Aktivt trin"
    : badge.paused
      ? "Aktivt trin · tasterne virker, når du er ude af tekstfeltet"
      : badge.prefix
        ? `${sequenceCap(badge.prefix)} … tast nu næste tegn`
        : digitsOnly
          ? "Aktivt trin: tast et tal"
          : "Aktivt trin: tast tallet eller bogstavet";
  return (
    <legend className="float-left mb-2 flex w-full flex-wrap items-center justify-between gap-2 text-lg font-semibold">
      <span>{legend}</span>
      {active ? (
        <span data-step-badge="" className="rounded bg-brand-700 px-2 py-0.5 text-sm font-medium text-white">
          {text}
        </span>
      ) : null}
    </legend>
  );
}

/** A large (≥ 44 px) radio tile with its key shown. */
export function Tile({ name, option, checked, showKeys, onChange }: {
  name: string;
  option: Option;
  checked: boolean;
  showKeys: boolean;
  onChange: () => void;
}) {
  return (
    <label
      className={cn(
        "relative flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 px-3 py-2 text-left",
        "has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus",
        checked
          ? "border-brand-800 bg-brand-700 text-white"
          : option.tone === "warning"
            ? "border-amber-700 bg-amber-50 text-slate-900 hover:bg-amber-100"
            : "border-slate-400 bg-white text-slate-900 hover:border-brand-700 hover:bg-brand-50",
      )}
    >
      <input
        type="radio"
        name={name}
        value={option.value}
        checked={checked}
        onChange={onChange}
        aria-keyshortcuts={showKeys && option.keyHint?.length === 1 ? keyCap(option.keyHint) : undefined}
        className="sr-only"
      />
      {showKeys && option.keyHint ? (
        <Kbd className={cn("whitespace-nowrap", checked && "border-white")}>{sequenceCap(option.keyHint)}</Kbd>
      ) : null}
      {showKeys && option.keyHint && option.keyHint.length > 1 ? (
        <span className="sr-only">(tast {[...option.keyHint].map(keyCap).join(" og så ")})</span>
      ) : null}
      <span className="min-w-0 leading-tight">
        {option.detail ? (
          <span className={cn("block text-sm", option.tone !== "warning" && "font-mono", checked ? "text-white" : "text-slate-700")}>
            {option.detail}
          </span>
        ) : null}{" "}
        <span className="block font-medium">{option.label}</span>
      </span>
      {checked ? (
        <span aria-hidden="true" className="ml-auto text-lg">
          ✓
        </span>
      ) : null}
    </label>
  );
}
