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
  // The municipality only tells units apart when they are in more than one (a KL or consultant account).
  const manyMunicipalities = new Set(units.map((u) => u.municipalityName)).size > 1;
  return (
    <section aria-labelledby="unit-picker-heading" className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <h2 id="unit-picker-heading" className="text-lg font-semibold">
        Enhed
      </h2>
      <div aria-live="polite" className="basis-full empty:hidden">
        {state.error ? <Alert tone="error" title={state.error} /> : null}
      </div>
      <ul className="flex flex-wrap gap-2">
        {units.map((unit) => {
          const chosen = unit.id === current;
          return (
            <li key={unit.id} data-unit-id={unit.id}>
              <form
                action={action}
                data-form="choose-unit"
                className="flex items-center justify-between gap-3 rounded-md border border-slate-300 bg-white px-3 py-1"
              >
                <input type="hidden" name="unitId" value={unit.id} />
                <span className="leading-tight">
                  <span className="block font-medium">{unit.name}</span>
                  {manyMunicipalities ? <span className="block text-sm text-slate-700">{unit.municipalityName}</span> : null}
                </span>
                {chosen ? (
                  <span className="rounded bg-brand-50 px-3 py-2 font-medium text-brand-900 xl:py-1">Valgt</span>
                ) : (
                  <Button
                    type="submit"
                    variant="secondary"
                    aria-label={`Vælg ${unit.name}`}
                    disabled={pending}
                    className="xl:min-h-9 xl:py-1"
                  >
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
