"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface NavItem {
  href: string;
  label: string;
}

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The primary navigation. The current section is marked with aria-current="page". */
export function MainNav({ items, className }: { items: NavItem[]; className?: string }) {
  const pathname = usePathname() ?? "";
  if (!items.length) return null;
  return (
    <nav aria-label="Hovedmenu" className={className}>
      <ul className="flex flex-wrap gap-1">
        {items.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-11 items-center rounded-md px-3 py-2 font-medium no-underline",
                  active
                    ? "bg-brand-50 text-brand-900 underline decoration-2 underline-offset-4"
                    : "text-slate-800 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
