import Link from "next/link";
import type { ReactNode } from "react";
import { MainNav } from "@/components/shell/main-nav";
import { SECTION_LINKS } from "@/components/shell/sections";
import { SiteFooter } from "@/components/shell/site-footer";
import { SkipLink } from "@/components/shell/skip-link";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, ROLES, sectionsFor } from "@/lib/auth/access";
import { signOutAction } from "@/lib/auth/actions";
import { requireUser } from "@/lib/auth/guards";

// Every page reads the session: never prerender at build time (that would open the database).
export const dynamic = "force-dynamic";

/** The signed-in shell: header with user and roles, navigation by role, main, footer. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const roles = ROLES.filter((role) => user.access.memberships.some((m) => m.role === role)).map((role) => ROLE_LABELS[role]);
  const navItems = sectionsFor(user.access).map((section) => SECTION_LINKS[section]);

  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-slate-300 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-slate-900 no-underline">
            Spor
          </Link>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="text-sm leading-tight">
              <span className="block font-medium">{user.name}</span>
              <span className="block text-slate-700">{roles.length ? roles.join(", ") : "Ingen roller"}</span>
            </p>
            <Link href="/hjaelp" className="inline-flex min-h-11 items-center">
              Sådan tæller du
            </Link>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary">
                Log ud
              </Button>
            </form>
          </div>
        </div>
        <MainNav items={navItems} />
      </header>
      <main id="indhold" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:py-8">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
