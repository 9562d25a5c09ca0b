"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { deleteMassRegistrationAction } from "@/lib/exchange/mass-actions";

/** Deletes one mass registration (undoes its batch) after a confirmation; the answer is announced. */
export function DeleteMassRegistrationButton({ batchId, label }: { batchId: string; label: string }) {
  const [state, action, pending] = useActionState(deleteMassRegistrationAction, {});
  return (
    <form
      action={action}
      data-form="delete-mass-registration"
      onSubmit={(e) => {
        if (!window.confirm(`Slet masseregistreringen (${label})?`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Slet masseregistreringen: ${label}`}>
        Slet
      </Button>
      <span role="status" className="ml-2">
        {state.error ?? ""}
      </span>
    </form>
  );
}
