import Link from "next/link";
import type { ReactNode } from "react";
import { SiteFooter } from "./site-footer";
import { SkipLink } from "./skip-link";

/** A page that anyone may read, signed in or not (accessibility statement, about, Det Digitale Landkort). No session is read. */
export function PublicPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-2">
          <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-slate-900 no-underline">
            Spor
          </Link>
        </div>
      </header>
      <main id="indhold" tabIndex={-1} className={`mx-auto w-full ${wide ? "max-w-6xl" : "max-w-3xl"} flex-1 px-4 py-8 focus:outline-none`}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
