"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/field";
import { postForm } from "@/components/post-form";
import type { FormState } from "@/lib/actions/form-state";

/**
 * KL's vendor file: «Forhåndsvis» checks the whole file and sums it up per municipality without
 * storing anything; «Indlæs» stores it, all or nothing (app/api/self-service/vendor-file).
 */
export function VendorUpload() {
  const router = useRouter();
  const action = useCallback(
    async (_prev: FormState, data: FormData): Promise<FormState> => {
      const preview = data.get("vis") === "1";
      data.delete("vis");
      const { body } = await postForm<FormState>(`/api/self-service/vendor-file${preview ? "?vis=1" : ""}`, data);
      if (body.ok && !body.error && !preview) router.refresh();
      return { ...body, at: Date.now() };
    },
    [router],
  );
  return (
    <ActionForm
      action={action}
      submitLabel="Indlæs"
      pendingLabel="Arbejder …"
      label="Indlæs leverandørdata"
      encType="multipart/form-data"
      extraButtons={
        <Button type="submit" name="vis" value="1" variant="secondary">
          Forhåndsvis
        </Button>
      }
    >
      <p id="vendor-help" className="text-slate-700">
        CSV med kolonnerne kommune;opgave;uge;antal;loesning — én række pr. kommune, KLE-opgave, ISO-uge (fx 2026-W18) og løsning. Alle
        rækker kontrolleres, før noget gemmes; hver kommune ser sine tal under Data med KL som afsender.
      </p>
      <Label htmlFor="vendor-file">Fil med leverandørdata</Label>
      <input
        id="vendor-file"
        name="fil"
        type="file"
        accept=".csv,text/csv"
        required
        aria-describedby="vendor-help"
        className="block min-h-11"
      />
    </ActionForm>
  );
}
