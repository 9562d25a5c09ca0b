"use client";

import { RouteForm } from "@/components/forms/route-form";
import { Label } from "@/components/ui/field";

/** The reference-count file goes to its route handler (app/api/reference-counts), all or nothing. */
export function ReferenceUpload({ number }: { number: number }) {
  return (
    <RouteForm
      url={`/api/reference-counts?kommune=${number}`}
      submitLabel="Indlæs referencetal"
      pendingLabel="Indlæser …"
      label="Indlæs referencetal"
      encType="multipart/form-data"
      resetOnSuccess
    >
      <p id={`reference-help-${number}`} className="text-slate-700">
        CSV med kolonnerne kommune;enhed;dato;time;kanal;art;antal — pr. enhed (eller tom enhed for hele kommunen), pr. dag eller time. Alle
        rækker kontrolleres, før noget gemmes; en indlæsning kan fortrydes under Data.{" "}
        <a href="/api/exports/reference-template">Hent skabelon</a>.
      </p>
      <Label htmlFor={`reference-file-${number}`}>Fil med referencetal</Label>
      <input
        id={`reference-file-${number}`}
        name="fil"
        type="file"
        accept=".csv,text/csv"
        required
        aria-describedby={`reference-help-${number}`}
        className="block min-h-11"
      />
    </RouteForm>
  );
}
