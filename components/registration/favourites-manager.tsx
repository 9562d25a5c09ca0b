"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/field";
import { summarise, toCombination } from "./model";
import type { Registration } from "./use-registration";

const MAX_FAVOURITES = 9; // one per key Q–O; the server enforces the same limit

/** Create a favourite from the current selection, or delete one, without leaving the screen. */
export function FavouritesManager({ reg }: { reg: Registration }) {
  const combination = toCombination(reg.selection);
  const suggestion = combination ? summarise(reg.screen, combination) : "";
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const full = reg.favourites.length >= MAX_FAVOURITES;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const problem = await reg.addFavourite((name || suggestion).slice(0, 60));
    setBusy(false);
    setError(problem);
    if (!problem) setName("");
  };

  return (
    <details className="rounded-md border border-slate-300 bg-white">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 font-medium">
        Administrér favoritter ({reg.favourites.length})
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-3">
        <form onSubmit={submit} className="space-y-2" aria-label="Ny favorit">
          <p className="text-sm text-slate-700">
            {combination
              ? `Gemmer det aktuelle valg: ${suggestion}.`
              : "Vælg kanal, opgave, type og afslutning i registreringen, og gem så valget som favorit her."}
          </p>
          <Label htmlFor={inputId}>Navn på favorit</Label>
          <div className="flex flex-wrap gap-2">
            <Input
              id={inputId}
              value={name}
              maxLength={60}
              placeholder={suggestion || "F.eks. Telefon · Flytning"}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              className="min-w-0 flex-1"
            />
            <Button type="submit" variant="secondary" disabled={!combination || busy || full}>
              Gem som favorit
            </Button>
          </div>
          <FieldError id={errorId}>{error ?? (full ? `Du har ${MAX_FAVOURITES} favoritter, som er det højeste antal.` : null)}</FieldError>
        </form>
        {reg.favourites.length ? (
          <ul className="divide-y divide-slate-200">
            {reg.favourites.map((f) => (
              <li key={f.id} className="flex items-center justify-between gap-3 py-2">
                <span>
                  <span className="block font-medium">{f.name}</span>
                  <span className="block text-sm text-slate-700">{summarise(reg.screen, f)}</span>
                </span>
                <Button variant="secondary" onClick={() => void reg.deleteFavourite(f)} aria-label={`Slet favorit ${f.name}`}>
                  Slet
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">Du har ingen favoritter endnu.</p>
        )}
      </div>
    </details>
  );
}
