import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type AdminTab = "units" | "weeks" | "users" | "questions" | "api" | "log";

const TABS: { id: AdminTab; href: string; label: string }[] = [
  { id: "units", href: "/administration", label: "Enheder" },
  { id: "weeks", href: "/administration/taelleuger", label: "Tælleuger" },
  { id: "users", href: "/administration/brugere", label: "Brugere" },
  { id: "questions", href: "/administration/spoergsmaal", label: "Ekstra spørgsmål" },
  { id: "api", href: "/administration/api-noegler", label: "API-nøgler" },
  { id: "log", href: "/administration/log", label: "Log" },
];

/** The administration's own navigation; carries the chosen municipality (?kommune=) along. */
export function AdminNav({ current, query }: { current: AdminTab; query: string }) {
  return (
    <nav aria-label="Administration" className="mb-6 border-b border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {TABS.map((tab) => (
          <li key={tab.id}>
            <Link
              href={`${tab.href}${query}`}
              aria-current={tab.id === current ? "page" : undefined}
              className={cn(
                "inline-flex min-h-11 items-center rounded-t-md px-3 py-2 font-medium no-underline",
                tab.id === current ? "border-b-4 border-brand-700 text-brand-900" : "text-slate-800 hover:bg-slate-100",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
