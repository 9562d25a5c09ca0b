"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { KEY_FEJL, KEY_SEARCH } from "./keys";
import { FEJL_NUMBER, type Task } from "./model";
import { type Option, OptionStep, type StepKeys } from "./option-step";

const MAX_RESULTS = 8;

/** Type-ahead: a KLE number with or without dots ("2305", "23.05.10"), or words of the title. */
export function searchTasks(tasks: Task[], query: string): Task[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const digits = q.replace(/[.\s]/g, "");
  if (/^\d+$/.test(digits)) return tasks.filter((t) => t.number.replace(/\./g, "").startsWith(digits)).slice(0, MAX_RESULTS);
  const words = q.split(/\s+/);
  return tasks
    .filter((t) => {
      const haystack = `${t.number} ${t.title}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .slice(0, MAX_RESULTS);
}

/** The Opgave step: task tiles in the unit's order, each with its key, and a search combobox with its own listbox. */
export function TaskStep({
  tasks,
  keys,
  value,
  active,
  showKeys,
  badge,
  onChoose,
}: {
  tasks: Task[];
  keys: Map<string, string>;
  value: string | null;
  active: boolean;
  showKeys: boolean;
  badge: StepKeys;
  onChoose: (taskId: string, advance: boolean) => void;
}) {
  const options: Option[] = tasks
    .filter((t) => t.number !== FEJL_NUMBER)
    .map((t) => ({ value: t.id, label: t.title, detail: t.number, keyHint: keys.get(t.id) }));
  const fejl = tasks.find((t) => t.number === FEJL_NUMBER);
  if (fejl) {
    options.push({ value: fejl.id, label: "Fejlhenvendelse", detail: "Uden for kommunens opgaver", keyHint: KEY_FEJL, tone: "warning" });
  }
  return (
    <OptionStep
      step="task"
      legend="Opgave"
      tiles="task"
      legendInline
      groups={[{ options }]}
      value={value}
      active={active}
      showKeys={showKeys}
      badge={badge}
      onChoose={onChoose}
    >
      <TaskSearch tasks={tasks} showKeys={showKeys} onPick={(id) => onChoose(id, true)} />
    </OptionStep>
  );
}

function TaskSearch({ tasks, showKeys, onPick }: { tasks: Task[]; showKeys: boolean; onPick: (taskId: string) => void }) {
  const [query, setQuery] = useState("");
  const [highlight, setHighlight] = useState(0);
  const listId = useId();
  const inputId = useId();
  const hintId = useId();
  const results = searchTasks(tasks, query);
  const searching = query.trim().length > 0;
  const open = searching && results.length > 0;
  const current = results[Math.min(highlight, results.length - 1)];

  const pick = (task: Task | undefined) => {
    if (!task) return;
    setQuery("");
    setHighlight(0);
    onPick(task.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!results.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setHighlight((h) => (Math.min(h, results.length - 1) + step + results.length) % results.length);
    } else if (e.key === "Enter") {
      // Enter picks a result here; it must not also save the registration.
      e.preventDefault();
      e.stopPropagation();
      pick(current);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (query) setQuery("");
      else e.currentTarget.closest("fieldset")?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
    }
  };

  return (
    // Beside the step's name on wide screens: a flex box does not flow under the floated legend.
    <div className="relative mb-3 clear-both lg:clear-none lg:mb-1 lg:flex lg:items-center lg:gap-3">
      <label htmlFor={inputId} className="mb-1 flex shrink-0 items-center gap-2 font-medium lg:mb-0">
        Søg opgave (nummer eller ord)
        {showKeys ? <Kbd>{KEY_SEARCH}</Kbd> : null}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={hintId}
        aria-keyshortcuts={showKeys ? KEY_SEARCH : undefined}
        aria-activedescendant={open && current ? `${listId}-${current.id}` : undefined}
        data-task-search=""
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        className="block min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base lg:min-h-10 lg:py-1.5"
      />
      <p id={hintId} className="sr-only">
        Pil op og ned vælger blandt resultaterne, Enter vælger opgaven.
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label="Søgeresultater"
        hidden={!open}
        className="absolute top-full z-10 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-400 bg-white shadow-lg"
      >
        {results.map((task) => (
          <li
            key={task.id}
            id={`${listId}-${task.id}`}
            role="option"
            aria-selected={task === current}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(task)}
            className={cn(
              "flex min-h-11 cursor-pointer items-center gap-3 px-3 py-2",
              task === current ? "bg-brand-700 text-white" : "hover:bg-brand-50",
            )}
          >
            <span className="font-mono text-sm">{task.number === FEJL_NUMBER ? "" : task.number}</span>
            <span>{task.title}</span>
          </li>
        ))}
      </ul>
      <p role="status" className={cn("mt-1 text-slate-700", !(searching && !open) && "sr-only")}>
        {searching ? (open ? `${results.length} opgaver passer.` : "Ingen opgaver passer.") : ""}
      </p>
    </div>
  );
}
