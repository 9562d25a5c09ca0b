import Link from "next/link";

/** The footer every page shares, signed in or not. */
export function SiteFooter() {
  return (
    <footer className="print:hidden mt-auto border-t border-slate-300 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 text-sm">
        <Link href="/tilgaengelighed" className="inline-flex min-h-11 items-center">
          Tilgængelighedserklæring
        </Link>
        <Link href="/om-spor" className="inline-flex min-h-11 items-center">
          Om Spor
        </Link>
      </div>
    </footer>
  );
}
