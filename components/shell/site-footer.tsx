import Link from "next/link";
import { accessibilityStatementUrl } from "@/lib/privacy/settings";

/**
 * The footer every page shares, signed in or not. The accessibility statement is a setting
 * (SPOR_ACCESSIBILITY_URL: KL's national statement, the municipality's own, or the built-in page);
 * every page renders per request (app/layout.tsx), so it is read at run time.
 */
export function SiteFooter() {
  const statement = accessibilityStatementUrl();
  const linkClass = "inline-flex min-h-11 items-center";
  return (
    <footer className="print:hidden mt-auto border-t border-slate-300 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 text-sm">
        {statement.startsWith("/") ? (
          <Link href={statement} className={linkClass}>
            Tilgængelighedserklæring
          </Link>
        ) : (
          <a href={statement} className={linkClass}>
            Tilgængelighedserklæring
          </a>
        )}
        <Link href="/privatliv" className={linkClass}>
          Privatliv
        </Link>
        <Link href="/om-spor" className={linkClass}>
          Om Spor
        </Link>
      </div>
    </footer>
  );
}
