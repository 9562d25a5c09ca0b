import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A visible key hint ("G", "1", "Enter"). Hidden from screen readers by default: the control it
 * decorates announces the key through aria-keyshortcuts instead, so names are not read twice.
 */
export function Kbd({ children, className, announce = false }: { children: ReactNode; className?: string; announce?: boolean }) {
  return (
    <kbd
      aria-hidden={announce ? undefined : true}
      className={cn(
        "inline-flex min-w-6 items-center justify-center rounded border border-slate-500 bg-white px-1.5 font-mono text-sm font-semibold leading-6 text-slate-900 shadow-[0_1px_0_0_rgb(100_116_139)]",
        className,
      )}
    >
      {children}
    </kbd>
  );
}
