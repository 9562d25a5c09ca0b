"use client";

import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import { FAVOURITE_KEYS, KEY_REPEAT, keyCap } from "./keys";
import { summarise } from "./model";
import type { Registration } from "./use-registration";

const quick =
  "flex min-h-12 items-center gap-2 rounded-md border-2 px-3 py-2 text-left font-medium disabled:cursor-not-allowed disabled:opacity-60 lg:min-h-10 lg:py-1";

/** One click or one key: repeat the last registration, or register a favourite. */
export function QuickBar({ reg }: { reg: Registration }) {
  const keys = reg.shortcutsEnabled;
  return (
    <div role="group" aria-labelledby="quick-heading" className="space-y-2 lg:space-y-1">
      <h3 id="quick-heading" className="text-lg lg:sr-only">
        Hurtig registrering
      </h3>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={reg.repeat}
          disabled={!reg.last}
          aria-keyshortcuts={keys ? keyCap(KEY_REPEAT) : undefined}
          className={cn(quick, "border-brand-800 bg-brand-700 text-white hover:bg-brand-800")}
        >
          {keys ? <Kbd>{keyCap(KEY_REPEAT)}</Kbd> : null}
          <span>
            <span className="block">Gentag</span>
            {/* Two lines kept from 1024 px whether or not there is a last registration, so Gem below never moves on the first save. */}
            <span className="block text-sm font-normal lg:line-clamp-2 lg:min-h-[2lh]">
              {reg.last ? summarise(reg.screen, reg.last) : "Ingen endnu i dag"}
            </span>
          </span>
        </button>
        {reg.favourites.map((favourite, i) => {
          const key = FAVOURITE_KEYS[i] ? keyCap(FAVOURITE_KEYS[i]) : undefined;
          return (
            <button
              key={favourite.id}
              type="button"
              data-favourite={favourite.name}
              onClick={() => reg.registerFavourite(favourite)}
              aria-keyshortcuts={keys && key ? key : undefined}
              className={cn(quick, "border-slate-400 bg-white text-slate-900 hover:border-brand-700 hover:bg-brand-50")}
            >
              {keys && key ? <Kbd>{key}</Kbd> : null}
              <span>
                <span className="block">{favourite.name}</span>
                <span className="block text-sm font-normal text-slate-700">{summarise(reg.screen, favourite)}</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
