"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/form-state";
import { setPackageItemAction } from "@/lib/tasks/package-actions";

/** A task's two switches in a package: obligatory/optional and in/out of the package. */
export function ItemButtons({
  packageId,
  taskId,
  label,
  obligatory,
  removed,
}: {
  packageId: string;
  taskId: string;
  label: string;
  obligatory: boolean;
  removed: boolean;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(setPackageItemAction, {});
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="packageId" value={packageId} />
      <input type="hidden" name="taskId" value={taskId} />
      {removed ? null : (
        <Button
          type="submit"
          name="change"
          value={obligatory ? "optional" : "obligatory"}
          variant="secondary"
          disabled={pending}
          aria-label={`${obligatory ? "Gør frivillig" : "Gør obligatorisk"}: ${label}`}
        >
          {obligatory ? "Gør frivillig" : "Gør obligatorisk"}
        </Button>
      )}
      <Button
        type="submit"
        name="change"
        value={removed ? "restore" : "remove"}
        variant="secondary"
        disabled={pending}
        aria-label={`${removed ? "Tag med igen" : "Tag ud af pakken"}: ${label}`}
      >
        {removed ? "Tag med igen" : "Tag ud"}
      </Button>
      <span role="alert" className="text-sm text-red-800">
        {state.error ?? ""}
      </span>
    </form>
  );
}
