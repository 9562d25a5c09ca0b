"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { undoBatchAction } from "@/lib/exchange/actions";

interface BatchActionState {
  message?: string;
  ok?: string;
  error?: string;
}

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
  action?: (prev: BatchActionState, formData: FormData) => Promise<BatchActionState>;
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
        {state.error ?? state.message ?? ""}
      </span>
    </form>
  );
}
