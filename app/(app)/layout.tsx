import Link from "next/link";
import type { ReactNode } from "react";
import { MainNav } from "@/components/shell/main-nav";
import { SECTION_LINKS } from "@/components/shell/sections";
import { SiteFooter } from "@/components/shell/site-footer";
import { SkipLink } from "@/components/shell/skip-link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
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
  // A short menu (frontline staff: Registrering and little else) joins the header's row already from
  // 1024 px, so the registration screen fits a landscape tablet; a long one does so from 1280 px.
  const shortNav = navItems.length <= 3;

  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      {/* From 1280 px (1024 px for a short menu) the navigation sits in the header's row, between the
          name and the user, so the registration screen has the height it needs; narrower, it is a row of its own. */}
      <header className="border-b border-slate-300 bg-white print:hidden">
        <div
          className={cn(
            "page-width mx-auto grid max-w-6xl grid-cols-[auto_1fr] items-center gap-x-6 gap-y-2 px-4 py-2 xl:grid-cols-[auto_1fr_auto] xl:py-1",
            shortNav && "lg:grid-cols-[auto_1fr_auto] lg:py-1",
          )}
        >
          <Link href="/" className="inline-flex min-h-11 items-center text-xl font-bold text-slate-900 no-underline">
            Spor
          </Link>
          <div className={cn("flex flex-wrap items-center justify-end gap-x-4 gap-y-2 xl:col-start-3", shortNav && "lg:col-start-3")}>
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
          <MainNav
            items={navItems}
            className={cn(
              "col-span-2 -mx-4 border-t border-slate-200 px-3 pt-1 xl:col-span-1 xl:col-start-2 xl:row-start-1 xl:mx-0 xl:border-t-0 xl:px-0 xl:pt-0",
              shortNav && "lg:col-span-1 lg:col-start-2 lg:row-start-1 lg:mx-0 lg:border-t-0 lg:px-0 lg:pt-0",
            )}
          />
        </div>
      </header>
      <main id="indhold" tabIndex={-1} className="page-width mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:py-8">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
