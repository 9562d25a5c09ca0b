"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/form-state";
import { ssoSignInAction } from "@/lib/sso/actions";

const initialState: FormState<"municipality"> = {};

/** "Log ind med <kommune>": one button for one municipality, a choice first for several. */
export function SsoForm({ municipalities, next }: { municipalities: { number: number; name: string }[]; next?: string }) {
  const [state, formAction, pending] = useActionState(ssoSignInAction, initialState);
  const only = municipalities.length === 1 ? municipalities[0] : undefined;
  const error = state.error ?? state.fieldErrors?.municipality;
  return (
    <section aria-labelledby="sso-overskrift" className="space-y-3 rounded-md border border-slate-300 bg-white p-4 sm:p-6">
      <h2 id="sso-overskrift" className="text-lg font-semibold">
        Log ind med din kommune
      </h2>
      <div id="sso-fejl" aria-live="assertive" aria-atomic="true">
        {error ? <Alert tone="error">{error}</Alert> : null}
      </div>
      <form action={formAction} className="space-y-3">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {only ? (
          <input type="hidden" name="municipality" value={only.number} />
        ) : (
          <div>
            <Label htmlFor="sso-kommune">Kommune</Label>
            <Select
              id="sso-kommune"
              name="municipality"
              required
              defaultValue=""
              aria-describedby={error ? "sso-fejl" : undefined}
              className="mt-1"
            >
              <option value="" disabled>
                Vælg din kommune
              </option>
              {municipalities.map((m) => (
                <option key={m.number} value={m.number}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <Button type="submit" className="w-full sm:w-auto">
          {pending ? "Sender dig videre …" : only ? `Log ind med ${only.name}` : "Log ind med din kommune"}
        </Button>
      </form>
      <p className="text-sm text-slate-700">Du logger ind med din arbejdskonto hos kommunen og kommer tilbage til Spor bagefter.</p>
    </section>
  );
}
