"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { undoBatchAction } from "@/lib/exchange/actions";

/** Undoes one batch after a confirmation; the message is announced. */
export function UndoBatchButton({ batchId, label }: { batchId: string; label: string }) {
  const [state, action, pending] = useActionState(undoBatchAction, {});
  return (
    <form
      action={action}
      data-form="undo-batch"
      onSubmit={(e) => {
        if (!window.confirm(`Fortryd ${label}? Alle dens registreringer slettes.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Fortryd ${label}`}>
        Fortryd
      </Button>
      <span role="status" className="ml-2">
        {state.error ?? state.message ?? ""}
      </span>
    </form>
  );
}
