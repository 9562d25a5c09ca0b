"use client";

import "./globals.css";

/** Last resort when the root layout itself fails; it must render its own <html>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="da">
      <body>
        <main className="mx-auto max-w-3xl px-4 py-8">
          <h1 className="mb-4 text-2xl">Der skete en fejl</h1>
          <p className="mb-4">Der skete en fejl. Prøv igen, og kontakt support, hvis fejlen fortsætter.</p>
          {error.digest ? <p className="mb-4 text-sm">Fejlkode: {error.digest}</p> : null}
          <button type="button" onClick={reset} className="min-h-11 rounded-md bg-blue-700 px-4 py-2 text-white">
            Prøv igen
          </button>
        </main>
      </body>
    </html>
  );
}
