import type { ReactNode } from "react";
import { useId } from "react";

/** The page's single h1 and an optional lead paragraph. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6 space-y-2">
      <h1 className="text-2xl sm:text-3xl">{title}</h1>
      {children ? <div className="max-w-prose text-slate-700">{children}</div> : null}
    </div>
  );
}

/** A titled block of a page (h2). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mb-8 space-y-3">
      <h2 id={id} className="text-xl">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-400 bg-white px-4 py-6 text-slate-700">{children}</p>;
}

export function Badge({ children }: { children: ReactNode }) {
  return (
    <span className="ml-2 inline-block rounded border border-slate-400 bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">
      {children}
    </span>
  );
}
