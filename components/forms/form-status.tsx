"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/actions/form-state";
import { LinkDownload } from "@/components/forms/link-download";

/** Success and error messages in live regions that exist before any message, so both are announced. */
export function FormStatus({ state }: { state: FormState }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {state.ok && !state.error ? (
          <Alert tone="success">
            {state.ok}
            {state.problems?.length ? <ProblemList problems={state.problems} /> : null}
          </Alert>
        ) : null}
      </div>
      <div role="alert" aria-live="assertive">
        {state.error ? (
          <Alert tone="error">
            {state.error}
            {state.problems?.length ? <ProblemList problems={state.problems} /> : null}
          </Alert>
        ) : null}
      </div>
      {state.secrets?.length ? <Secrets secrets={state.secrets} /> : null}
      {state.linkDownload ? <LinkDownload key={state.linkDownload.issuedAt} ticket={state.linkDownload} /> : null}
    </>
  );
}

function ProblemList({ problems }: { problems: string[] }) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      {problems.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ul>
  );
}

/** Links and passwords shown once: read-only fields with a copy button. */
function Secrets({ secrets }: { secrets: NonNullable<FormState["secrets"]> }) {
  return (
    <div className="space-y-3 rounded-md border-2 border-amber-600 bg-amber-50 p-4" data-testid="secrets">
      <p className="font-semibold">Vises kun denne ene gang – kopiér det nu.</p>
      {secrets.map((s, i) => (
        <SecretField key={i} label={s.label} value={s.value} note={s.note} />
      ))}
    </div>
  );
}

function SecretField({ label, value, note }: { label: string; value: string; note?: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Kopieret" : "Kopiér"}
        </Button>
      </div>
      {note ? <p className="mt-1 text-sm text-slate-700">{note}</p> : null}
    </div>
  );
}
