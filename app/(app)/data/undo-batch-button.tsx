"use client";

import type { FormState } from "@/lib/actions/form-state";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { undoBatchAction } from "@/lib/exchange/actions";

/**
 * Undoes one batch after a confirmation in Spor's own dialog (focus kept inside, Escape cancels);
 * the answer is announced. Also the "Slet" of a mass registration, which passes its own (more
 * widely allowed) action and wording.
 */
export function UndoBatchButton({
  batchId,
  label,
  action = undoBatchAction,
  verb = "Fortryd",
  confirmText = `Alle registreringer fra ${label} slettes og tæller ikke længere med. Det kan ikke gøres om.`,
}: {
  batchId: string;
  label: string;
  action?: (prev: FormState, formData: FormData) => Promise<FormState>;
  verb?: string;
  confirmText?: string;
}) {
  return (
    <div data-form="undo-batch">
      <ConfirmAction
        action={action}
        fields={{ batchId }}
        triggerLabel={verb}
        triggerAriaLabel={`${verb} ${label}`}
        title={`${verb} ${label}?`}
        confirmLabel={`Ja, ${verb.toLowerCase()}`}
      >
        <p>{confirmText}</p>
      </ConfirmAction>
    </div>
  );
}
