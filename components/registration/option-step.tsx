"use client";

import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { keyCap, sequenceCap } from "./keys";
import type { StepId } from "./model";

const TILE_GRID = {
  // min(…, 100%): in a column narrower than one tile, the tile takes the column instead of overflowing it.
  // Three task columns from 1024 px, whatever the column's width: 24 tasks in nine rows fit one screen.
  task: "grid-cols-[repeat(auto-fill,minmax(min(13rem,100%),1fr))] lg:grid-cols-3",
  type: "grid-cols-[repeat(auto-fill,minmax(min(13rem,100%),1fr))] lg:grid-cols-1",
  wide: "grid-cols-[repeat(auto-fill,minmax(min(10rem,100%),1fr))]",
  channel: "grid-cols-[repeat(auto-fill,minmax(min(9rem,100%),1fr))] lg:grid-cols-2",
  narrow: "grid-cols-[repeat(auto-fill,minmax(min(6.5rem,100%),1fr))]",
  // Blanket's two answers side by side on a 1024 px tablet, where Afslutning (three closures since the
  // hand-off) stands above it in the narrow third column: one row less, so the whole screen still fits.
  form: "grid-cols-[repeat(auto-fill,minmax(min(6.5rem,100%),1fr))] lg:max-xl:grid-cols-2",
  answer: "grid-cols-[repeat(auto-fill,minmax(min(5rem,100%),1fr))]",
};

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
export function OptionStep({
  step,
  legend,
  groups,
  value,
  active,
  showKeys,
  badge,
  onChoose,
  children,
  legendInline = false,
  className,
  stackGroups = false,
  tiles: tileWidth = "wide",
}: {
  step: StepId;
  legend: string;
  groups: OptionGroup[];
  value: string | null;
  active: boolean;
  showKeys: boolean;
  badge: StepKeys;
  onChoose: (value: string, advance: boolean) => void;
  children?: ReactNode;
  /** The step's name leaves room beside it on wide screens (for the task search). */
  legendInline?: boolean;
  className?: string;
  /** Groups one above the other (Kanal: Ind over Ud) instead of side by side. */
  stackGroups?: boolean;
  /** Tile width: "task" for KLE titles (three columns on wide screens), "type" for long labels in one column, "wide" for names, "narrow", "form" and "answer" for short labels. */
  tiles?: keyof typeof TILE_GRID;
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
        "relative min-w-0 rounded-lg border-2 p-3 transition-colors lg:px-2 lg:py-1",
        active ? "border-brand-700 bg-brand-50" : "border-slate-300 bg-white",
        className,
      )}
    >
      <StepLegend
        inline={legendInline}
        legend={legend}
        active={active}
        badge={badge}
        digitsOnly={groups.every((g) => g.options.every((o) => !o.keyHint || /^\d$/.test(o.keyHint)))}
      />
      {children}
      <div className={cn("clear-both", nested && "grid gap-x-3 gap-y-1", nested && !stackGroups && "sm:grid-cols-2")}>
        {groups.map((group, i) => {
          const tiles = (
            <div className={cn("grid gap-2 lg:gap-1", TILE_GRID[tileWidth])}>
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
              <legend className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-700 lg:mb-0.5 lg:text-xs">
                {group.label}
              </legend>
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
export function StepLegend({
  legend,
  active,
  badge,
  digitsOnly,
  inline = false,
}: {
  legend: string;
  active: boolean;
  badge: StepKeys;
  digitsOnly: boolean;
  inline?: boolean;
}) {
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
    <legend
      className={cn(
        "float-left mb-2 flex w-full flex-wrap items-center justify-between gap-2 text-lg font-semibold lg:mb-1 lg:text-base",
        inline && "lg:mr-3 lg:w-auto",
      )}
    >
      <span>{legend}</span>
      {active ? (
        // From 1024 px the badge sits on the step's top border: it takes no room, so nothing moves when the active step changes.
        <span
          data-step-badge=""
          className="rounded bg-brand-700 px-2 py-0.5 text-sm font-medium text-white lg:absolute lg:-top-2.5 lg:right-3 lg:py-0 lg:text-xs"
        >
          {text}
        </span>
      ) : null}
    </legend>
  );
}

/** A large (≥ 44 px) radio tile with its key shown. */
export function Tile({
  name,
  option,
  checked,
  showKeys,
  onChange,
}: {
  name: string;
  option: Option;
  checked: boolean;
  showKeys: boolean;
  onChange: () => void;
}) {
  return (
    <label
      className={cn(
        // Compact on wide screens, where the whole registration must fit one screen (≥ 40 px targets).
        "relative flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 px-3 py-2 text-left lg:min-h-10 lg:gap-1 lg:px-1 lg:py-0.5 xl:gap-1.5 xl:px-1.5",
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
      {/* Words break only when one alone is wider than the tile (200 % zoom), never mid-word otherwise. */}
      <span className="min-w-0 leading-tight wrap-break-word lg:text-[0.8125rem] lg:leading-[1.15] xl:text-sm">
        {option.detail ? (
          <span
            className={cn(
              "block text-sm lg:mr-1 lg:inline lg:text-xs max-xl:lg:sr-only",
              option.tone !== "warning" && "font-mono",
              checked ? "text-white" : "text-slate-700",
            )}
          >
            {option.detail}
          </span>
        ) : null}{" "}
        <span className="block font-medium lg:inline">{option.label}</span>
      </span>
      {checked ? (
        <span
          aria-hidden="true"
          className="ml-auto text-lg lg:absolute lg:-left-1.5 lg:-top-2 lg:rounded-full lg:border lg:border-brand-800 lg:bg-white lg:px-1 lg:text-xs lg:leading-4 lg:text-brand-800"
        >
          ✓
        </span>
      ) : null}
    </label>
  );
}
