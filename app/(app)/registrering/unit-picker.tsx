"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { chooseUnitAction } from "@/lib/registrations/actions";
import type { FormState } from "@/lib/actions/form-state";

export interface PickableUnit {
  id: string;
  name: string;
  municipalityName: string;
}

/** A registrant in several units picks one; the choice is remembered for next time. */
export function UnitPicker({ units, chosenUnitId }: { units: PickableUnit[]; chosenUnitId: string | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(chooseUnitAction, {});
  const current = state.id ?? chosenUnitId;
  return (
    <section aria-labelledby="unit-picker-heading" className="mb-4">
      <h2 id="unit-picker-heading" className="mb-2 text-lg font-semibold">
        Enhed
      </h2>
      <div aria-live="polite">{state.error ? <Alert tone="error" title={state.error} className="mb-4" /> : null}</div>
      <ul className="flex flex-wrap gap-2">
        {units.map((unit) => {
          const chosen = unit.id === current;
          return (
            <li key={unit.id} data-unit-id={unit.id}>
              <form action={action} data-form="choose-unit" className="flex items-center justify-between gap-3 rounded-md border border-slate-300 bg-white px-3 py-1.5">
                <input type="hidden" name="unitId" value={unit.id} />
                <span>
                  <span className="block font-medium">{unit.name}</span>
                  <span className="block text-sm text-slate-700">{unit.municipalityName}</span>
                </span>
                {chosen ? (
                  <span className="rounded bg-brand-50 px-3 py-2 font-medium text-brand-900">Valgt</span>
                ) : (
                  <Button type="submit" variant="secondary" aria-label={`Vælg ${unit.name}`} disabled={pending}>
                    Vælg
                  </Button>
                )}
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
