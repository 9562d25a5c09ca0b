"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { indentClass } from "@/components/ui/indent";

// A list of checkboxes for one filter (units, tasks, channels): all are sent with the GET form under
// one name. With script, a search box narrows the list as you type (the hidden ones keep their
// state and are still sent); without script the list is simply all there.

export interface ChecklistItem {
  value: string;
  label: string;
  /** Indentation (sub-units). */
  depth?: number;
}

export function Checklist({
  name,
  legend,
  hint,
  items,
  selected,
  searchLabel,
}: {
  name: string;
  legend: string;
  hint?: string;
  items: readonly ChecklistItem[];
  selected: readonly string[];
  /** The search box's label; no search box when absent. */
  searchLabel?: string;
}) {
  const id = useId();
  // True once hydrated (false in the server's HTML): the search box shows only when it works.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [search, setSearch] = useState("");
  const [checked, setChecked] = useState(() => new Set(selected));
  const words = search.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
  const shown = (item: ChecklistItem) => words.every((w) => item.label.toLocaleLowerCase("da").includes(w));
  const hits = items.filter(shown).length;
  return (
    <fieldset className="min-w-0">
      <legend className="font-medium">{legend}</legend>
      {hint ? <p className="text-sm text-slate-700">{hint}</p> : null}
      {searchLabel ? (
        <div hidden={!ready} className="mt-1">
          <label htmlFor={`${id}-search`} className="sr-only">
            {searchLabel}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder={searchLabel}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              // Enter in the search box narrows the list; it must not submit the filters.
              if (e.key === "Enter") e.preventDefault();
            }}
            aria-controls={`${id}-list`}
            className="block w-full rounded border border-slate-500 bg-white px-2 py-1.5"
          />
        </div>
      ) : null}
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {checked.size ? `${checked.size} valgt` : "Ingen valgt: alle tæller med"}
        {ready && words.length ? ` · ${hits} af ${items.length} vist` : ""}
      </p>
      <ul id={`${id}-list`} className="mt-1 max-h-60 overflow-y-auto rounded border border-slate-300 bg-white p-1">
        {items.map((item) => (
          <li key={item.value} hidden={ready && !shown(item)}>
            <label
              className={`flex min-h-9 cursor-pointer items-start gap-2 rounded px-1 py-1 hover:bg-slate-100 ${indentClass(item.depth ?? 0)}`}
            >
              <input
                type="checkbox"
                name={name}
                value={item.value}
                defaultChecked={selected.includes(item.value)}
                onChange={(e) => {
                  const next = new Set(checked);
                  if (e.target.checked) next.add(item.value);
                  else next.delete(item.value);
                  setChecked(next);
                }}
                className="mt-1 size-4 shrink-0"
              />
              <span>{item.label}</span>
            </label>
          </li>
        ))}
        {ready && words.length && !hits ? <li className="px-1 py-1 text-sm text-slate-700">Ingen match</li> : null}
      </ul>
    </fieldset>
  );
}

const noSubscription = () => () => {};
