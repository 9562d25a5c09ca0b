"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";

/** Unexpected errors: a generic Danish message, never the error's own text. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main id="indhold" className="mx-auto w-full max-w-3xl px-4 py-8">
      <div role="alert" className="space-y-4">
        <h1 className="text-2xl sm:text-3xl">Der skete en fejl</h1>
        <p>{GENERIC_ERROR_MESSAGE}</p>
        {error.digest ? <p className="text-sm text-slate-700">Fejlkode: {error.digest}</p> : null}
      </div>
      <div className="mt-6 flex flex-wrap gap-3">
        <Button onClick={reset}>Prøv igen</Button>
        <Link href="/" className="inline-flex min-h-11 items-center">
          Gå til forsiden
        </Link>
      </div>
    </main>
  );
}
