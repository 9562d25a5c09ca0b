"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { postForm } from "@/components/post-form";
import { ActionForm } from "@/components/forms/action-form";

/**
 * ActionForm for an upload route handler (a file streams to app/api/…, never through a server
 * action): the same states, live regions and flash as every administration form.
 */
export function RouteForm({ url, ...props }: Omit<Parameters<typeof ActionForm>[0], "action"> & { url: string }) {
  const router = useRouter();
  const action = useCallback(
    async (_prev: FormState, data: FormData): Promise<FormState> => {
      const { body } = await postForm<FormState>(url, data);
      // The route handler changed data the page shows (the user list, the KLE status): reload it.
      if (body.ok && !body.error) router.refresh();
      return { ...body, at: Date.now() };
    },
    [url, router],
  );
  return <ActionForm action={action} {...props} />;
}
