"use client";

import { type ReactNode, startTransition, useActionState, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { FormState } from "@/lib/actions/form-state";
import { type FormAction } from "@/components/forms/action-form";
import { FormStatus } from "@/components/forms/form-status";
import { useFormFlash } from "@/components/forms/flash";

/**
 * A button that asks before it acts: archive, delete, deactivate, new password. The dialog says
 * what will happen; the result is shown next to the button after the dialog closes.
 */
export function ConfirmAction({
  action,
  fields,
  triggerLabel,
  title,
  children,
  confirmLabel,
  variant = "secondary",
  triggerAriaLabel,
  formContent,
}: {
  action: FormAction;
  fields: Record<string, string>;
  triggerLabel: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  /** A longer accessible name for the trigger when its visible label is short (e.g. "Fortryd" in a table row). */
  triggerAriaLabel?: string;
  /** Fields the person fills in inside the dialog's form (e.g. a checkbox that confirms something). */
  formContent?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const report = useFormFlash();
  const [state, formAction, pending] = useActionState(async (prev: FormState, data: FormData) => {
    const result = await action(prev, data);
    if (!result.error) setOpen(false);
    report(result);
    return result;
  }, {});
  return (
    <div className="space-y-3">
      <Button variant={variant} onClick={() => setOpen(true)} aria-label={triggerAriaLabel}>
        {triggerLabel}
      </Button>
      {!open ? <FormStatus state={state} /> : null}
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div className="space-y-3">{children}</div>
        <form
          action={formAction}
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(() => formAction(data));
          }}
          className="space-y-3"
        >
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {formContent}
          {open && state.error ? <FormStatus state={state} /> : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit">{pending ? "Arbejder …" : confirmLabel}</Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Annullér
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
