"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/form-state";
import { undoBatchAction } from "@/lib/exchange/actions";

/**
 * Undoes one batch after a confirmation; the answer is announced. Also the "Slet" of a mass
 * registration, which passes its own (more widely allowed) action and wording.
 */
export function UndoBatchButton({
  batchId,
  label,
  action = undoBatchAction,
  verb = "Fortryd",
  confirmText = `Fortryd ${label}? Alle dens registreringer slettes.`,
}: {
  batchId: string;
  label: string;
  action?: (prev: FormState, formData: FormData) => Promise<FormState>;
  verb?: string;
  confirmText?: string;
}) {
  const [state, dispatch, pending] = useActionState(action, {});
  return (
    <form
      action={dispatch}
      data-form="undo-batch"
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${verb} ${label}`}>
        {verb}
      </Button>
      <span role="status" className="ml-2">
        {state.error ?? state.ok ?? ""}
      </span>
    </form>
  );
}
