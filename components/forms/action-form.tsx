"use client";

import { type ReactNode, startTransition, useActionState, useEffect, useRef } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormState } from "@/lib/actions/form-state";
import { useFormFlash } from "@/components/forms/flash";
import { FormStatus } from "@/components/forms/form-status";

export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * The administration's one form style: <form action> + useActionState. Submitting through
 * onSubmit keeps what the user typed when the server answers with an error (React would otherwise
 * reset the form); without JavaScript the form still posts to the same action.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel = "Gemmer …",
  variant = "primary",
  className,
  resetOnSuccess = false,
  extraButtons,
  label,
  encType,
}: {
  action: FormAction;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  resetOnSuccess?: boolean;
  extraButtons?: ReactNode;
  /** An accessible name for the form (forms with a name are landmarks). */
  label?: string;
  encType?: "multipart/form-data";
}) {
  const report = useFormFlash();
  const [state, formAction, pending] = useActionState(async (prev: FormState, data: FormData) => {
    const result = await action(prev, data);
    report(result);
    return result;
  }, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetOnSuccess && state.ok && !state.error) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={formRef}
      action={formAction}
      encType={encType}
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        startTransition(() => formAction(data));
      }}
      className={cn("space-y-4", className)}
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {extraButtons}
      </div>
      <FormStatus state={state} />
    </form>
  );
}
