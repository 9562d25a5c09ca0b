"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/form-state";

type Ticket = NonNullable<FormState["linkDownload"]>;

/**
 * "Hent links som CSV": the one download of a user import's activation links. The server makes the
 * links at this moment and only in the file; a second press is refused there too.
 */
export function LinkDownload({ ticket }: { ticket: Ticket }) {
  const [state, setState] = useState<{ status: "ready" | "pending" | "done"; error?: string }>({ status: "ready" });
  async function download() {
    setState({ status: "pending" });
    try {
      const response = await fetch("/api/users/links", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ticket),
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        setState({ status: "ready", error: body.error ?? "Linkene kunne ikke hentes." });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = "aktiveringslinks.csv";
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ status: "done" });
    } catch {
      setState({ status: "ready", error: "Linkene kunne ikke hentes. Prøv igen." });
    }
  }
  return (
    <div className="space-y-3 rounded-md border-2 border-amber-600 bg-amber-50 p-4" data-testid="link-download">
      <p className="font-semibold">
        {ticket.userIds.length === 1 ? "1 aktiveringslink" : `${ticket.userIds.length} aktiveringslinks`} kan hentes én gang som CSV (navn,
        e-mail, rolle, link og udløb). Filen åbner i Excel. Giv hver bruger sit link, og slet filen bagefter.
      </p>
      {state.status === "done" ? null : (
        <Button onClick={download} disabled={state.status === "pending"}>
          {state.status === "pending" ? "Henter …" : "Hent links som CSV"}
        </Button>
      )}
      <div role="status" aria-live="polite">
        {state.status === "done" ? (
          <p>Linkene er hentet. De vises ikke igen – en bruger uden link kan få et nyt fra sin side under Brugere.</p>
        ) : null}
      </div>
      <div role="alert" aria-live="assertive">
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      </div>
    </div>
  );
}
